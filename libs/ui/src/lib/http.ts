/** The API's base path: every call of the portal goes to the same origin, under this prefix. */
export const API = '/api/v1';

/**
 * Hands bytes the portal fetched with the caller's token (never a URL with data in it) to the
 * browser as a download named `fileName`; the object URL is revoked once the browser has it.
 */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = doc.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    doc.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The file name of a download's `Content-Disposition: attachment; filename="…"`, or `fallback`. */
export function attachmentFileName(contentDisposition: string | null, fallback: string): string {
  const m = /filename="([^"/\\]+)"/.exec(contentDisposition ?? '');
  return m?.[1] ?? fallback;
}
