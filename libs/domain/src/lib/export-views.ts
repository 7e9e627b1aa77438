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
  'DECLINED',
] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The reason every export request carries (a person's words: stored encrypted, decision 0035). */
export const EXPORT_REASON_MIN = 5;
export const EXPORT_REASON_MAX = 1000;

/** What the second person may do with an export waiting for them. */
export const EXPORT_REVIEW_ACTIONS = ['APPROVE', 'DECLINE'] as const;
export type ExportReviewAction = (typeof EXPORT_REVIEW_ACTIONS)[number];

/** The refusals of a review (the API answers them as 409 with this code). */
export type ExportReviewRefusal = 'SECOND_PERSON_REQUIRED' | 'ACTION_NOT_ALLOWED_IN_STATE';

/**
 * Does an export wait for a second person of the agency before it runs? Always for a case file (it
 * carries the person's identity, notes and plan), and for a case list with identity.
 */
export function exportNeedsApproval(kind: ExportKind, includeIdentity: boolean): boolean {
  return kind === 'CASE_FILE_PDF' || includeIdentity;
}

/**
 * The review rule, the same for approve and decline: only an export waiting for approval, and never
 * by the person who asked for it. (Who may review at all, same agency and export:approve, is the
 * access layer's and the route's.)
 */
export function exportReviewRefusal(
  e: { status: ExportStatus; requestedById: string },
  actorUserId: string,
): ExportReviewRefusal | null {
  if (e.requestedById === actorUserId) return 'SECOND_PERSON_REQUIRED';
  if (e.status !== 'AWAITING_APPROVAL') return 'ACTION_NOT_ALLOWED_IN_STATE';
  return null;
}

export interface ExportView {
  id: string;
  kind: ExportKind;
  status: ExportStatus;
  filters: { status?: string; province?: string };
  caseId: string | null;
  includeIdentity: boolean;
  /** the requester's reason, decrypted: only in the requester's own list and the approvers' queue (null: asked before reasons) */
  reason: string | null;
  requestedBy: { id: string; username: string; displayName: string };
  approvedBy: { id: string; username: string } | null;
  /** DECLINED: who declined it and why (decrypted, for the requester and the approvers) */
  declinedBy: { id: string; username: string } | null;
  declineReason: string | null;
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
  /** why this export is needed: required, EXPORT_REASON_MIN..EXPORT_REASON_MAX characters, audited and stored encrypted */
  reason: string;
}

/** POST /exports/:id/decline: the second person says no, with a reason (stored encrypted). */
export interface DeclineExportRequest {
  reason: string;
}
