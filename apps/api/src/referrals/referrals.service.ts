import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  acknowledgeDeadline,
  allowedActions,
  CASE_ASSIGNEE_ROLES,
  type AuditAction,
  can,
  chronologyProblems,
  DATA_CATEGORIES,
  laoDateOf,
  REFERRAL_MACHINE,
  type DataCategory,
  type DeclineReason,
  type Page,
  type ReferralAction,
  type ReferralContext,
  type ReferralOutcome,
  type ReferralStatus,
  type ServiceType,
  type Urgency,
} from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { requireCaseEditor } from '../platform/access/editor';
import { todayInLaos } from '@ctms/domain';
import { and, exec, raw, select, selectOne, sql, type Sql } from '../platform/database/sql';
import type { TimelineEventKind } from '../cases/case-codes';
import { ConsentsService } from '../consents/consents.service';
import { caseLead, referral as referralAccess } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { OutboxService } from '../platform/outbox/outbox.service';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { Actor, RequestContext } from '../platform/http/request-context';
import type {
  AcceptReferralDto,
  CancelReferralDto,
  CompleteReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ListReferralsQueryDto,
  RecordServiceDto,
  ServiceDirectoryQueryDto,
} from './dto/referral.dto';
import type { ReferralDetailView, ReferralHistoryEntryView, ReferralServiceView, ReferralSummaryView, ServiceDirectoryEntryView } from './referral.views';
import { UUID_RE } from '../platform/http/params';

const TS_KEY = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const TS_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;


/** 409 CONSENT_NOT_COVERING: `details` name each category no active consent covers. */
export class ConsentNotCovering extends Conflict {
  constructor(public readonly missing: DataCategory[]) {
    super(
      'CONSENT_NOT_COVERING',
      'Some requested categories are not covered by an active REFERRAL_SHARING consent for the receiving agency',
      missing.map((k) => ({ field: 'categories', problems: [`${k} is not covered by an active REFERRAL_SHARING consent for the receiving agency`] })),
      { missing },
    );
  }
}

const staleReferral = () => new Conflict('STALE_VERSION', 'Someone else changed this referral; reload it and try again');

const SUMMARY_COLUMNS = `r.id, r.case_id, c.case_number, r.from_agency_id, fa.code AS from_agency_code, r.to_agency_id, ta.code AS to_agency_code,
  r.service_types, r.urgency, r.status, r.acknowledge_by, r.created_at, r.updated_at, ${TS_KEY('r.updated_at')} AS updated_key, r.version`;
const SUMMARY_JOINS = `JOIN case_record c ON c.id = r.case_id JOIN agency fa ON fa.id = r.from_agency_id JOIN agency ta ON ta.id = r.to_agency_id`;
const SUMMARY = raw(`${SUMMARY_COLUMNS} FROM referral r ${SUMMARY_JOINS}`);

interface SummaryRow {
  id: string;
  case_id: string;
  case_number: string;
  from_agency_id: string;
  from_agency_code: string;
  to_agency_id: string;
  to_agency_code: string;
  service_types: ServiceType[];
  urgency: Urgency;
  status: ReferralStatus;
  acknowledge_by: Date;
  created_at: Date;
  updated_at: Date;
  updated_key: string;
  version: number;
}

interface DetailRow extends SummaryRow {
  lead_agency_id: string;
  province_code: string;
  case_assigned_to_id: string | null;
  case_status: string;
  from_user_id: string;
  from_username: string | null;
  from_display_name: string | null;
  reason_enc: string | null;
  categories: DataCategory[];
  effective_categories: DataCategory[] | null;
  consent_ids: string[];
  assigned_to_id: string | null;
  assigned_username: string | null;
  assigned_display_name: string | null;
  decline_reason: DeclineReason | null;
  outcome: ReferralOutcome | null;
  notes_enc: string | null;
  acknowledged_at: Date | null;
  closed_at: Date | null;
}

