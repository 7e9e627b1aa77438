import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  CASE_MACHINE,
  hasPermission,
  IDENTIFICATION_MACHINE,
  type CaseAction,
  type CaseContext,
  type IdentificationContext,
  type Page,
} from '@ctms/domain';
import { caseAccessSql } from '../platform/access/case-scope';
import { caseRelationSql } from '../platform/access/relations';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { Actor, RequestContext } from '../platform/http/request-context';
import type { CaseEventKind } from './case-codes';
import { execUpdate } from '../platform/database/exec-update';
import { actorOf, addCaseEvent, inLeadAgency, staleVersion, todayInLaos } from './case-db';
import { CaseRow, CaseSummaryRow, ENCRYPTED_CATEGORIES, EncryptedCategory, toCaseDetail, toCaseSummary } from './case.mapper';
import type { CaseDetailView, CaseSummaryView } from './case.views';
import {
  AssignCaseDto,
  CloseCaseDto,
  IdentificationDto,
  ListCasesQueryDto,
  ReopenCaseDto,
  TransitionCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

const TS_KEY = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const TS_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SUMMARY_COLUMNS = `c.id, c.case_number, c.status, c.identification_status, c.province_code, c.lead_agency_id, a.code AS lead_agency_code,
  c.assigned_to_id, u.username AS assigned_username, c.flags, c.exploitation_types, c.opened_at, c.updated_at,
  ${TS_KEY('c.updated_at')} AS updated_key, c.version`;

const SUMMARY_JOINS = `JOIN agency a ON a.id = c.lead_agency_id LEFT JOIN app_user u ON u.id = c.assigned_to_id`;

/** The caller ($2 = agency id) is the case's lead agency (province scope: case_relation_categories is not NULL). */
const LEAD = `(c.lead_agency_id = $2 AND rel.cats IS NOT NULL)`;

/**
 * The caller's strongest relation to case `c` (spec/access.md), when case_relation_categories gives
 * one; what it may see is decided by that function, this only names the relation for the portal.
 */
const RELATION_KIND = `CASE
    WHEN rel.cats IS NULL THEN NULL
    WHEN c.lead_agency_id = $2 THEN 'LEAD_AGENCY'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = $2 AND rr.status IN ('ACCEPTED','IN_PROGRESS')) THEN 'REFERRAL_ACTIVE'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = $2 AND rr.status = 'PENDING') THEN 'REFERRAL_PENDING'
    WHEN EXISTS (SELECT 1 FROM handoff hh WHERE hh.case_id = c.id AND hh.to_agency_id = $2 AND hh.status <> 'WITHDRAWN') THEN 'HANDOFF'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = $2
                  AND (rr.status = 'COMPLETED' OR (rr.status = 'CANCELLED' AND rr.acknowledged_at IS NOT NULL))) THEN 'REFERRAL_COMPLETED'
    ELSE 'REFERRAL_CLOSED' END`;

/** Audit action per route, for the row written when the case is not found or the action is refused. */
export type CaseAuditAction =
  | 'CASE_READ'
  | 'CASE_UPDATED'
  | 'CASE_ASSIGNED'
  | 'CASE_STATUS_CHANGED'
  | 'CASE_IDENTIFICATION_DECIDED'
  | 'CASE_CLOSED'
  | 'CASE_REOPENED'
  | 'CASE_NOTES_READ'
  | 'CASE_NOTE_ADDED'
  | 'CASE_TIMELINE_READ'
  | 'CASE_ACCESS_LOG_READ';

/**
 * Cases: need-to-know decided in the SQL that loads the record (caseAccessSql), every write one
 * transaction holding the change, its timeline event and its audit row; every read one audit row.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  /** One page: one SELECT with its joins, then one audit row, whatever the limit. */
  async list(ctx: RequestContext, q: ListCasesQueryDto): Promise<Page<CaseSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const access = caseAccessSql(actor, 'c', 1);
    const params: unknown[] = [...access.params];
    const where = [access.sql];
    if (q.status) where.push(`c.status = $${params.push(q.status)}`);
    if (q.province) where.push(`c.province_code = $${params.push(q.province)}`);
    if (q.assignedTo) where.push(`c.assigned_to_id = $${params.push(q.assignedTo === 'me' ? actor.userId : q.assignedTo.toLowerCase())}::uuid`);
    if (q.cursor) {
      const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(`(c.updated_at, c.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows: CaseSummaryRow[] = await this.ds.query(
      `SELECT ${SUMMARY_COLUMNS} FROM case_record c ${SUMMARY_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY c.updated_at DESC, c.id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.updated_key, r.id]));
    await this.audit.record(ctx, {
      action: 'CASE_LISTED',
      outcome: 'ALLOWED',
      objectType: 'case',
      details: { count: page.items.length, filters: { status: q.status ?? null, province: q.province ?? null, assignedTo: q.assignedTo ? true : null }, cursor: !!q.cursor },
    });
    return { items: page.items.map(toCaseSummary), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<CaseDetailView> {
    return this.deniedIsAudited(ctx, 'CASE_READ', id, async () => {
      const actor = actorOf(ctx);
      // any relation opens the case (lead agency, referral, handoff); the row carries only what it allows
      const row = await this.load(this.ds.manager, actor, id, false, true);
      const view = this.detail(actor, row);
      await this.audit.record(ctx, {
        action: 'CASE_READ',
        outcome: 'ALLOWED',
        objectType: 'case',
        objectId: id,
        ...(row.relation === 'LEAD_AGENCY' ? {} : { details: { relation: row.relation, categories: row.visible_categories } }),
      });
      return view;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Writes
  // -------------------------------------------------------------------------------------------

  async update(ctx: RequestContext, id: string, dto: UpdateCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_UPDATED', id, async (m, actor, c) => {
      this.requireEditor(actor, c);
      if (c.version !== dto.version) throw staleVersion();
      const sets: string[] = [];
      const params: unknown[] = [id, dto.version];
      const fields: string[] = [];
      const set = (column: string, field: string, value: unknown) => {
        sets.push(`${column} = $${params.push(value)}`);
        fields.push(field);
      };
      if (dto.exploitationTypes !== undefined) set('exploitation_types', 'exploitationTypes', dto.exploitationTypes ?? []);
      if (dto.destinationCountries !== undefined) set('destination_countries', 'destinationCountries', dto.destinationCountries ?? []);
      if (dto.riskLevel !== undefined) set('risk_level', 'riskLevel', dto.riskLevel);
      if (dto.needs !== undefined) set('needs', 'needs', dto.needs ?? []);
      for (const category of Object.keys(ENCRYPTED_CATEGORIES) as EncryptedCategory[]) {
        const value = dto[category];
        if (value === undefined) continue;
        const column = ENCRYPTED_CATEGORIES[category];
        set(column, category, this.cipher.encryptJson(value, { table: 'case_record', column, rowId: id }));
      }
      if (!fields.length) return null; // nothing sent: nothing written
      const n = await execUpdate(m, `UPDATE case_record SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, params);
      if (n !== 1) throw staleVersion();
      return { event: 'CASE_UPDATED', details: { fields } };
    });
  }

  async assign(ctx: RequestContext, id: string, dto: AssignCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_ASSIGNED', id, async (m, actor, c) => {
      if (!inLeadAgency(actor, c)) throw new Conflict('NOT_LEAD_AGENCY', 'Only the lead agency assigns this case');
      if (c.status === 'CLOSED') throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not assigned; reopen it first');
      if (c.version !== dto.version) throw staleVersion();
      const ok: unknown[] = await m.query(
        `SELECT 1 FROM app_user u
          WHERE u.id = $1 AND u.status = 'ACTIVE' AND u.agency_id = $2
            AND u.roles && ARRAY['CASEWORKER','INVESTIGATOR','SUPERVISOR']::text[]
            AND (u.all_provinces OR $3 = ANY(u.provinces))`,
        [dto.userId, c.lead_agency_id, c.province_code],
      );
      if (!ok.length) {
        throw new ValidationFailed([
          { field: 'userId', problems: ["must be an active caseworker, investigator or supervisor of the case's lead agency whose province scope covers the case"] },
        ]);
      }
      const n = await execUpdate(m, `UPDATE case_record SET assigned_to_id = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [
        id,
        dto.version,
        dto.userId,
      ]);
      if (n !== 1) throw staleVersion();
      return { event: 'CASE_ASSIGNED', details: { assignedTo: dto.userId, previous: c.assigned_to_id } };
    });
  }

  /** ACTIVATE, START_FOLLOW_UP, RESUME. */
  async transition(ctx: RequestContext, id: string, dto: TransitionCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_STATUS_CHANGED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, dto.action, {});
      if (c.version !== dto.version) throw staleVersion();
      await this.setStatus(m, id, dto.version, to, '', []);
      return { event: 'STATUS_CHANGED', details: { action: dto.action, from: c.status, to } };
    });
  }

  async close(ctx: RequestContext, id: string, dto: CloseCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_CLOSED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, 'CLOSE', { closureReason: dto.reason, reason: dto.note ?? null });
      if (c.version !== dto.version) throw staleVersion();
      await this.setStatus(m, id, dto.version, to, `closed_at = now(), closure_reason = $4`, [dto.reason]);
      const noteId = dto.note ? await this.insertNote(m, actor, id, dto.note) : null;
      return { event: 'CASE_CLOSED', details: { from: c.status, closureReason: dto.reason, noteId } };
    });
  }

  async reopen(ctx: RequestContext, id: string, dto: ReopenCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_REOPENED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, 'REOPEN', { reason: dto.reason });
      if (c.version !== dto.version) throw staleVersion();
      await this.setStatus(m, id, dto.version, to, `closed_at = NULL, closure_reason = NULL`, []);
      const noteId = await this.insertNote(m, actor, id, dto.reason);
      return { event: 'CASE_REOPENED', details: { previousClosureReason: c.closure_reason, noteId } };
    });
  }

  async identify(ctx: RequestContext, id: string, dto: IdentificationDto): Promise<CaseDetailView> {
    if (dto.decidedOn > todayInLaos()) throw new ValidationFailed([{ field: 'decidedOn', problems: ['must not be in the future'] }]);
    return this.write(ctx, 'CASE_IDENTIFICATION_DECIDED', id, async (m, actor, c) => {
      if (!c.actor_can_identify) throw new Conflict('NOT_FORMAL_IDENTIFICATION_AGENCY', 'Only an agency with the formal identification capability decides');
      const action = dto.decision === 'IDENTIFIED' ? 'IDENTIFY' : 'NOT_IDENTIFY';
      const ictx: IdentificationContext = { roles: actor.roles, actorAgencyCode: actor.agencyCode, decisionDate: dto.decidedOn, reason: dto.reasons };
      const decision = can(IDENTIFICATION_MACHINE, c.identification_status, action, ictx);
      if (!decision.ok) throw new Conflict(decision.reason, 'This identification decision is not allowed');
      if (dto.version !== undefined && c.version !== dto.version) throw staleVersion();
      const identificationId = randomUUID();
      await m.query(
        `INSERT INTO case_identification (id, case_id, decision, decided_on, decided_by_id, agency_id, reasons_enc, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
        [
          identificationId,
          id,
          dto.decision,
          dto.decidedOn,
          actor.userId,
          actor.agencyId,
          this.cipher.encrypt(dto.reasons, { table: 'case_identification', column: 'reasons_enc', rowId: identificationId }),
        ],
      );
      const n = await execUpdate(m, `UPDATE case_record SET identification_status = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [
        id,
        c.version,
        decision.to,
      ]);
      if (n !== 1) throw staleVersion();
      return {
        event: 'IDENTIFICATION_DECIDED',
        details: { identificationId, decision: dto.decision, decidedOn: dto.decidedOn, previous: c.identification_status },
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Shared with the notes, timeline and access-log service
  // -------------------------------------------------------------------------------------------

  /**
   * Loads one case the actor may open, or throws the standard 404. The access rule is in the
   * WHERE clause: a case the actor may not see is never read. By default only the lead agency in
   * scope loads it (every write, notes, timeline, access log); `anyRelation` opens it through any
   * relation (case_relation_categories), and then the encrypted columns of categories the relation
   * does not carry are not even selected: they come back NULL.
   */
  async load(m: EntityManager, actor: Actor, id: string, lock: boolean, anyRelation = false): Promise<CaseRow> {
    const rel = caseRelationSql(actor, 'c', 3);
    const access = anyRelation ? { sql: 'rel.cats IS NOT NULL', params: [] } : caseAccessSql(actor, 'c', 3 + rel.params.length);
    const blob = (category: string, column: string) => `CASE WHEN '${category}' = ANY(rel.cats) THEN c.${column} END AS ${column}`;
    const rows: CaseRow[] = await m.query(
      `SELECT ${SUMMARY_COLUMNS}, c.destination_countries, c.risk_level, c.needs, c.closed_at, c.closure_reason,
              CASE WHEN 'IDENTITY' = ANY(rel.cats) THEN c.person_id END AS person_id,
              ${blob('EXPLOITATION_ACCOUNT', 'exploitation_enc')}, ${blob('PERPETRATORS', 'perpetrators_enc')}, ${blob('HEALTH', 'health_enc')},
              ${blob('CONTACT_LOCATION', 'contact_enc')}, ${blob('LEGAL_PROCEEDINGS', 'legal_enc')},
              CASE WHEN ${LEAD} THEN c.plan_enc END AS plan_enc,
              rel.cats AS visible_categories, ${RELATION_KIND} AS relation,
              coalesce((SELECT 'FORMAL_IDENTIFICATION' = ANY(x.capabilities) FROM agency x WHERE x.id = $2), false) AS actor_can_identify,
              i.id AS ident_id, i.decision AS ident_decision, i.decided_on::text AS ident_decided_on, i.decided_by_id AS ident_decided_by_id,
              iu.username AS ident_decided_by_username, ia.code AS ident_agency_code, i.reasons_enc AS ident_reasons_enc, i.created_at AS ident_created_at
         FROM case_record c ${SUMMARY_JOINS}
         CROSS JOIN LATERAL (SELECT ${rel.sql} AS cats) rel
         LEFT JOIN LATERAL (SELECT * FROM case_identification ci WHERE ci.case_id = c.id AND ${LEAD} ORDER BY ci.created_at DESC, ci.id DESC LIMIT 1) i ON true
         LEFT JOIN app_user iu ON iu.id = i.decided_by_id
         LEFT JOIN agency ia ON ia.id = i.agency_id
        WHERE c.id = $1 AND ${access.sql}
        ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id, actor.agencyId, ...rel.params, ...access.params],
    );
    const row = rows[0];
    if (!row) throw new NotFound();
    return row;
  }

  /** The assigned caseworker or a supervisor of the lead agency in scope, on a case that is not closed. */
  requireEditor(actor: Actor, c: CaseRow): void {
    if (!inLeadAgency(actor, c)) throw new Conflict('NOT_LEAD_AGENCY', 'Only the lead agency edits this case');
    if (!(c.assigned_to_id === actor.userId || actor.roles.includes('SUPERVISOR'))) {
      throw new Conflict('NOT_CASE_EDITOR', 'Only the assigned caseworker or a supervisor edits this case');
    }
    if (c.status === 'CLOSED') throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not edited; reopen it first');
  }

  /** Inserts an encrypted, append-only note and returns its id. */
  async insertNote(m: EntityManager, actor: Actor, caseId: string, body: string, category = 'EXPLOITATION_ACCOUNT'): Promise<string> {
    const noteId = randomUUID();
    await m.query(
      `INSERT INTO case_note (id, case_id, author_id, author_agency_id, category, body_enc, created_at) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())`,
      [noteId, caseId, actor.userId, actor.agencyId, category, this.cipher.encrypt(body, { table: 'case_note', column: 'body_enc', rowId: noteId })],
    );
    return noteId;
  }

  /** Runs `fn`; a 404 or a refusal (409) on this case leaves one DENIED audit row (AuditService). */
  deniedIsAudited<T>(ctx: RequestContext, action: CaseAuditAction, id: string, fn: () => Promise<T>): Promise<T> {
    return this.audit.deniedIsAudited(ctx, action, 'case', id, fn);
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  /**
   * One write: load and lock the case in scope, apply `fn`, then (if it changed anything) the
   * timeline event and the audit row, all in one transaction; answers the case as it now is.
   */
  private async write(
    ctx: RequestContext,
    action: CaseAuditAction,
    id: string,
    fn: (m: EntityManager, actor: Actor, c: CaseRow) => Promise<{ event: CaseEventKind; details: Record<string, unknown> } | null>,
  ): Promise<CaseDetailView> {
    return this.deniedIsAudited(ctx, action, id, () =>
      this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const c = await this.load(m, actor, id, true);
        const change = await fn(m, actor, c);
        if (!change) return this.detail(actor, c);
        await addCaseEvent(m, ctx, id, change.event, change.details);
        await this.audit.record(ctx, { action, outcome: 'ALLOWED', objectType: 'case', objectId: id, details: change.details }, m);
        return this.detail(actor, await this.load(m, actor, id, false));
      }),
    );
  }

  private async setStatus(m: EntityManager, id: string, version: number, to: string, extraSet: string, extra: unknown[]): Promise<void> {
    const n = await execUpdate(m, `UPDATE case_record SET status = $3${extraSet ? `, ${extraSet}` : ''}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [
      id,
      version,
      to,
      ...extra,
    ]);
    if (n !== 1) throw staleVersion();
  }

  private caseContext(actor: Actor, c: CaseRow, input: Pick<CaseContext, 'closureReason' | 'reason'>): CaseContext {
    return { roles: actor.roles, actorInLeadAgency: inLeadAgency(actor, c), actorIsAssigned: c.assigned_to_id === actor.userId, ...input };
  }

  /** The machine decides; a refusal is a 409 whose code is the machine's reason. */
  private decide(actor: Actor, c: CaseRow, action: CaseAction, input: Pick<CaseContext, 'closureReason' | 'reason'>): string {
    const d = can(CASE_MACHINE, c.status, action, this.caseContext(actor, c, input));
    if (!d.ok) throw new Conflict(d.reason, 'This change of status is not allowed');
    return d.to;
  }

  private detail(actor: Actor, c: CaseRow): CaseDetailView {
    const lead = c.relation === 'LEAD_AGENCY' && inLeadAgency(actor, c);
    const identification = lead && c.actor_can_identify
      ? allowedActions(IDENTIFICATION_MACHINE, c.identification_status, { roles: actor.roles, actorAgencyCode: actor.agencyCode })
      : [];
    return toCaseDetail(this.cipher, c, {
      case: lead ? allowedActions(CASE_MACHINE, c.status, this.caseContext(actor, c, {})) : [],
      identification,
      edit:
        lead && c.status !== 'CLOSED' && hasPermission(actor.roles, 'case:update') && (c.assigned_to_id === actor.userId || actor.roles.includes('SUPERVISOR')),
      assign: lead && c.status !== 'CLOSED' && hasPermission(actor.roles, 'case:assign'),
      accessLog: lead && hasPermission(actor.roles, 'case:access-log'),
    });
  }
}
