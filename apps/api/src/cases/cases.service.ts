import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  CASE_MACHINE,
  caseEditorRefusal,
  CASE_ASSIGNEE_ROLES,
  hasPermission,
  IDENTIFICATION_MACHINE,
  type AuditAction,
  type CaseAction,
  type CaseContext,
  type IdentificationContext,
  type Page,
} from '@ctms/domain';
import { caseCategoriesOf, caseLead, holds } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { and, exec, join, raw, select, sql, type Sql } from '../platform/database/sql';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { Actor, RequestContext } from '../platform/http/request-context';
import type { CaseEventKind } from './case-codes';
import { actorOf } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { caseFacts, inLeadAgency, requireCaseEditor } from '../platform/access/editor';
import { staleVersion } from '../platform/http/errors';
import { todayInLaos } from '@ctms/domain';
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
import { UUID_RE } from '../platform/http/params';

const TS_KEY = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const TS_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const SUMMARY_COLUMNS = raw(`c.id, c.case_number, c.status, c.identification_status, c.province_code, c.lead_agency_id, a.code AS lead_agency_code,
  c.assigned_to_id, u.username AS assigned_username, u.display_name AS assigned_display_name, c.flags, c.exploitation_types, c.opened_at, c.updated_at,
  ${TS_KEY('c.updated_at')} AS updated_key, c.version`);

const SUMMARY_JOINS = raw(`JOIN agency a ON a.id = c.lead_agency_id LEFT JOIN app_user u ON u.id = c.assigned_to_id`);

/**
 * The caller's strongest relation to case `c`, given `cats` (its case_relation_categories): what it
 * may see is decided by that function (the access layer), this only names the relation for the portal.
 */
function relationKind(actor: Actor, cats: Sql): Sql {
  const agency = actor.agencyId;
  return sql`CASE
    WHEN ${cats} IS NULL THEN NULL
    WHEN c.lead_agency_id = ${agency}::uuid THEN 'LEAD_AGENCY'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid AND rr.status IN ('ACCEPTED','IN_PROGRESS')) THEN 'REFERRAL_ACTIVE'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid AND rr.status = 'PENDING') THEN 'REFERRAL_PENDING'
    WHEN EXISTS (SELECT 1 FROM handoff hh WHERE hh.case_id = c.id AND hh.to_agency_id = ${agency}::uuid AND hh.status <> 'WITHDRAWN') THEN 'HANDOFF'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid
                  AND (rr.status = 'COMPLETED' OR (rr.status = 'CANCELLED' AND rr.acknowledged_at IS NOT NULL))) THEN 'REFERRAL_COMPLETED'
    ELSE 'REFERRAL_CLOSED' END`;
}