interface ServiceRow {
  id: string;
  service_type: ServiceType;
  delivered_on: string;
  /** legacy plaintext (before decision 0013), until keys:rotate moves it into provider_enc */
  provider: string | null;
  provider_enc: string | null;
  notes_enc: string | null;
  recorded_by_id: string;
  recorded_by_username: string | null;
  recorded_by_display_name: string | null;
  created_at: Date;
}

interface HistoryRow {
  kind: string;
  at: Date;
  actor_username: string | null;
  actor_display_name: string | null;
  actor_agency_code: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Referrals to agency inboxes (docs/workflows.md "Referral"). Each write is one transaction holding the change,
 * its timeline event on the case and one audit row; a 404 or a refusal leaves one DENIED row.
 * Transitions go through REFERRAL_MACHINE; what the receiver may read of the case is decided by
 * case_relation_categories at every read, not here.
 */
/** Transitions that notify someone (the worker finds whom): the outbox kind per timeline event. */
const REFERRAL_NOTIFICATIONS: Readonly<Record<string, string>> = {
  REFERRAL_ACCEPTED: 'referral.accepted',
  REFERRAL_DECLINED: 'referral.declined',
  REFERRAL_COMPLETED: 'referral.completed',
  REFERRAL_CANCELLED: 'referral.cancelled',
};

@Injectable()
export class ReferralsService {
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

  async create(ctx: RequestContext, caseId: string, dto: CreateReferralDto): Promise<ReferralDetailView> {
    return this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const c = await selectOne<{ id: string; status: string; province_code: string; lead_agency_id: string; assigned_to_id: string | null }>(
          m,
          sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id FROM case_record c WHERE c.id = ${caseId}::uuid AND ${caseLead(actor, 'c')} FOR SHARE OF c`,
        );
        if (!c) throw new NotFound();
        // the editor rule: the assigned caseworker or a supervisor of the lead agency refers, on an open case
        requireCaseEditor(actor, c);

        const to = await this.access.receivingAgency(m, actor, dto.toAgencyId, 'toAgencyId', {
          capability: 'RECEIVE_REFERRALS',
          problem: 'must be another active agency that receives referrals',
        });
        const notOffered = dto.serviceTypes.filter((t) => !to.serviceTypes.includes(t));
        if (notOffered.length) {
          throw new ValidationFailed([{ field: 'serviceTypes', problems: [`the receiving agency does not offer ${notOffered.join(', ')}`] }]);
        }
        if (!to.provinces.includes(c.province_code)) {
          throw new ValidationFailed([{ field: 'toAgencyId', problems: ["the receiving agency does not cover the case's province"] }]);
        }

        const packet: DataCategory[] = ['CASE_SUMMARY', ...dto.categories.filter((k) => k !== 'CASE_SUMMARY')];
        const coverage = await this.consents.activeConsentCovering(m, caseId, { agencyId: to.id, purpose: 'REFERRAL_SHARING', categories: packet });
        if (coverage.missing.length) {
          throw new ConsentNotCovering(coverage.missing);
        }

        const id = randomUUID();
        const now = new Date();
        const acknowledgeBy = acknowledgeDeadline(now, dto.urgency);
        await m.query(
          `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, service_types, urgency, reason_enc, categories, consent_ids,
             status, acknowledge_by, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::text[], $10::uuid[], 'PENDING', $11, 1, $12, $12)`,
          [
            id,
            caseId,
            actor.agencyId,
            actor.userId,
            to.id,
            dto.serviceTypes,
            dto.urgency,
            this.cipher.encrypt(dto.reason, { table: 'referral', column: 'reason_enc', rowId: id }),
            packet,
            coverage.consentIds,
            acknowledgeBy,
            now,
          ],
        );
        const details = { referralId: id, toAgencyCode: to.code, serviceTypes: dto.serviceTypes, urgency: dto.urgency, categories: packet, consentIds: coverage.consentIds, to: 'PENDING' };
        await addCaseEvent(m, ctx, caseId, 'REFERRAL_CREATED', details);
        await this.audit.record(ctx, { action: 'REFERRAL_CREATED', outcome: 'ALLOWED', objectType: 'referral', objectId: id, details: { caseId, ...details } }, m);
        await this.outbox.add(m, 'referral.received', { referralId: id });
        return this.detail(m, actor, await this.load(m, actor, id, false));
      });
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  async list(ctx: RequestContext, q: ListReferralsQueryDto): Promise<Page<ReferralSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const where: Sql[] = [referralAccess(actor, 'r', 'c'), q.box === 'incoming' ? sql`r.to_agency_id = ${actor.agencyId}::uuid` : sql`r.from_agency_id = ${actor.agencyId}::uuid`];
    if (q.status) where.push(sql`r.status = ${q.status}`);
    if (q.cursor) {
      const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(sql`(r.updated_at, r.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await select<SummaryRow>(this.ds, sql`SELECT ${SUMMARY} WHERE ${and(where)} ORDER BY r.updated_at DESC, r.id DESC LIMIT ${limit + 1}`);
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.updated_key, r.id]));
    await this.audit.record(ctx, {
      action: 'REFERRALS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'referral',
      details: { box: q.box, status: q.status ?? null, count: page.items.length, cursor: !!q.cursor },
    });
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<ReferralDetailView> {
    const actor = actorOf(ctx);
    const view = await this.detail(this.ds.manager, actor, await this.load(this.ds.manager, actor, id, false));
    await this.audit.record(ctx, { action: 'REFERRAL_READ', outcome: 'ALLOWED', objectType: 'referral', objectId: id });
    return view;
  }

