import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasPermission, type Page } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeCursor, decodeTupleCursor, encodeCursor, encodeTupleCursor, pageOf, PageQueryDto } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { actorOf } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { inLeadAgency } from '../platform/access/editor';
import { CaseEventRow, CaseNoteRow, toCaseEvent, toCaseNote } from './case.mapper';
import type { AccessLogEntryView, CaseEventView, CaseNoteView } from './case.views';
import { CasesService, TS_KEY_RE } from './cases.service';
import { CreateNoteDto } from './dto/case.dto';
import { UUID_RE } from '../platform/http/params';

const SEQ_RE = /^[0-9]{1,19}$/;

/** Notes (append-only, encrypted), the timeline and the access log of one case. */
@Injectable()
export class CaseRecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly cases: CasesService,
  ) {}

  /** Oldest first, keyset on (created_at, id). */
  async notes(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<CaseNoteView>> {
    {
      const actor = actorOf(ctx);
      await this.cases.load(this.ds.manager, actor, caseId, false);
      const limit = q.limit ?? DEFAULT_PAGE;
      const params: unknown[] = [caseId];
      let after = '';
      if (q.cursor) {
        const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
        after = ` AND (n.created_at, n.id) > ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`;
      }
      const rows: CaseNoteRow[] = await this.ds.query(
        `SELECT n.id, n.category, n.body_enc, n.author_id, u.username AS author_username, u.display_name AS author_display_name, n.created_at,
                to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
           FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id
          WHERE n.case_id = $1${after}
          ORDER BY n.created_at, n.id LIMIT $${params.push(limit + 1)}`,
        params,
      );
      const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.created_key, r.id]));
      await this.audit.record(ctx, { action: 'CASE_NOTES_READ', outcome: 'ALLOWED', objectType: 'case', objectId: caseId, details: { count: page.items.length } });
      return { items: page.items.map((r) => toCaseNote(this.cipher, r)), nextCursor: page.nextCursor };
    }
  }

  async addNote(ctx: RequestContext, caseId: string, dto: CreateNoteDto): Promise<CaseNoteView> {
    {
      return this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const c = await this.cases.load(m, actor, caseId, true);
        this.cases.requireEditor(actor, c);
        const category = dto.category ?? 'EXPLOITATION_ACCOUNT';
        const noteId = await this.cases.insertNote(m, actor, caseId, dto.body, category);
        await addCaseEvent(m, ctx, caseId, 'NOTE_ADDED', { noteId, category });
        await this.audit.record(ctx, { action: 'CASE_NOTE_ADDED', outcome: 'ALLOWED', objectType: 'case', objectId: caseId, details: { noteId, category } }, m);
        const rows: CaseNoteRow[] = await m.query(
          `SELECT n.id, n.category, n.body_enc, n.author_id, u.username AS author_username, u.display_name AS author_display_name, n.created_at, '' AS created_key
             FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id WHERE n.id = $1`,
          [noteId],
        );
        const row = rows[0];
        if (!row) throw new Error('note vanished');
        return toCaseNote(this.cipher, row);
      });
    }
  }

  /** Every event, oldest first, keyset on the event id. */
  async timeline(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<CaseEventView>> {
    {
      const actor = actorOf(ctx);
      await this.cases.load(this.ds.manager, actor, caseId, false);
      const limit = q.limit ?? DEFAULT_PAGE;
      const after = q.cursor ? decodeCursor(q.cursor, SEQ_RE) : '0';
      const rows: CaseEventRow[] = await this.ds.query(
        `SELECT e.id::text AS id, e.kind, e.at, e.actor_id, u.username AS actor_username, u.display_name AS actor_display_name, e.details
           FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id
          WHERE e.case_id = $1 AND e.id > $2::bigint
          ORDER BY e.id LIMIT $3`,
        [caseId, after, limit + 1],
      );
      const page = pageOf(rows, limit, (r) => encodeCursor(r.id));
      await this.audit.record(ctx, { action: 'CASE_TIMELINE_READ', outcome: 'ALLOWED', objectType: 'case', objectId: caseId });
      return { items: page.items.map(toCaseEvent), nextCursor: page.nextCursor };
    }
  }

  /**
   * Who read or changed the case (and who was refused), oldest first, keyset on the audit seq:
   * events on the case itself, its consents, referrals and handoffs (reads by receiving agencies
   * included), and reads of its person's identity.
   * Supervisors of the lead agency in scope only.
   */
  async accessLog(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<AccessLogEntryView>> {
    {
      const actor = actorOf(ctx);
      const c = await this.cases.load(this.ds.manager, actor, caseId, false);
      if (!inLeadAgency(actor, c) || !hasPermission(actor, 'case:access-log')) {
        throw new Conflict('NOT_LEAD_AGENCY', "Only the lead agency's supervisors see who accessed this case");
      }
      const limit = q.limit ?? DEFAULT_PAGE;
      const after = q.cursor ? decodeCursor(q.cursor, SEQ_RE) : '0';
      const rows: { seq: string; at: Date; actor_user_id: string | null; actor_username: string | null; actor_display_name: string | null; agency_code: string | null; action: string; outcome: string }[] =
        await this.ds.query(
          // one index range scan on IDX_audit_event_object (type, id, seq) per object, each cut at
          // the page size, then the few rows merged: an OR over the five kinds scanned the table
          `WITH objs(t, id) AS (
             SELECT 'case'::varchar, $1::varchar
             UNION ALL SELECT 'person', $4
             UNION ALL SELECT 'consent', k.id::text FROM consent k WHERE k.case_id = $1::uuid
             UNION ALL SELECT 'referral', r.id::text FROM referral r WHERE r.case_id = $1::uuid
             UNION ALL SELECT 'handoff', h.id::text FROM handoff h WHERE h.case_id = $1::uuid)
           SELECT e.seq::text AS seq, e.at, e.actor_user_id, e.actor_username, au.display_name AS actor_display_name, ag.code AS agency_code, e.action, e.outcome
             FROM objs o
             CROSS JOIN LATERAL (
               SELECT x.seq, x.at, x.actor_user_id, x.actor_username, x.actor_agency_id, x.action, x.outcome
                 FROM audit_event x
                WHERE x.object_type = o.t AND x.object_id = o.id AND x.seq > $2::bigint
                ORDER BY x.seq LIMIT $3) e
             LEFT JOIN agency ag ON ag.id = e.actor_agency_id
             LEFT JOIN app_user au ON au.id = e.actor_user_id
            ORDER BY e.seq LIMIT $3`,
          [caseId, after, limit + 1, c.person_id],
        );
      const page = pageOf(rows, limit, (r) => encodeCursor(r.seq));
      await this.audit.record(ctx, { action: 'CASE_ACCESS_LOG_READ', outcome: 'ALLOWED', objectType: 'case', objectId: caseId });
      return {
        items: page.items.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actor: { id: r.actor_user_id, username: r.actor_username, displayName: r.actor_display_name, agencyCode: r.agency_code },
          action: r.action,
          outcome: r.outcome,
        })),
        nextCursor: page.nextCursor,
      };
    }
  }
}
