import { Injectable } from '@nestjs/common';
import { auditRow } from '../platform/access/access';
import { and, select, sql, type Runner, type Sql } from '../platform/database/sql';
import { DEFAULT_PAGE, decodeCursor } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/** What the audit view may filter on (all exact, `from`/`to` inclusive). */
export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** One audit event as the supervisor's view reads it (audit_event is declared and written in platform/audit). */
export interface AuditEntryRow {
  seq: string;
  at: Date;
  username: string | null;
  display_name: string | null;
  agency_code: string | null;
  case_id: string | null;
  case_number: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  reason: string | null;
  reason_enc: string | null;
}

/** Newest first: the cursor is the last seq shown, the next page the smaller ones. */
const SEQ_CURSOR = /^[0-9]{1,19}$/;

/** The statements, pure: audit.repository.spec.ts snapshots each one's text. */
export const auditViewSql = {
  /**
   * One page of the events the supervisor may read (`auditRow`: by the agency's own users, or on
   * its cases and their consents, referrals and handoffs), each with the case it concerns.
   */
  list: (actor: Actor, f: AuditFilter): Sql => {
    const where: Sql[] = [
      auditRow(actor, 'e'),
      f.objectType ? sql`e.object_type = ${f.objectType}` : sql``,
      f.objectId ? sql`e.object_id = ${f.objectId}` : sql``,
      f.actor ? sql`e.actor_username = ${f.actor}` : sql``,
      f.action ? sql`e.action = ${f.action}` : sql``,
      f.outcome ? sql`e.outcome = ${f.outcome}` : sql``,
      f.from ? sql`e.at >= ${f.from}::timestamptz` : sql``,
      f.to ? sql`e.at <= ${f.to}::timestamptz` : sql``,
      f.cursor ? sql`e.seq < ${decodeCursor(f.cursor, SEQ_CURSOR)}::bigint` : sql``,
    ];
    return sql`SELECT p.seq::text AS seq, p.at, p.username, p.display_name, p.agency_code, p.action, p.object_type, p.object_id, p.outcome, p.reason, p.reason_enc,
                 cr.id AS case_id, cr.case_number
            FROM (SELECT e.seq, e.at, e.actor_username AS username, au.display_name, ag.code AS agency_code, e.action, e.object_type, e.object_id, e.outcome, e.reason, e.reason_enc
                    FROM audit_event e LEFT JOIN agency ag ON ag.id = e.actor_agency_id LEFT JOIN app_user au ON au.id = e.actor_user_id
                   WHERE ${and(where)}
                   ORDER BY e.seq DESC LIMIT ${(f.limit ?? DEFAULT_PAGE) + 1}) p
            -- the page's case numbers: a case, or the case of a consent, referral or handoff (ids are text in the audit)
            LEFT JOIN LATERAL (
              SELECT c.id, c.case_number FROM case_record c
               WHERE p.object_id ~ '^[0-9a-f-]{36}$' AND c.id = CASE p.object_type
                 WHEN 'case' THEN p.object_id::uuid
                 WHEN 'consent' THEN (SELECT k.case_id FROM consent k WHERE k.id = p.object_id::uuid)
                 WHEN 'referral' THEN (SELECT r.case_id FROM referral r WHERE r.id = p.object_id::uuid)
                 WHEN 'handoff' THEN (SELECT h.case_id FROM handoff h WHERE h.id = p.object_id::uuid)
               END) cr ON true
           ORDER BY p.seq DESC`;
  },
};

/** The audit trail's read side for supervisors (decision 0018); the writer is platform/audit. */
@Injectable()
export class AuditViewRepository {
  list(m: Runner, actor: Actor, f: AuditFilter): Promise<AuditEntryRow[]> {
    return select<AuditEntryRow>(m, auditViewSql.list(actor, f));
  }
}