  /** Active agencies that receive referrals, offer the service and cover the province (reference data, no case content). */
  async directory(q: ServiceDirectoryQueryDto): Promise<ServiceDirectoryEntryView[]> {
    return this.ds.query(
      `SELECT id, code, name_lo AS "nameLo", name_en AS "nameEn", service_types AS "serviceTypes", provinces
         FROM agency
        WHERE active AND 'RECEIVE_REFERRALS' = ANY(capabilities) AND $1 = ANY(service_types) AND $2 = ANY(provinces)
        ORDER BY code`,
      [q.serviceType, q.province],
    );
  }

  // -------------------------------------------------------------------------------------------
  // Transitions
  // -------------------------------------------------------------------------------------------

  async accept(ctx: RequestContext, id: string, dto: AcceptReferralDto): Promise<ReferralDetailView> {
    return this.transition(ctx, id, 'REFERRAL_ACCEPTED', async (m, actor, r) => {
      const requested = (dto.assigneeId ?? actor.userId).toLowerCase();
      this.decide(actor, r, 'ACCEPT', { assigneeId: requested });
      if (r.version !== dto.version) throw staleReferral();
      const assigneeId = await this.access.assignee(m, requested, 'assigneeId', {
        agencyId: r.to_agency_id,
        roles: CASE_ASSIGNEE_ROLES,
        problem: 'must be an active caseworker or supervisor of the receiving agency',
      });
      await this.update(m, r, sql`status = 'ACCEPTED', assigned_to_id = ${assigneeId}::uuid, acknowledged_at = now()`);
      return { event: 'REFERRAL_ACCEPTED', details: { from: r.status, to: 'ACCEPTED', assignedTo: assigneeId } };
    });
  }

  async decline(ctx: RequestContext, id: string, dto: DeclineReferralDto): Promise<ReferralDetailView> {
    return this.transition(ctx, id, 'REFERRAL_DECLINED', async (m, actor, r) => {
      this.decide(actor, r, 'DECLINE', { declineReason: dto.reason, reason: dto.note ?? null });
      if (r.version !== dto.version) throw staleReferral();
      await this.update(m, r, sql`status = 'DECLINED', decline_reason = ${dto.reason}, notes_enc = ${this.note(r.id, dto.note)}, acknowledged_at = now(), closed_at = now()`);
      return { event: 'REFERRAL_DECLINED', details: { from: r.status, to: 'DECLINED', declineReason: dto.reason, noteRecorded: !!dto.note } };
    });
  }

