/** Wire shapes of the agency's audit view (GET /audit, supervisors). */

export interface AuditEntryView {
  seq: string;
  at: string;
  /** displayName: the person's name, for the supervisor to read (the username stays for the actor filter) */
  actor: { username: string | null; displayName: string | null; agencyCode: string | null };
  action: string;
  objectType: string | null;
  objectId: string | null;
  /**
   * The case the object belongs to (a case, or a consent, referral or handoff of one): its id to link to
   * and its number to show instead of the object's id. The link opens only for readers the case's access allows.
   */
  case: { id: string; caseNumber: string } | null;
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
