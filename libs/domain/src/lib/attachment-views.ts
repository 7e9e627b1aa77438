/** Wire shapes of the attachment routes (GET/POST /cases/:id/attachments). */
import type { DataCategory } from './enums';

export const ATTACHMENT_KINDS = ['EVIDENCE', 'CONSENT_FORM', 'OTHER'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** One attachment as the API returns it: the original file name decrypted, never the storage path. */
export interface AttachmentView {
  id: string;
  caseId: string;
  referralId: string | null;
  handoffId: string | null;
  kind: string;
  category: DataCategory;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** the original name: it may hold a person's name, so the portal never shows it */
  fileName: string;
  uploadedBy: { id: string; username: string | null; displayName: string | null };
  createdAt: string;
}

/** The text fields of the multipart upload (the file itself is the part named `file`). */
export interface UploadAttachmentRequest {
  kind: AttachmentKind;
  /** decides who may download it: e.g. LEGAL_PROCEEDINGS for evidence, IDENTITY for a signed consent form */
  category: DataCategory;
  referralId?: string;
  handoffId?: string;
}
