import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { allowedActions, can, chronologyProblems, HANDOFF_MACHINE, laoDateOf, type HandoffAction, type HandoffContext, type Page } from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { todayInLaos } from '@ctms/domain';
import { execUpdate } from '../platform/database/exec-update';
import { ConsentsService } from '../consents/consents.service';
import { caseLead, handoffReceiver, handoffSender } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { and, raw, select, selectOne, sql, type Sql } from '../platform/database/sql';
import { requireCaseEditor } from '../platform/access/editor';
import { OutboxService } from '../platform/outbox/outbox.service';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { Actor, RequestContext } from '../platform/http/request-context';
import {
  ChargeHandoffDto,
  CreateHandoffDto,
  HandoffReasonDto,
  HandoffVersionDto,
  ListHandoffsQueryDto,
  ResubmitHandoffDto,
  TrialHandoffDto,
  VerdictHandoffDto,
  type ChargeDto,
  type EvidenceItemDto,
  type SuspectDto,
} from './dto/handoff.dto';
import { HANDOFF_ACTION_EVENT, HANDOFF_BASE_CATEGORIES, HANDOFF_CONSENTED_CATEGORIES, HANDOFF_RECEIVE_BY_DAYS, type HandoffEventKind } from './handoff-codes';
import {
  bindingOf,
  readPacket,
  readProsecution,
  toHandoffDetail,
  toHandoffSummary,
  toHistoryEntry,
  toVictimExploitation,
  toVictimHealth,
  toVictimIdentity,
  type HandoffEventRow,
  type HandoffPacket,
  type HandoffProsecution,
  type HandoffRow,
  type HandoffSummaryRow,
  type VictimData,
} from './handoff.mapper';
import type { HandoffDetailView, HandoffSummaryView } from './handoff.views';
import { UUID_RE } from '../platform/http/params';

const TS_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const SUMMARY_COLUMNS = `h.id, h.case_id, c.case_number, h.status, h.from_agency_id, fa.code AS from_agency_code, h.to_agency_id,
  ta.code AS to_agency_code, h.receive_by, h.received_at, h.closed_at, h.created_at, h.updated_at, h.version,
  to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;

const SUMMARY = raw(SUMMARY_COLUMNS);

const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, h.from_user_id, fu.username AS from_username, fu.display_name AS from_display_name, h.prosecutor_id, pu.username AS prosecutor_username, pu.display_name AS prosecutor_display_name,
  h.categories, h.packet_enc, h.suspects_enc, h.prosecution_enc, h.willing_to_testify, h.verdict,
  c.status AS case_status, c.identification_status, c.province_code, c.flags, c.exploitation_types, c.opened_at,
  ARRAY(SELECT x FROM unnest(h.categories) x
         WHERE x = ANY('{${HANDOFF_BASE_CATEGORIES.join(',')}}'::text[]) OR x = ANY(case_consented_categories(h.case_id, h.to_agency_id, 'LAW_ENFORCEMENT_SHARING'))) AS effective_categories`;

const JOINS = raw(`JOIN case_record c ON c.id = h.case_id JOIN agency fa ON fa.id = h.from_agency_id JOIN agency ta ON ta.id = h.to_agency_id`);

/**
 * The two relations a handoff has (the access layer): the SENDER is the lead agency that sent it,
 * within the caller's province scope; the RECEIVER is the agency it was sent to, while
 * case_relation_categories grants that agency a relation to the case (not once withdrawn).
 */
function relations(actor: Actor): { sender: Sql; receiver: Sql } {
  return { sender: handoffSender(actor, 'h', 'c'), receiver: handoffReceiver(actor, 'h') };
}

export type HandoffAuditAction = 'HANDOFF_SUBMITTED' | 'HANDOFF_READ' | HandoffEventKind;

type Change = { event: HandoffEventKind; details: Record<string, unknown> };

/**
 * Prosecution handoffs (MoPS ATD → OSPP). Access is decided in the SQL that loads the handoff;
 * every write is one transaction holding the change, its event on the case timeline and one audit
 * row; transitions go through HANDOFF_MACHINE and a refusal is a 409 with the machine's reason.
 */
/** Transitions that notify someone (the worker finds whom): the outbox kind per action. */
const HANDOFF_NOTIFICATIONS: Readonly<Partial<Record<HandoffAction, string>>> = {
  RESUBMIT: 'handoff.received',
  RETURN: 'handoff.returned',
  RECORD_VERDICT: 'handoff.decided',
};

