export const EXPORT_KINDS = ['CASE_LIST_CSV', 'CASE_LIST_XLSX', 'CASE_FILE_PDF'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATUSES = ['AWAITING_APPROVAL', 'QUEUED', 'RUNNING', 'READY', 'DOWNLOADED', 'EXPIRED', 'FAILED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const EXPORT_FILE_EXT: Record<ExportKind, string> = { CASE_LIST_CSV: 'csv', CASE_LIST_XLSX: 'xlsx', CASE_FILE_PDF: 'pdf' };

export const EXPORT_MEDIA_TYPE: Record<ExportKind, string> = {
  CASE_LIST_CSV: 'text/csv; charset=utf-8',
  CASE_LIST_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CASE_FILE_PDF: 'application/pdf',
};

/** The outbox kind whose handler (in the worker) generates an export; its payload is { exportId }. */
export const EXPORT_OUTBOX_KIND = 'export.generate';

export interface ExportView {
  id: string;
  kind: ExportKind;
  status: ExportStatus;
  filters: { status?: string; province?: string };
  caseId: string | null;
  includeIdentity: boolean;
  requestedBy: { id: string; username: string };
  approvedBy: { id: string; username: string } | null;
  rowCount: number | null;
  sizeBytes: number | null;
  errorCode: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  downloadedAt: string | null;
}
