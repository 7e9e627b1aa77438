import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  HANDOFF_MACHINE,
  laoDateOf,
  type HandoffAction,
  type HandoffContext,
  type Page,
  HANDOFF_ACTION_EVENT,
  HANDOFF_BASE_CATEGORIES,
  HANDOFF_CONSENTED_CATEGORIES,
  type HandoffDetailView,
  type HandoffSummaryView,
} from '@ctms/domain';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsService } from '../consents/consents.service';
import { AccessService } from '../platform/access/access.service';
import { requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { NOW } from '../platform/database/sql';
import { requireChronology } from '../platform/http/dates';
import { Conflict, NotFound } from '../platform/http/errors';
import { CaseRequestRepository } from '../cases/case-requests.repository';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import {
  ChargeHandoffDto,
  CreateHandoffDto,
  HandoffReasonDto,
  HandoffVersionDto,
  ListHandoffsQueryDto,
  ResubmitHandoffDto,
  TrialHandoffDto,
  VerdictHandoffDto,
} from './dto/handoff.dto';
import {
  packetCounts,
  packetOf,
  readPacket,
  readProsecution,
  resubmittedPacket,
  withCharges,
  withReturn,
  toHandoffDetail,
  toHandoffSummary,
  toHistoryEntry,
  toVictimData,
  evidenceRefs,
  suspectsOf,
  withVerdict,
  type HandoffProsecution,
} from './handoff.mapper';
import { HandoffRepository, handoffKeyset, receiveBy, type HandoffPatch, type HandoffRow } from './handoff.repository';

/** Transitions that notify someone (the worker finds whom): the outbox kind per action. */
const HANDOFF_NOTIFICATIONS: Readonly<Partial<Record<HandoffAction, string>>> = {
  RESUBMIT: 'handoff.received',
  RETURN: 'handoff.returned',
  RECORD_VERDICT: 'handoff.decided',
};

/** A transition's change; answers what its event and audit row say besides the action and the statuses. */
type HandoffChange = (
  m: EntityManager,
  actor: Actor,
  h: HandoffRow,
  to: HandoffRow['status'],
) => Promise<Record<string, unknown> | void>;

function context(actor: Actor, h: HandoffRow, input: Partial<HandoffContext>): HandoffContext {
  return { roles: actor.roles, actorInSendingAgency: h.is_sender, actorInReceivingAgency: h.is_receiver, ...input };
}

/**
 * Prosecution handoffs (MoPS ATD → OSPP). Access is decided in the SQL that loads the handoff
 * (HandoffRepository); every transition goes through the TransitionRunner (HANDOFF_MACHINE decides,
 * a refusal is a 409 with the machine's reason; the change, its event on the case timeline, one
 * audit row and the outbox row in one transaction).
 */
@Injectable()
export class HandoffsService {
  private readonly workflow: Workflow<HandoffRow, HandoffDetailView> = caseRecordWorkflow({
    objectType: 'handoff',
    noun: 'handoff',
    idKey: 'handoffId',
    lock: (m, actor, id) => this.handoffs.load(m, actor, id, true),
    answer: (m, actor, id) => this.detail(m, actor, id),
  });

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly consents: ConsentsService,
    private readonly access: AccessService,
    private readonly handoffs: HandoffRepository,
    private readonly cases: CaseRepository,
    private readonly runner: TransitionRunner,
    private readonly caseRequests: CaseRequestRepository,
  ) {}

  async create(ctx: RequestContext, caseId: string, dto: CreateHandoffDto): Promise<HandoffDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      // The lead agency's case editor hands the case off (the investigator assigned to it, or a
      // supervisor), or the agency that formally identified the victim on an identification request
      // of a case another agency leads (decision 0024); in both, the case is not closed.
      const lead = await this.cases.lockLead(m, actor, caseId, 'UPDATE');
      if (lead) requireCaseEditor(actor, lead);
      const identifiedBy = lead ? undefined : await this.caseRequests.lockCaseIdentifiedBy(m, actor, caseId);
      if (!lead && !identifiedBy) throw new NotFound();
      if (identifiedBy?.status === 'CLOSED')
        throw new Conflict(
          'ACTION_NOT_ALLOWED_IN_STATE',
          'A closed case is not handed off; the lead agency reopens it first',
        );

      await this.access.receivingAgency(m, actor, dto.toAgencyId, 'toAgencyId', {
        capability: 'PROSECUTE',
        problem: 'toAgencyId must be an active agency with the PROSECUTE capability',
      });
      await this.access.caseAttachments(m, caseId, evidenceRefs(dto.evidence));
      if (await this.handoffs.hasOpen(m, caseId, dto.toAgencyId))
        throw new Conflict('HANDOFF_ALREADY_OPEN', 'This case already has an open handoff to this agency');

      const sharing = await this.sharing(m, caseId, dto.toAgencyId);
      const id = randomUUID();
      await this.handoffs.insert(m, {
        id,
        caseId,
        fromAgencyId: actor.agencyId,
        fromUserId: actor.userId,
        toAgencyId: dto.toAgencyId,
        categories: sharing.categories,
        packet: packetOf(dto),
        suspects: suspectsOf(dto.suspects),
        willingToTestify: dto.willingToTestify,
      });
      await this.runner.recordCreated(m, ctx, {
        objectType: 'handoff',
        objectId: id,
        audit: 'HANDOFF_SUBMITTED',
        caseId,
        event: 'HANDOFF_SUBMITTED',
        details: { handoffId: id, toAgencyId: dto.toAgencyId, to: 'SUBMITTED', ...sharing, counts: packetCounts(dto) },
        outbox: { kind: 'handoff.received', payload: { handoffId: id } },
      });
      return this.detail(m, actor, id);
    });
  }

  /** Incoming and/or outgoing handoffs, newest first (keyset on created_at, id); no personal data. */
  async list(ctx: RequestContext, q: ListHandoffsQueryDto): Promise<Page<HandoffSummaryView>> {
    const rows = await this.handoffs.list(this.ds, actorOf(ctx), q);
    const page = handoffKeyset.page(rows, q.limit);
    await this.audit.record(ctx, {
      action: 'HANDOFF_LISTED',
      outcome: 'ALLOWED',
      objectType: 'handoff',
      details: {
        count: page.items.length,
        filters: { status: q.status ?? null, box: q.box ?? null },
        cursor: !!q.cursor,
      },
    });
    const now = new Date();
    return { items: page.items.map((r) => toHandoffSummary(r, now)), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<HandoffDetailView> {
    const actor = actorOf(ctx);
    const row = await this.handoffs.load(this.ds, actor, id);
    if (!row) throw new NotFound();
    const view = await this.detailOf(this.ds.manager, actor, row);
    await this.audit.record(ctx, {
      action: 'HANDOFF_READ',
      outcome: 'ALLOWED',
      objectType: 'handoff',
      objectId: id,
      details: { caseId: row.case_id, relation: row.is_sender ? 'SENDER' : 'RECEIVER', categories: view.categories },
    });
    return view;
  }

  receive(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RECEIVE', dto.version, {}, async (m, actor, h, to) => {
      await this.handoffs.update(m, h, { status: to, received_at: NOW, prosecutor_id: actor.userId });
    });
  }

  accept(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'ACCEPT', dto.version, {}, async (m, actor, h, to) => {
      await this.handoffs.update(m, h, { status: to, prosecutor_id: h.prosecutor_id ?? actor.userId });
    });
  }

  returnToInvestigator(ctx: RequestContext, id: string, dto: HandoffReasonDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RETURN', dto.version, { reason: dto.reason }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      await this.setProsecution(m, h, { status: to }, withReturn(p, dto.reason));
      return { returns: p.returns.length + 1 };
    });
  }

  resubmit(ctx: RequestContext, id: string, dto: ResubmitHandoffDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'RESUBMIT', dto.version, {}, async (m, _actor, h, to) => {
      if (dto.evidence) await this.access.caseAttachments(m, h.case_id, evidenceRefs(dto.evidence));
      const packet = resubmittedPacket(readPacket(this.cipher, h), dto);
      // the consent is asked again: a consent granted since the first submission now travels
      const sharing = await this.sharing(m, h.case_id, h.to_agency_id);
      const patch: HandoffPatch = {
        status: to,
        categories: sharing.categories,
        willing_to_testify: dto.willingToTestify ?? h.willing_to_testify,
        received_at: null,
        receive_by: receiveBy(),
      };
      await this.handoffs.update(m, h, patch, {
        packet_enc: packet,
        ...(dto.suspects ? { suspects_enc: suspectsOf(dto.suspects) } : {}),
      });
      const fields = Object.entries(dto)
        .filter(([k, v]) => k !== 'version' && v !== undefined)
        .map(([k]) => k);
      return { fields, ...sharing };
    });
  }

  charge(ctx: RequestContext, id: string, dto: ChargeHandoffDto): Promise<HandoffDetailView> {
    const input = { charges: dto.chargesFiled.map((c) => c.article), court: dto.court ?? null };
    return this.transition(ctx, id, 'CHARGE', dto.version, input, async (m, _actor, h, to) => {
      await this.setProsecution(m, h, { status: to }, withCharges(readProsecution(this.cipher, h), dto));
      return { articles: input.charges, court: dto.court !== undefined };
    });
  }

  trial(ctx: RequestContext, id: string, dto: TrialHandoffDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'START_TRIAL', dto.version, { court: dto.court }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      const trialDates = [...dto.trialDates].sort();
      // hearings come after the case reached the prosecutor (decision 0012)
      requireChronology([
        { field: null, name: 'the handoff to the prosecutor', date: laoDateOf(h.created_at) },
        { field: 'trialDates', name: 'the first hearing', date: trialDates[0] },
      ]);
      await this.setProsecution(m, h, { status: to }, { ...p, court: dto.court, trialDates });
      return { trialDates: trialDates.length };
    });
  }

  verdict(ctx: RequestContext, id: string, dto: VerdictHandoffDto): Promise<HandoffDetailView> {
    const input = { verdict: dto.verdict };
    return this.transition(ctx, id, 'RECORD_VERDICT', dto.version, input, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      // a verdict comes after the case reached the prosecutor and after the first hearing (decision 0012)
      requireChronology([
        { field: null, name: 'the handoff to the prosecutor', date: laoDateOf(h.created_at) },
        { field: null, name: 'the first hearing', date: [...p.trialDates].sort()[0] },
        { field: 'decidedOn', name: 'the verdict', date: dto.decidedOn },
      ]);
      await this.setProsecution(m, h, { status: to, verdict: dto.verdict }, withVerdict(p, dto));
      return {
        verdict: dto.verdict,
        decidedOn: dto.decidedOn,
        sentence: dto.sentence !== undefined,
        restitution: dto.restitutionOrdered !== undefined,
      };
    });
  }

  close(ctx: RequestContext, id: string, dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'CLOSE', dto.version, {}, async (m, _actor, h, to) => {
      await this.handoffs.update(m, h, { status: to, closed_at: NOW });
    });
  }

  withdraw(ctx: RequestContext, id: string, dto: HandoffReasonDto): Promise<HandoffDetailView> {
    return this.transition(ctx, id, 'WITHDRAW', dto.version, { reason: dto.reason }, async (m, _actor, h, to) => {
      const p = readProsecution(this.cipher, h);
      await this.setProsecution(m, h, { status: to, closed_at: NOW }, { ...p, withdrawalReason: dto.reason });
    });
  }

  /** One transition through the runner: HANDOFF_MACHINE decides `action`; the event and audit action follow from it. */
  private transition(
    ctx: RequestContext,
    id: string,
    action: HandoffAction,
    version: number,
    input: Partial<HandoffContext>,
    fn: HandoffChange,
  ): Promise<HandoffDetailView> {
    const event = HANDOFF_ACTION_EVENT[action];
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: event,
      event,
      decide: (actor, h) => can(HANDOFF_MACHINE, h.status, action, context(actor, h, input)),
      version,
      apply: async (m, actor, h, to) => {
        const status = to as HandoffRow['status'];
        const extra = (await fn(m, actor, h, status)) ?? {};
        return { details: { action, from: h.status, to: status, ...extra }, notify: HANDOFF_NOTIFICATIONS[action] };
      },
    });
  }

  /** What a handoff to `agencyId` carries: the base categories and those an active consent covers (as the audit row says it). */
  private async sharing(m: EntityManager, caseId: string, agencyId: string) {
    const coverage = await this.consents.activeConsentCovering(m, caseId, {
      agencyId,
      purpose: 'LAW_ENFORCEMENT_SHARING',
      categories: HANDOFF_CONSENTED_CATEGORIES,
    });
    return {
      categories: [...HANDOFF_BASE_CATEGORIES, ...coverage.covered],
      consentIds: coverage.consentIds,
      limitedByConsent: coverage.missing.length > 0,
    };
  }

  private setProsecution(m: EntityManager, h: HandoffRow, patch: HandoffPatch, p: HandoffProsecution): Promise<void> {
    return this.handoffs.update(m, h, patch, { prosecution_enc: p });
  }

  private async detail(m: EntityManager, actor: Actor, id: string): Promise<HandoffDetailView> {
    const h = await this.handoffs.load(m, actor, id);
    if (!h) throw new NotFound();
    return this.detailOf(m, actor, h);
  }

  /** The view with the caller's actions, the history from the timeline, and the victim data the receiver may see now. */
  private async detailOf(m: EntityManager, actor: Actor, h: HandoffRow): Promise<HandoffDetailView> {
    const events = await this.handoffs.events(m, h.case_id, h.id);
    const v = await this.handoffs.victim(m, h);
    return toHandoffDetail(this.cipher, h, {
      allowedActions: allowedActions(HANDOFF_MACHINE, h.status, context(actor, h, {})),
      history: events.map(toHistoryEntry),
      victim: v ? toVictimData(this.cipher, h.effective_categories, v) : {},
    });
  }
}
