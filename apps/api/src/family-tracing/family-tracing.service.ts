import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  caseEditorRefusal,
  FAMILY_TRACING_DUE_DAYS,
  FAMILY_TRACING_MACHINE,
  hasPermission,
  returnMovesCase,
  type CaseFamilyTracingView,
  type CaseReturnView,
  type FamilyTracingCategory,
  type FamilyTracingContext,
  type FamilyTracingRequestView,
  type Page,
} from '@ctms/domain';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsService } from '../consents/consents.service';
import { AccessService } from '../platform/access/access.service';
import { caseFacts, inLeadAgency, mayEditCase, requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { NOW } from '../platform/database/sql';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { ConsentNotCovering } from '../referrals/referral-rules';
import type {
  AnswerFamilyTracingDto,
  CloseFamilyTracingDto,
  FamilyTracingListQueryDto,
  RecordReturnDto,
  SendFamilyTracingDto,
} from './dto/family-tracing.dto';
import { toCaseReturnView, toFamilyTracingView } from './family-tracing.mapper';
import {
  familyTracingKeyset,
  FamilyTracingRepository,
  type CaseReturnRow,
  type FamilyTracingRow,
} from './family-tracing.repository';

type CaseLock = {
  id: string;
  status: string;
  province_code: string;
  lead_agency_id: string;
  assigned_to_id: string | null;
};

/**
 * Family tracing and return (decision 0033): the lead agency's case editor asks a province's social
 * welfare office for family tracing and assessment, sharing a packet limited by the victim's consent
 * exactly as a referral's; a casework user of that office in scope over the addressed province
 * answers or declines; the lead records the return and, when the person goes home to another
 * province, is offered the existing province transfer prefilled (a supervisor still decides).
 * Every change goes through the TransitionRunner with FAMILY_TRACING_MACHINE from libs/domain.
 */
@Injectable()
export class FamilyTracingService {
  private readonly workflow: Workflow<FamilyTracingRow, FamilyTracingRequestView> = caseRecordWorkflow({
    objectType: 'family_tracing_request',
    noun: 'family tracing request',
    idKey: 'familyTracingRequestId',
    lock: (m, actor, id) => this.repo.load(m, actor, id, true),
    answer: async (m, actor, id) => this.view(actor, await this.must(m, actor, id)),
  });

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly consents: ConsentsService,
    private readonly cases: CaseRepository,
    private readonly repo: FamilyTracingRepository,
    private readonly runner: TransitionRunner,
  ) {}

  /** The lead agency's case editor sends the request; the packet must be covered by an active REFERRAL_SHARING consent. */
  send(ctx: RequestContext, caseId: string, dto: SendFamilyTracingDto): Promise<FamilyTracingRequestView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.cases.lockLead(m, actor, caseId, 'SHARE');
      if (!c) throw new NotFound();
      requireCaseEditor(actor, c);
      const packet: FamilyTracingCategory[] = ['CASE_SUMMARY', ...dto.categories.filter((k) => k !== 'CASE_SUMMARY')];
      const withContact = packet.includes('CONTACT_LOCATION');
      if (withContact && !dto.familyContact)
        throw new ValidationFailed([
          { field: 'familyContact', problems: ['required when categories holds CONTACT_LOCATION'] },
        ]);
      if (!withContact && dto.familyContact)
        throw new ValidationFailed([
          { field: 'categories', problems: ['familyContact needs CONTACT_LOCATION in categories'] },
        ]);
      const to = await this.access.familyTracingOffice(m, dto.toAgencyId, dto.provinceCode, 'toAgencyId');
      if (await this.repo.hasOpen(m, caseId, dto.provinceCode))
        throw new Conflict('REQUEST_ALREADY_OPEN', "This case already waits for that province office's answer");
      const coverage = await this.consents.activeConsentCovering(m, caseId, {
        agencyId: to.id,
        purpose: 'REFERRAL_SHARING',
        categories: packet,
      });
      if (coverage.missing.length) throw new ConsentNotCovering(coverage.missing);

      const id = randomUUID();
      await this.repo.insert(m, actor, {
        id,
        caseId,
        toAgencyId: to.id,
        provinceCode: dto.provinceCode,
        categories: packet,
        consentIds: coverage.consentIds,
        questions: dto.questions,
        familyContact: withContact ? (dto.familyContact ?? null) : null,
        dueDays: FAMILY_TRACING_DUE_DAYS,
      });
      await this.runner.recordCreated(m, ctx, {
        objectType: 'family_tracing_request',
        objectId: id,
        audit: 'FAMILY_TRACING_REQUESTED',
        caseId,
        event: 'FAMILY_TRACING_REQUESTED',
        details: {
          familyTracingRequestId: id,
          toAgencyCode: to.code,
          provinceCode: dto.provinceCode,
          categories: packet,
          consentIds: coverage.consentIds,
          to: 'REQUESTED',
        },
        outbox: { kind: 'family_tracing.requested', payload: { familyTracingRequestId: id } },
      });
      return this.view(actor, await this.must(m, actor, id));
    });
  }

  /** The asked office answers with a code and the family assessment. */
  answer(ctx: RequestContext, id: string, dto: AnswerFamilyTracingDto): Promise<FamilyTracingRequestView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'FAMILY_TRACING_ANSWERED',
      event: 'FAMILY_TRACING_ANSWERED',
      decide: (actor, r) =>
        can(FAMILY_TRACING_MACHINE, r.status, 'ANSWER', this.context(actor, r, dto.answer, dto.assessment)),
      version: dto.version,
      apply: async (m, actor, r, to) => {
        const patch = {
          status: 'ANSWERED' as const,
          answer: dto.answer,
          answered_at: NOW,
          answered_by_id: actor.userId,
        };
        await this.repo.update(m, r.id, r.version, patch, dto.assessment);
        return { details: { answer: dto.answer, from: r.status, to }, notify: 'family_tracing.answered' };
      },
    });
  }

  /** The asked office declines, with a reason. */
  decline(ctx: RequestContext, id: string, dto: CloseFamilyTracingDto): Promise<FamilyTracingRequestView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'FAMILY_TRACING_DECLINED',
      event: 'FAMILY_TRACING_DECLINED',
      decide: (actor, r) => can(FAMILY_TRACING_MACHINE, r.status, 'DECLINE', this.context(actor, r, null, dto.reason)),
      version: dto.version,
      apply: async (m, actor, r, to) => {
        const patch = { status: 'DECLINED' as const, answered_at: NOW, answered_by_id: actor.userId };
        await this.repo.update(m, r.id, r.version, patch, dto.reason);
        return { details: { from: r.status, to }, notify: 'family_tracing.declined' };
      },
    });
  }

  /** The lead's case editor withdraws a request not yet answered, with a reason. */
  withdraw(ctx: RequestContext, id: string, dto: CloseFamilyTracingDto): Promise<FamilyTracingRequestView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'FAMILY_TRACING_WITHDRAWN',
      event: 'FAMILY_TRACING_WITHDRAWN',
      decide: (actor, r) => can(FAMILY_TRACING_MACHINE, r.status, 'WITHDRAW', this.context(actor, r, null, dto.reason)),
      version: dto.version,
      apply: async (m, _actor, r, to) => {
        await this.repo.update(m, r.id, r.version, { status: 'WITHDRAWN' }, dto.reason);
        return { details: { from: r.status, to }, notify: 'family_tracing.withdrawn' };
      },
    });
  }

  /** A box of the inbox (asked of the caller's office, or sent by its agency), most due first, keyset-paged. */
  async inbox(ctx: RequestContext, q: FamilyTracingListQueryDto): Promise<Page<FamilyTracingRequestView>> {
    const actor = actorOf(ctx);
    const page = familyTracingKeyset.page(await this.repo.inbox(this.ds, actor, q), q.limit);
    await this.audit.record(ctx, {
      action: 'FAMILY_TRACING_LISTED',
      outcome: 'ALLOWED',
      objectType: 'family_tracing_request',
      details: { box: q.box, status: q.status ?? null, count: page.items.length, cursor: !!q.cursor },
    });
    return { items: page.items.map((r) => this.view(actor, r)), nextCursor: page.nextCursor };
  }

  /** One request as the caller sees it. */
  async one(ctx: RequestContext, id: string): Promise<FamilyTracingRequestView> {
    const actor = actorOf(ctx);
    const r = await this.repo.load(this.ds, actor, id);
    if (!r) throw new NotFound();
    await this.audit.record(ctx, {
      action: 'FAMILY_TRACING_READ',
      outcome: 'ALLOWED',
      objectType: 'family_tracing_request',
      objectId: id,
      details: { caseId: r.case_id, categories: r.shared_categories },
    });
    return this.view(actor, r);
  }

  /** The lead agency's view of the case's requests and returns, with what the caller may do. */
  caseView(ctx: RequestContext, caseId: string): Promise<CaseFamilyTracingView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.cases.lockLead(m, actor, caseId, 'SHARE');
      if (!c) throw new NotFound();
      const requests = (await this.repo.ofCase(m, actor, caseId)).map((r) => this.view(actor, r));
      const returns = await this.returnViews(m, actor, c, await this.repo.returns(m, actor, caseId));
      await this.audit.record(ctx, {
        action: 'FAMILY_TRACING_LISTED',
        outcome: 'ALLOWED',
        objectType: 'case',
        objectId: caseId,
        details: { requests: requests.length, returns: returns.length },
      });
      const actions: CaseFamilyTracingView['allowedActions'] = [];
      if (mayEditCase(actor, c, 'referral:create')) actions.push('SEND');
      if (mayEditCase(actor, c, 'case:update')) actions.push('RECORD_RETURN');
      return { requests, returns, allowedActions: actions };
    });
  }

  /** The lead's case editor records the return; a handover to another province offers the province transfer. */
  recordReturn(ctx: RequestContext, caseId: string, dto: RecordReturnDto): Promise<CaseReturnView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.cases.lockLead(m, actor, caseId, 'SHARE');
      if (!c) throw new NotFound();
      requireCaseEditor(actor, c);
      const other = [dto.crossingPoint, dto.escort, dto.receptionPlace].includes('OTHER');
      if (other && !dto.note)
        throw new ValidationFailed([{ field: 'note', problems: ['required when a code is OTHER'] }]);
      const id = randomUUID();
      await this.repo.insertReturn(m, actor, {
        id,
        caseId,
        returnedOn: dto.returnedOn,
        crossingPoint: dto.crossingPoint,
        escort: dto.escort,
        receptionPlace: dto.receptionPlace,
        handoverProvinceCode: dto.handoverProvinceCode,
        note: dto.note ? dto.note : null,
      });
      const moves = returnMovesCase(dto.handoverProvinceCode, c.province_code);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'case_return',
        objectId: id,
        audit: 'RETURN_RECORDED',
        caseId,
        event: 'RETURN_RECORDED',
        details: {
          returnId: id,
          returnedOn: dto.returnedOn,
          crossingPoint: dto.crossingPoint,
          escort: dto.escort,
          receptionPlace: dto.receptionPlace,
          handoverProvinceCode: dto.handoverProvinceCode,
          transferOffered: moves,
        },
      });
      const row = await this.repo.oneReturn(m, actor, id);
      if (!row) throw new NotFound();
      const [v] = await this.returnViews(m, actor, c, [row]);
      return v;
    });
  }

  // -------------------------------------------------------------------------------------------

  private async must(m: EntityManager, actor: Actor, id: string): Promise<FamilyTracingRow> {
    const r = await this.repo.load(m, actor, id);
    if (!r) throw new NotFound();
    return r;
  }

  private context(
    actor: Actor,
    r: FamilyTracingRow,
    answer: string | null = null,
    reason: string | null = null,
  ): FamilyTracingContext {
    const c = { ...r, province_code: r.case_province_code, status: r.case_status };
    return {
      roles: actor.roles,
      actorInAskedOffice:
        r.to_agency_id === actor.agencyId && (actor.allProvinces || actor.provinces.includes(r.province_code)),
      actorIsCaseEditor: inLeadAgency(actor, c) && caseEditorRefusal(actor, caseFacts(c)) === null,
      answer,
      reason,
    };
  }

  private view(actor: Actor, r: FamilyTracingRow): FamilyTracingRequestView {
    return toFamilyTracingView(
      r,
      this.repo.texts(r),
      allowedActions(FAMILY_TRACING_MACHINE, r.status, this.context(actor, r)),
    );
  }

  /**
   * Returns with their offer: a province transfer inside the lead agency to the handover province,
   * while that is not the case's province; `allowed` when the caller may request it now (a
   * supervisor with case:transfer, the case not closed, no transfer waiting).
   */
  private async returnViews(
    m: EntityManager,
    actor: Actor,
    c: CaseLock,
    rows: CaseReturnRow[],
  ): Promise<CaseReturnView[]> {
    const open = rows.some((r) => returnMovesCase(r.handover_province_code, c.province_code))
      ? await this.repo.hasOpenTransfer(m, c.id)
      : true;
    const allowed = hasPermission(actor, 'case:transfer') && c.status !== 'CLOSED' && !open;
    return rows.map((r) =>
      toCaseReturnView(
        r,
        this.repo.returnNote(r),
        returnMovesCase(r.handover_province_code, c.province_code)
          ? { toAgencyId: c.lead_agency_id, toProvinceCode: r.handover_province_code, allowed }
          : null,
      ),
    );
  }
}