/**
 * Cases: need-to-know decided in the SQL that loads the record (the access layer), every write one
 * transaction holding the change, its timeline event and its audit row; every read one audit row.
 * Refusals (404, 409) are audited by the DenialAuditInterceptor with the route's action.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  /** One page: one SELECT with its joins, then one audit row, whatever the limit. */
  async list(ctx: RequestContext, q: ListCasesQueryDto): Promise<Page<CaseSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const where: Sql[] = [caseLead(actor, 'c')];
    if (q.status) where.push(sql`c.status = ${q.status}`);
    if (q.province) where.push(sql`c.province_code = ${q.province}`);
    if (q.assignedTo) where.push(sql`c.assigned_to_id = ${q.assignedTo === 'me' ? actor.userId : q.assignedTo.toLowerCase()}::uuid`);
    if (q.cursor) {
      const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(sql`(c.updated_at, c.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await select<CaseSummaryRow>(
      this.ds,
      sql`SELECT ${SUMMARY_COLUMNS} FROM case_record c ${SUMMARY_JOINS}
           WHERE ${and(where)}
           ORDER BY c.updated_at DESC, c.id DESC LIMIT ${limit + 1}`,
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
  }

  // -------------------------------------------------------------------------------------------
  // Writes
  // -------------------------------------------------------------------------------------------

  async update(ctx: RequestContext, id: string, dto: UpdateCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_UPDATED', id, async (m, actor, c) => {
      this.requireEditor(actor, c);
      if (c.version !== dto.version) throw staleVersion();
      const sets: Sql[] = [];
      const fields: string[] = [];
      const set = (column: string, field: string, value: unknown) => {
        sets.push(sql`${raw(column)} = ${value}`);
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
      await this.bump(m, id, dto.version, sets);
      return { event: 'CASE_UPDATED', details: { fields } };
    });
  }

  async assign(ctx: RequestContext, id: string, dto: AssignCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_ASSIGNED', id, async (m, actor, c) => {
      if (!inLeadAgency(actor, c)) throw new Conflict('NOT_LEAD_AGENCY', 'Only the lead agency assigns this case');
      if (c.status === 'CLOSED') throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not assigned; reopen it first');
      if (c.version !== dto.version) throw staleVersion();
      const assignee = await this.access.assignee(m, dto.userId, 'userId', {
        agencyId: c.lead_agency_id,
        roles: CASE_ASSIGNEE_ROLES,
        provinceCode: c.province_code,
        problem: "must be an active caseworker, investigator or supervisor of the case's lead agency whose province scope covers the case",
      });
      await this.bump(m, id, dto.version, [sql`assigned_to_id = ${assignee}::uuid`]);
      return { event: 'CASE_ASSIGNED', details: { assignedTo: assignee, previous: c.assigned_to_id } };
    });
  }

  /** ACTIVATE, START_FOLLOW_UP, RESUME. */
  async transition(ctx: RequestContext, id: string, dto: TransitionCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_STATUS_CHANGED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, dto.action, {});
      if (c.version !== dto.version) throw staleVersion();
      await this.bump(m, id, dto.version, [sql`status = ${to}`]);
      return { event: 'STATUS_CHANGED', details: { action: dto.action, from: c.status, to } };
    });
  }

  async close(ctx: RequestContext, id: string, dto: CloseCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_CLOSED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, 'CLOSE', { closureReason: dto.reason, reason: dto.note ?? null });
      if (c.version !== dto.version) throw staleVersion();
      await this.bump(m, id, dto.version, [sql`status = ${to}`, sql`closed_at = now()`, sql`closure_reason = ${dto.reason}`]);
      const noteId = dto.note ? await this.insertNote(m, actor, id, dto.note) : null;
      return { event: 'CASE_CLOSED', details: { from: c.status, closureReason: dto.reason, noteId } };
    });
  }

  async reopen(ctx: RequestContext, id: string, dto: ReopenCaseDto): Promise<CaseDetailView> {
    return this.write(ctx, 'CASE_REOPENED', id, async (m, actor, c) => {
      const to = this.decide(actor, c, 'REOPEN', { reason: dto.reason });
      if (c.version !== dto.version) throw staleVersion();
      await this.bump(m, id, dto.version, [sql`status = ${to}`, sql`closed_at = NULL`, sql`closure_reason = NULL`]);
      const noteId = await this.insertNote(m, actor, id, dto.reason);
      return { event: 'CASE_REOPENED', details: { previousClosureReason: c.closure_reason, noteId } };
    });
  }

  async identify(ctx: RequestContext, id: string, dto: IdentificationDto): Promise<CaseDetailView> {
    if (dto.decidedOn > todayInLaos()) throw new ValidationFailed([{ field: 'decidedOn', problems: ['must not be in the future'] }]);
    return this.write(ctx, 'CASE_IDENTIFICATION_DECIDED', id, async (m, actor, c) => {
      // the capability rule (libs/domain): only an agency with FORMAL_IDENTIFICATION decides
      if (!hasPermission(actor, 'case:identify')) throw new Conflict('NOT_FORMAL_IDENTIFICATION_AGENCY', 'Only an agency with the formal identification capability decides');
      const action = dto.decision === 'IDENTIFIED' ? 'IDENTIFY' : 'NOT_IDENTIFY';
      const ictx: IdentificationContext = { roles: actor.roles, actorCapabilities: actor.capabilities, decisionDate: dto.decidedOn, reason: dto.reasons };
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
      await this.bump(m, id, c.version, [sql`identification_status = ${decision.to}`]);
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
    const cats = raw('rel.cats');
    const lead = sql`(c.lead_agency_id = ${actor.agencyId}::uuid AND ${cats} IS NOT NULL)`;
    const blob = (category: EncryptedCategoryName, column: string) => sql`CASE WHEN ${holds(cats, category)} THEN c.${raw(column)} END AS ${raw(column)}`;
    const rows = await select<CaseRow>(
      m,
      sql`SELECT ${SUMMARY_COLUMNS}, c.destination_countries, c.risk_level, c.needs, c.closed_at, c.closure_reason,
                 CASE WHEN ${holds(cats, 'IDENTITY')} THEN c.person_id END AS person_id,
                 ${blob('EXPLOITATION_ACCOUNT', 'exploitation_enc')}, ${blob('PERPETRATORS', 'perpetrators_enc')}, ${blob('HEALTH', 'health_enc')},
                 ${blob('CONTACT_LOCATION', 'contact_enc')}, ${blob('LEGAL_PROCEEDINGS', 'legal_enc')},
                 CASE WHEN ${lead} THEN c.plan_enc END AS plan_enc,
                 ${cats} AS visible_categories, ${relationKind(actor, cats)} AS relation,
                 i.id AS ident_id, i.decision AS ident_decision, i.decided_on::text AS ident_decided_on, i.decided_by_id AS ident_decided_by_id,
                 iu.username AS ident_decided_by_username, iu.display_name AS ident_decided_by_display_name, ia.code AS ident_agency_code, i.reasons_enc AS ident_reasons_enc, i.created_at AS ident_created_at
            FROM case_record c ${SUMMARY_JOINS}
            CROSS JOIN LATERAL (SELECT ${caseCategoriesOf(actor, 'c')} AS cats) rel
            LEFT JOIN LATERAL (SELECT * FROM case_identification ci WHERE ci.case_id = c.id AND ${lead} ORDER BY ci.created_at DESC, ci.id DESC LIMIT 1) i ON true
            LEFT JOIN app_user iu ON iu.id = i.decided_by_id
            LEFT JOIN agency ia ON ia.id = i.agency_id
           WHERE c.id = ${id}::uuid AND ${anyRelation ? sql`${cats} IS NOT NULL` : caseLead(actor, 'c')}
           ${raw(lock ? 'FOR UPDATE OF c' : '')}`,
    );
    const row = rows[0];
    if (!row) throw new NotFound();
    return row;
  }

  /** The editor rule (libs/domain): the assigned caseworker or a supervisor of the lead agency in scope, on a case that is not closed. */
  requireEditor(actor: Actor, c: CaseRow): void {
    requireCaseEditor(actor, c);
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

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  /**
   * One write: load and lock the case in scope, apply `fn`, then (if it changed anything) the
   * timeline event and the audit row, all in one transaction; answers the case as it now is.
   */
  private async write(
    ctx: RequestContext,
    action: AuditAction,
    id: string,
    fn: (m: EntityManager, actor: Actor, c: CaseRow) => Promise<{ event: CaseEventKind; details: Record<string, unknown> } | null>,
  ): Promise<CaseDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.load(m, actor, id, true);
      const change = await fn(m, actor, c);
      if (!change) return this.detail(actor, c);
      await addCaseEvent(m, ctx, id, change.event, change.details);
      await this.audit.record(ctx, { action, outcome: 'ALLOWED', objectType: 'case', objectId: id, details: change.details }, m);
      return this.detail(actor, await this.load(m, actor, id, false));
    });
  }

  /** SETs on the case at `version` (optimistic lock): a stale version is a 409. */
  private async bump(m: EntityManager, id: string, version: number, sets: Sql[]): Promise<void> {
    const n = await exec(m, sql`UPDATE case_record SET ${join(sets)}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`);
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
    const identification =
      lead && hasPermission(actor, 'case:identify')
        ? allowedActions(IDENTIFICATION_MACHINE, c.identification_status, { roles: actor.roles, actorCapabilities: actor.capabilities })
        : [];
    return toCaseDetail(this.cipher, c, {
      case: lead ? allowedActions(CASE_MACHINE, c.status, this.caseContext(actor, c, {})) : [],
      identification,
      edit: lead && hasPermission(actor, 'case:update') && caseEditorRefusal(actor, caseFacts(c)) === null,
      assign: lead && c.status !== 'CLOSED' && hasPermission(actor, 'case:assign'),
      accessLog: lead && hasPermission(actor, 'case:access-log'),
    });
  }
}

type EncryptedCategoryName = 'EXPLOITATION_ACCOUNT' | 'PERPETRATORS' | 'HEALTH' | 'CONTACT_LOCATION' | 'LEGAL_PROCEEDINGS';