@Injectable()
export class HandoffsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly consents: ConsentsService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Create
  // -------------------------------------------------------------------------------------------

  async create(ctx: RequestContext, caseId: string, dto: CreateHandoffDto): Promise<HandoffDetailView> {
    return this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const c = await selectOne<{ id: string; status: string; lead_agency_id: string; province_code: string; assigned_to_id: string | null }>(
          m,
          sql`SELECT c.id, c.status, c.lead_agency_id, c.province_code, c.assigned_to_id FROM case_record c WHERE c.id = ${caseId}::uuid AND ${caseLead(actor, 'c')} FOR UPDATE OF c`,
        );
        if (!c) throw new NotFound();
        // the editor rule: the investigator assigned to the case (or a supervisor) hands it off, on an open case
        requireCaseEditor(actor, c);

        await this.access.receivingAgency(m, actor, dto.toAgencyId, 'toAgencyId', {
          capability: 'PROSECUTE',
          problem: 'toAgencyId must be an active agency with the PROSECUTE capability',
        });
        await this.access.caseAttachments(m, caseId, evidenceRefs(dto.evidence));

        const open: unknown[] = await m.query(`SELECT 1 FROM handoff WHERE case_id = $1 AND to_agency_id = $2 AND status NOT IN ('CLOSED', 'WITHDRAWN')`, [
          caseId,
          dto.toAgencyId,
        ]);
        if (open.length) throw new Conflict('HANDOFF_ALREADY_OPEN', 'This case already has an open handoff to this agency');

        const coverage = await this.consents.activeConsentCovering(m, caseId, {
          agencyId: dto.toAgencyId,
          purpose: 'LAW_ENFORCEMENT_SHARING',
          categories: HANDOFF_CONSENTED_CATEGORIES,
        });
        const categories = [...HANDOFF_BASE_CATEGORIES, ...coverage.covered];
        const id = randomUUID();
        const packet: HandoffPacket = {
          statementSummary: dto.statementSummary,
          evidence: evidenceOf(dto.evidence),
          proposedCharges: chargesOf(dto.proposedCharges),
          protectionMeasures: dto.protectionMeasures,
          protectionNote: dto.protectionNote ?? null,
        };
        await m.query(
          `INSERT INTO handoff (id, case_id, from_agency_id, from_user_id, to_agency_id, status, categories, packet_enc, suspects_enc,
             willing_to_testify, receive_by, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'SUBMITTED', $6::text[], $7, $8, $9, now() + make_interval(days => $10), 1, now(), now())`,
          [
            id,
            caseId,
            actor.agencyId,
            actor.userId,
            dto.toAgencyId,
            categories,
            this.cipher.encryptJson(packet, bindingOf('packet_enc', id)),
            this.cipher.encryptJson(suspectsOf(dto.suspects), bindingOf('suspects_enc', id)),
            dto.willingToTestify,
            HANDOFF_RECEIVE_BY_DAYS,
          ],
        );
        const details = {
          handoffId: id,
          toAgencyId: dto.toAgencyId,
          to: 'SUBMITTED',
          categories,
          consentIds: coverage.consentIds,
          limitedByConsent: coverage.missing.length > 0,
          counts: { evidence: dto.evidence.length, suspects: dto.suspects.length, proposedCharges: dto.proposedCharges.length },
        };
        await addCaseEvent(m, ctx, caseId, 'HANDOFF_SUBMITTED', details);
        await this.audit.record(ctx, { action: 'HANDOFF_SUBMITTED', outcome: 'ALLOWED', objectType: 'handoff', objectId: id, details: { caseId, ...details } }, m);
        await this.outbox.add(m, 'handoff.received', { handoffId: id });
        return this.detail(m, actor, await this.load(m, actor, id, false));
      });
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  /** Incoming and/or outgoing handoffs, newest first (keyset on created_at, id); no personal data. */
  async list(ctx: RequestContext, q: ListHandoffsQueryDto): Promise<Page<HandoffSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const rel = relations(actor);
    const boxes = q.box === 'incoming' ? rel.receiver : q.box === 'outgoing' ? rel.sender : sql`(${rel.sender} OR ${rel.receiver})`;
    const where: Sql[] = [boxes];
    if (q.status) where.push(sql`h.status = ${q.status}`);
    if (q.cursor) {
      const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(sql`(h.created_at, h.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await select<HandoffSummaryRow>(
      this.ds,
      sql`SELECT ${SUMMARY}, ${rel.sender} AS is_sender, ${rel.receiver} AS is_receiver
            FROM handoff h ${JOINS}
           WHERE ${and(where)}
           ORDER BY h.created_at DESC, h.id DESC LIMIT ${limit + 1}`,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.created_key, r.id]));
    await this.audit.record(ctx, {
      action: 'HANDOFF_LISTED',
      outcome: 'ALLOWED',
      objectType: 'handoff',
      details: { count: page.items.length, filters: { status: q.status ?? null, box: q.box ?? null }, cursor: !!q.cursor },
    });
    const now = new Date();
    return { items: page.items.map((r) => toHandoffSummary(r, now)), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<HandoffDetailView> {
    const actor = actorOf(ctx);
    const row = await this.load(this.ds.manager, actor, id, false);
    const view = await this.detail(this.ds.manager, actor, row);
    await this.audit.record(ctx, {
      action: 'HANDOFF_READ',
      outcome: 'ALLOWED',
      objectType: 'handoff',
      objectId: id,
      details: { caseId: row.case_id, relation: row.is_sender ? 'SENDER' : 'RECEIVER', categories: view.categories },
    });
    return view;
  }

  // -------------------------------------------------------------------------------------------
  // Transitions
  // -------------------------------------------------------------------------------------------

  receive(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RECEIVE', dto.version, {}, async (m, actor, h, to) => {
      await this.setStatus(m, h, to, 'received_at = now(), prosecutor_id = $V', [actor.userId]);
      return {};
    });
  }

  accept(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'ACCEPT', dto.version, {}, async (m, actor, h, to) => {
      await this.setStatus(m, h, to, 'prosecutor_id = coalesce(prosecutor_id, $V)', [actor.userId]);
      return {};
    });
  }

  returnToInvestigator(ctx: RequestContext, id: string, dto: HandoffReasonDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RETURN', dto.version, { reason: dto.reason }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      await this.setStatus(m, h, to, 'prosecution_enc = $V', [this.prosecution(h.id, { ...p, returns: [...p.returns, { reason: dto.reason, at: new Date().toISOString() }] })]);
      return { returns: p.returns.length + 1 };
    });
  }

  resubmit(ctx: RequestContext, id: string, dto: ResubmitHandoffDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RESUBMIT', dto.version, {}, async (m, _actor, h, to) => {
      if (dto.evidence) await this.access.caseAttachments(m, h.case_id, evidenceRefs(dto.evidence));
      const old = readPacket(this.cipher, h);
      const packet: HandoffPacket = {
        statementSummary: dto.statementSummary ?? old.statementSummary,
        evidence: dto.evidence ? evidenceOf(dto.evidence) : old.evidence,
        proposedCharges: dto.proposedCharges ? chargesOf(dto.proposedCharges) : old.proposedCharges,
        protectionMeasures: dto.protectionMeasures ?? old.protectionMeasures,
        protectionNote: dto.protectionNote ?? old.protectionNote,
      };
      // the consent is asked again: a consent granted since the first submission now travels
      const coverage = await this.consents.activeConsentCovering(m, h.case_id, {
        agencyId: h.to_agency_id,
        purpose: 'LAW_ENFORCEMENT_SHARING',
        categories: HANDOFF_CONSENTED_CATEGORIES,
      });
      const categories = [...HANDOFF_BASE_CATEGORIES, ...coverage.covered];
      const sets = [
        'packet_enc = $V',
        'categories = $V::text[]',
        'willing_to_testify = $V',
        'received_at = NULL',
        `receive_by = now() + make_interval(days => $V)`,
      ];
      const values: unknown[] = [this.cipher.encryptJson(packet, bindingOf('packet_enc', h.id)), categories, dto.willingToTestify ?? h.willing_to_testify, HANDOFF_RECEIVE_BY_DAYS];
      if (dto.suspects) {
        sets.push('suspects_enc = $V');
        values.push(this.cipher.encryptJson(suspectsOf(dto.suspects), bindingOf('suspects_enc', h.id)));
      }
      await this.setStatus(m, h, to, sets.join(', '), values);
      const fields = Object.entries(dto)
        .filter(([k, v]) => k !== 'version' && v !== undefined)
        .map(([k]) => k);
      return { fields, categories, consentIds: coverage.consentIds, limitedByConsent: coverage.missing.length > 0 };
    });
  }

  charge(ctx: RequestContext, id: string, dto: ChargeHandoffDto): Promise<HandoffDetailView> {
    const input = { charges: dto.chargesFiled.map((c) => c.article), court: dto.court ?? null };
    return this.transition(ctx, id, 'CHARGE', dto.version, input, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      await this.setStatus(m, h, to, 'prosecution_enc = $V', [this.prosecution(h.id, { ...p, chargesFiled: chargesOf(dto.chargesFiled), court: dto.court ?? p.court })]);
      return { articles: input.charges, court: dto.court !== undefined };
    });
  }

  trial(ctx: RequestContext, id: string, dto: TrialHandoffDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'START_TRIAL', dto.version, { court: dto.court }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      const trialDates = [...dto.trialDates].sort();
      // hearings come after the case reached the prosecutor (decision 0012)
      const order = chronologyProblems([{ field: null, name: 'the handoff to the prosecutor', date: laoDateOf(h.created_at) }, { field: 'trialDates', name: 'the first hearing', date: trialDates[0] }]);
      if (order.length) throw new ValidationFailed(order);
      await this.setStatus(m, h, to, 'prosecution_enc = $V', [this.prosecution(h.id, { ...p, court: dto.court, trialDates })]);
      return { trialDates: trialDates.length };
    });
  }

  verdict(ctx: RequestContext, id: string, dto: VerdictHandoffDto): Promise<HandoffDetailView> {
    if (dto.decidedOn > todayInLaos()) throw new ValidationFailed([{ field: 'decidedOn', problems: ['decidedOn must not be in the future'] }]);
    return this.transition(ctx, id, 'RECORD_VERDICT', dto.version, { verdict: dto.verdict }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      // a verdict comes after the case reached the prosecutor and after the first hearing (decision 0012)
      const order = chronologyProblems([
        { field: null, name: 'the handoff to the prosecutor', date: laoDateOf(h.created_at) },
        { field: null, name: 'the first hearing', date: [...p.trialDates].sort()[0] },
        { field: 'decidedOn', name: 'the verdict', date: dto.decidedOn },
      ]);
      if (order.length) throw new ValidationFailed(order);
      const r = dto.restitutionOrdered;
      const next: HandoffProsecution = {
        ...p,
        sentence: dto.sentence ?? null,
        restitutionOrdered: r ? { amount: r.amount ?? null, currency: r.currency ?? null, description: r.description ?? null } : null,
        decidedOn: dto.decidedOn,
      };
      await this.setStatus(m, h, to, 'verdict = $V, prosecution_enc = $V', [dto.verdict, this.prosecution(h.id, next)]);
      return { verdict: dto.verdict, decidedOn: dto.decidedOn, sentence: dto.sentence !== undefined, restitution: r !== undefined };
    });
  }

  close(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'CLOSE', dto.version, {}, async (m, _actor, h, to) => {
      await this.setStatus(m, h, to, 'closed_at = now()', []);
      return {};
    });
  }

  withdraw(ctx: RequestContext, id: string, dto: HandoffReasonDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'WITHDRAW', dto.version, { reason: dto.reason }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      await this.setStatus(m, h, to, 'closed_at = now(), prosecution_enc = $V', [this.prosecution(h.id, { ...p, withdrawalReason: dto.reason })]);
      return {};
    });
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  /** One handoff the caller may see (sender or receiver), or the standard 404; the rule is in the WHERE clause. */
  private async load(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<HandoffRow> {
    const rel = relations(actor);
    const rows = await select<HandoffRow>(
      m,
      sql`SELECT ${raw(DETAIL_COLUMNS)}, ${rel.sender} AS is_sender, ${rel.receiver} AS is_receiver
            FROM handoff h ${JOINS}
            LEFT JOIN app_user fu ON fu.id = h.from_user_id
            LEFT JOIN app_user pu ON pu.id = h.prosecutor_id
           WHERE h.id = ${id}::uuid AND (${rel.sender} OR ${rel.receiver})
           ${raw(lock ? 'FOR UPDATE OF h' : '')}`,
    );
    const row = rows[0];
    if (!row) throw new NotFound();
    return row;
  }

  private context(actor: Actor, h: HandoffRow, input: Partial<HandoffContext>): HandoffContext {
    return { roles: actor.roles, actorInSendingAgency: h.is_sender, actorInReceivingAgency: h.is_receiver, ...input };
  }

  /**
   * One transition: load and lock the handoff the caller may see, ask the machine, check the
   * version, apply `fn`, then the event on the case timeline and one audit row, in one transaction.
   */
  private transition(
    ctx: RequestContext,
    id: string,
    action: HandoffAction,
    version: number,
    input: Partial<HandoffContext>,
    fn: (m: EntityManager, actor: Actor, h: HandoffRow, to: string) => Promise<Record<string, unknown>>,
  ): Promise<HandoffDetailView> {
    const event = HANDOFF_ACTION_EVENT[action];
    return this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const h = await this.load(m, actor, id, true);
        const d = can(HANDOFF_MACHINE, h.status, action, this.context(actor, h, input));
        if (!d.ok) throw new Conflict(d.reason, 'This change of the handoff is not allowed');
        if (h.version !== version) throw staleHandoff();
        const extra = await fn(m, actor, h, d.to);
        const change: Change = { event, details: { handoffId: id, action, from: h.status, to: d.to, ...extra } };
        await addCaseEvent(m, ctx, h.case_id, change.event, change.details);
        await this.audit.record(ctx, { action: event, outcome: 'ALLOWED', objectType: 'handoff', objectId: id, details: { caseId: h.case_id, ...change.details } }, m);
        const notify = HANDOFF_NOTIFICATIONS[action];
        if (notify) await this.outbox.add(m, notify, { handoffId: id });
        return this.detail(m, actor, await this.load(m, actor, id, false));
      });
  }

  /** `extraSet` uses `$V` for each of `values`, in order. */
  private async setStatus(m: EntityManager, h: HandoffRow, to: string, extraSet: string, values: unknown[]): Promise<void> {
    const params: unknown[] = [h.id, h.version, to];
    const set = extraSet.replace(/\$V/g, () => `$${params.push(values[params.length - 3])}`);
    const n = await execUpdate(m, `UPDATE handoff SET status = $3${set ? `, ${set}` : ''}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, params);
    if (n !== 1) throw staleHandoff();
  }

  private prosecution(id: string, p: HandoffProsecution): string | null {
    return this.cipher.encryptJson(p, bindingOf('prosecution_enc', id));
  }

  /** The view with the caller's actions, the history from the timeline, and the victim data the receiver may see now. */
  private async detail(m: EntityManager, actor: Actor, h: HandoffRow): Promise<HandoffDetailView> {
    const events: HandoffEventRow[] = await m.query(
      `SELECT e.kind, e.at, e.actor_id, u.username AS actor_username, u.display_name AS actor_display_name, a.code AS actor_agency_code, e.details
         FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN agency a ON a.id = e.actor_agency_id
        WHERE e.case_id = $1 AND e.details->>'handoffId' = $2
        ORDER BY e.id`,
      [h.case_id, h.id],
    );
    const victim: VictimData = {};
    const cats = h.effective_categories;
    if (h.is_receiver && !h.is_sender && HANDOFF_CONSENTED_CATEGORIES.some((c) => cats.includes(c))) {
      const rows: { id: string; person_id: string; identity_enc: string | null; exploitation_enc: string | null; health_enc: string | null }[] = await m.query(
        `SELECT c.id, c.person_id, p.identity_enc, c.exploitation_enc, c.health_enc FROM case_record c JOIN person p ON p.id = c.person_id WHERE c.id = $1`,
        [h.case_id],
      );
      const v = rows[0];
      if (v) {
        if (cats.includes('IDENTITY')) {
          victim.identity = toVictimIdentity(this.cipher.decryptJson<unknown>(v.identity_enc, { table: 'person', column: 'identity_enc', rowId: v.person_id }));
        }
        if (cats.includes('EXPLOITATION_ACCOUNT')) victim.exploitation = toVictimExploitation(this.cipher.decryptJson<unknown>(v.exploitation_enc, { table: 'case_record', column: 'exploitation_enc', rowId: v.id }));
        if (cats.includes('HEALTH')) victim.health = toVictimHealth(this.cipher.decryptJson<unknown>(v.health_enc, { table: 'case_record', column: 'health_enc', rowId: v.id }));
      }
    }
    return toHandoffDetail(this.cipher, h, {
      allowedActions: allowedActions(HANDOFF_MACHINE, h.status, this.context(actor, h, {})),
      history: events.map(toHistoryEntry),
      victim,
    });
  }
}

const staleHandoff = () => new Conflict('STALE_VERSION', 'Someone else changed this handoff; reload it and try again');

/** The evidence items that name an attachment, with the field each is in. */
function evidenceRefs(items: EvidenceItemDto[]): { field: string; id: string }[] {
  return items.flatMap((e, i) => (e.attachmentId ? [{ field: `evidence.${i}.attachmentId`, id: e.attachmentId }] : []));
}

function evidenceOf(items: EvidenceItemDto[]): HandoffPacket['evidence'] {
  return items.map((e) => ({ description: e.description, attachmentId: e.attachmentId ? e.attachmentId.toLowerCase() : null }));
}

function chargesOf(items: ChargeDto[]): HandoffPacket['proposedCharges'] {
  return items.map((c) => ({ article: c.article, description: c.description ?? null }));
}

function suspectsOf(items: SuspectDto[]) {
  return items.map((s) => ({ name: s.name ?? null, alias: s.alias ?? null, roleInProcess: s.roleInProcess, relationToVictim: s.relationToVictim, status: s.status ?? 'UNKNOWN' }));
}
