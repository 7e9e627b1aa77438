/** Wire shapes of the agency's audit view (GET /audit, supervisors). */

export interface AuditEntryView {
  seq: string;
  at: string;
  actor: { username: string | null; agencyCode: string | null };
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  reason: string | null;
}

/** GET /audit query (besides limit and cursor): every filter optional; from/to are ISO dates. */
export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
}