  async recordService(ctx: RequestContext, id: string, dto: RecordServiceDto): Promise<ReferralDetailView> {
    if (dto.deliveredOn > todayInLaos()) throw new ValidationFailed([{ field: 'deliveredOn', problems: ['must not be in the future'] }]);
    return this.transition(ctx, id, 'REFERRAL_SERVICE_RECORDED', async (m, actor, r) => {
      // The first service moves ACCEPTED → IN_PROGRESS (START_SERVICE); later ones are recorded under the
      // same rule (receiving agency, casework role), asked of the machine from ACCEPTED.
      if (r.status !== 'ACCEPTED' && r.status !== 'IN_PROGRESS') throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'Services are recorded on an accepted referral');
      const to = this.decide(actor, { ...r, status: 'ACCEPTED' }, 'START_SERVICE', {});
      if (r.version !== dto.version) throw staleReferral();
      // a service delivered before the referral was made is a typo, not a fact (decision 0012)
      const order = chronologyProblems([{ field: null, name: 'the referral', date: laoDateOf(r.created_at) }, { field: 'deliveredOn', name: 'the service', date: dto.deliveredOn }]);
      if (order.length) throw new ValidationFailed(order);
      const serviceId = randomUUID();
      await m.query(
        `INSERT INTO referral_service (id, referral_id, service_type, delivered_on, provider_enc, notes_enc, recorded_by_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
        [
          serviceId,
          r.id,
          dto.serviceType,
          dto.deliveredOn,
          this.cipher.encrypt(dto.provider ?? null, { table: 'referral_service', column: 'provider_enc', rowId: serviceId }),
          dto.notes ? this.cipher.encrypt(dto.notes, { table: 'referral_service', column: 'notes_enc', rowId: serviceId }) : null,
          actor.userId,
        ],
      );
      await this.update(m, r, sql`status = ${to}`);
      return {
        event: 'REFERRAL_SERVICE_RECORDED',
        details: { serviceId, serviceType: dto.serviceType, deliveredOn: dto.deliveredOn, from: r.status, to },
      };
    });
  }

  async complete(ctx: RequestContext, id: string, dto: CompleteReferralDto): Promise<ReferralDetailView> {
    return this.transition(ctx, id, 'REFERRAL_COMPLETED', async (m, actor, r) => {
      this.decide(actor, r, 'COMPLETE', { outcome: dto.outcome, reason: dto.note ?? null });
      if (r.version !== dto.version) throw staleReferral();
      await this.update(m, r, sql`status = 'COMPLETED', outcome = ${dto.outcome}, notes_enc = ${this.note(r.id, dto.note)}, closed_at = now()`);
      return { event: 'REFERRAL_COMPLETED', details: { from: r.status, to: 'COMPLETED', outcome: dto.outcome, noteRecorded: !!dto.note } };
    });
  }

  async cancel(ctx: RequestContext, id: string, dto: CancelReferralDto): Promise<ReferralDetailView> {
    return this.transition(ctx, id, 'REFERRAL_CANCELLED', async (m, actor, r) => {
      this.decide(actor, r, 'CANCEL', { reason: dto.reason });
      // the sender's side of the editor rule: the case's assigned caseworker or a supervisor of its lead agency
      requireCaseEditor(actor, { lead_agency_id: r.lead_agency_id, province_code: r.province_code, assigned_to_id: r.case_assigned_to_id, status: r.case_status }, { closedToo: true });
      if (r.version !== dto.version) throw staleReferral();
      await this.update(m, r, sql`status = 'CANCELLED', notes_enc = ${this.note(r.id, dto.reason)}, closed_at = now()`);
      return { event: 'REFERRAL_CANCELLED', details: { from: r.status, to: 'CANCELLED' } };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  /** One referral the actor may see (sender or receiver in scope), or the standard 404. */
  private async load(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<DetailRow> {
    const row = await selectOne<DetailRow>(
      m,
      sql`SELECT ${raw(SUMMARY_COLUMNS)}, r.from_user_id, fu.username AS from_username, fu.display_name AS from_display_name, r.reason_enc, r.categories, r.consent_ids,
                 case_relation_categories(r.case_id, r.to_agency_id, '{}'::text[], true) AS effective_categories,
                 r.assigned_to_id, au.username AS assigned_username, au.display_name AS assigned_display_name, r.decline_reason, r.outcome, r.notes_enc, r.acknowledged_at, r.closed_at,
                 c.lead_agency_id, c.province_code, c.assigned_to_id AS case_assigned_to_id, c.status AS case_status
            FROM referral r ${raw(SUMMARY_JOINS)}
            LEFT JOIN app_user fu ON fu.id = r.from_user_id
            LEFT JOIN app_user au ON au.id = r.assigned_to_id
           WHERE r.id = ${id}::uuid AND ${referralAccess(actor, 'r', 'c')}
           ${raw(lock ? 'FOR UPDATE OF r' : '')}`,
    );
    if (!row) throw new NotFound();
    return row;
  }

  private context(actor: Actor, r: SummaryRow, input: Partial<Pick<ReferralContext, 'assigneeId' | 'declineReason' | 'outcome' | 'reason'>>): ReferralContext {
    return { roles: actor.roles, actorInReceivingAgency: r.to_agency_id === actor.agencyId, actorInSendingAgency: r.from_agency_id === actor.agencyId, ...input };
  }

  /** The machine decides; a refusal is a 409 whose code is the machine's reason. */
  private decide(actor: Actor, r: SummaryRow, action: ReferralAction, input: Partial<Pick<ReferralContext, 'assigneeId' | 'declineReason' | 'outcome' | 'reason'>>): ReferralStatus {
    const d = can(REFERRAL_MACHINE, r.status, action, this.context(actor, r, input));
    if (!d.ok) throw new Conflict(d.reason, 'This change to the referral is not allowed');
    return d.to;
  }

  private async update(m: EntityManager, r: SummaryRow, sets: Sql): Promise<void> {
    const n = await exec(m, sql`UPDATE referral SET ${sets}, version = version + 1, updated_at = clock_timestamp() WHERE id = ${r.id}::uuid AND version = ${r.version}::int`);
    if (n !== 1) throw staleReferral();
  }


  private note(referralId: string, text: string | undefined): string | null {
    return text ? this.cipher.encrypt(text, { table: 'referral', column: 'notes_enc', rowId: referralId }) : null;
  }

  /**
   * One transition: load and lock the referral in scope, apply `fn`, then the timeline event on the
   * case and the audit row, in one transaction; answers the referral as it now is.
   */
  private async transition(
    ctx: RequestContext,
    id: string,
    action: AuditAction,
    fn: (m: EntityManager, actor: Actor, r: DetailRow) => Promise<{ event: TimelineEventKind; details: Record<string, unknown> }>,
  ): Promise<ReferralDetailView> {
    return this.ds.transaction(async (m) => {
        const actor = actorOf(ctx);
        const r = await this.load(m, actor, id, true);
        const change = await fn(m, actor, r);
        const details = { referralId: id, ...change.details };
        await addCaseEvent(m, ctx, r.case_id, change.event, details);
        await this.audit.record(ctx, { action, outcome: 'ALLOWED', objectType: 'referral', objectId: id, details: { caseId: r.case_id, ...details } }, m);
        const notify = REFERRAL_NOTIFICATIONS[change.event];
        if (notify) await this.outbox.add(m, notify, { referralId: id });
        return this.detail(m, actor, await this.load(m, actor, id, false));
      });
  }

  private async detail(m: EntityManager, actor: Actor, r: DetailRow): Promise<ReferralDetailView> {
    const services: ServiceRow[] = await m.query(
      `SELECT s.id, s.service_type, s.delivered_on::text AS delivered_on, s.provider, s.provider_enc, s.notes_enc, s.recorded_by_id, u.username AS recorded_by_username, u.display_name AS recorded_by_display_name, s.created_at
         FROM referral_service s LEFT JOIN app_user u ON u.id = s.recorded_by_id
        WHERE s.referral_id = $1 ORDER BY s.delivered_on, s.created_at, s.id`,
      [r.id],
    );
    const history: HistoryRow[] = await m.query(
      `SELECT e.kind, e.at, u.username AS actor_username, u.display_name AS actor_display_name, a.code AS actor_agency_code, e.details
         FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN agency a ON a.id = e.actor_agency_id
        WHERE e.case_id = $1 AND e.details->>'referralId' = $2 ORDER BY e.at, e.id`,
      [r.case_id, r.id],
    );
    const status = r.status;
    return {
      ...toSummary(r),
      fromAgency: { id: r.from_agency_id, code: r.from_agency_code },
      toAgency: { id: r.to_agency_id, code: r.to_agency_code },
      sentBy: { id: r.from_user_id, username: r.from_username, displayName: r.from_display_name },
      reason: this.cipher.decrypt(r.reason_enc, { table: 'referral', column: 'reason_enc', rowId: r.id }),
      categories: r.categories,
      effectiveCategories: DATA_CATEGORIES.filter((c) => (r.effective_categories ?? []).includes(c)),
      consentIds: r.consent_ids,
      assignedTo: r.assigned_to_id ? { id: r.assigned_to_id, username: r.assigned_username, displayName: r.assigned_display_name } : null,
      acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      declineReason: r.decline_reason,
      outcome: r.outcome,
      note: this.cipher.decrypt(r.notes_enc, { table: 'referral', column: 'notes_enc', rowId: r.id }),
      overdue: status === 'PENDING' && r.acknowledge_by.getTime() < Date.now(),
      services: services.map((s) => this.toService(s)),
      history: history.map(toHistory),
      allowedActions: allowedActions(REFERRAL_MACHINE, status, this.context(actor, r, {})),
    };
  }

  private toService(s: ServiceRow): ReferralServiceView {
    return {
      id: s.id,
      serviceType: s.service_type,
      deliveredOn: s.delivered_on,
      provider: s.provider_enc ? this.cipher.decrypt(s.provider_enc, { table: 'referral_service', column: 'provider_enc', rowId: s.id }) : s.provider,
      notes: this.cipher.decrypt(s.notes_enc, { table: 'referral_service', column: 'notes_enc', rowId: s.id }),
      recordedBy: { id: s.recorded_by_id, username: s.recorded_by_username, displayName: s.recorded_by_display_name },
      recordedAt: s.created_at.toISOString(),
    };
  }
}

function toSummary(r: SummaryRow): ReferralSummaryView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    fromAgency: { code: r.from_agency_code },
    toAgency: { code: r.to_agency_code },
    serviceTypes: r.service_types,
    urgency: r.urgency,
    status: r.status,
    acknowledgeBy: r.acknowledge_by.toISOString(),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

function toHistory(h: HistoryRow): ReferralHistoryEntryView {
  const to = h.details?.['to'];
  return {
    kind: h.kind,
    at: h.at.toISOString(),
    actor: h.actor_username || h.actor_agency_code ? { username: h.actor_username, displayName: h.actor_display_name, agencyCode: h.actor_agency_code } : null,
    status: typeof to === 'string' ? (to as ReferralStatus) : null,
    details: h.details,
  };
}
