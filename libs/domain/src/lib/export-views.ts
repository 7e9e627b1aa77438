/** Codes and wire shapes of the export routes (POST/GET /exports…). */
import type { CaseStatus } from './workflows';

export const EXPORT_KINDS = ['CASE_LIST_CSV', 'CASE_LIST_XLSX', 'CASE_FILE_PDF'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATUSES = [
  'AWAITING_APPROVAL',
  'QUEUED',
  'RUNNING',
  'READY',
  'DOWNLOADED',
  'EXPIRED',
  'FAILED',
] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

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

export interface ExportFiltersRequest {
  status?: CaseStatus;
  province?: string;
}

/** POST /exports: a case list (filters) or one case file (caseId); with identity it waits for a second person's approval. */
export interface CreateExportRequest {
  kind: ExportKind;
  filters?: ExportFiltersRequest;
  caseId?: string;
  includeIdentity?: boolean;
}
