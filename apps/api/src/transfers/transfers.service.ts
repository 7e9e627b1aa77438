import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  acknowledgeDeadline,
  allowedActions,
  can,
  CASE_ASSIGNEE_ROLES,
  DATA_CATEGORIES,
  inProvinceScope,
  TRANSFER_MACHINE,
  type DataCategory,
  type Page,
  type TransferAction,
  type TransferContext,
  type TransferDetailView,
  type TransferSummaryView,
} from '@ctms/domain';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsService } from '../consents/consents.service';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import { NOW } from '../platform/database/sql';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { ConsentNotCovering } from '../referrals/referral-rules';
import { SlaSettingsService } from '../sla/sla-settings.service';
import type {
  AcceptTransferDto,
  CancelTransferDto,
  CreateTransferDto,
  DeclineTransferDto,
  ListTransfersQueryDto,
} from './dto/transfer.dto';
import { toTransferDetail, toTransferSummary } from './transfer.mapper';
import { TransferRepository, transferKeyset, type TransferDetailRow } from './transfer.repository';

type TransferInput = Partial<Pick<TransferContext, 'assigneeId' | 'declineReason' | 'reason'>>;

function context(actor: Actor, t: TransferDetailRow, input: TransferInput): TransferContext {
  return {
    roles: actor.roles,
    actorOnReceivingSide: t.to_agency_id === actor.agencyId && inProvinceScope(actor, t.to_province_code),
    actorOnSendingSide: t.from_agency_id === actor.agencyId && inProvinceScope(actor, t.from_province_code),
    ...input,
  };
}

function decide(action: TransferAction, input: TransferInput = {}) {
  return (actor: Actor, t: TransferDetailRow) => can(TRANSFER_MACHINE, t.status, action, context(actor, t, input));
}

/**
 * Case transfers (docs/workflows.md "Case transfer"): a supervisor of the lead agency asks another
 * agency (a lead transfer) or another province office of its own agency (a province transfer) to
 * take the case over; a supervisor of the receiving side accepts, assigning a worker, or declines.
 * Acceptance moves the case (lead agency, province, worker) in the same transaction; what each side
 * may then see is decided by case_relation_categories at every read (TRANSFER_PENDING, FORMER_LEAD).
 */
@Injectable()
export class TransfersService {
  private readonly workflow: Workflow<TransferDetailRow, TransferDetailView> = caseRecordWorkflow({
    objectType: 'transfer',
    noun: 'transfer',
    idKey: 'transferId',
    lock: (m, actor, id) => this.transfers.load(m, actor, id, true),
    answer: (m, actor, id) => this.detail(m, actor, id),
  });

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly consents: ConsentsService,
    private readonly access: AccessService,
    private readonly transfers: TransferRepository,
    private readonly cases: CaseRepository,
    private readonly runner: TransitionRunner,
    private readonly sla: SlaSettingsService,
  ) {}

  async create(ctx: RequestContext, caseId: string, dto: CreateTransferDto): Promise<TransferDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.cases.lockLead(m, actor, caseId, 'UPDATE');
      if (!c) throw new NotFound();
      // a supervisor of the lead agency in scope (the route's permission holds the role), on an open case
      if (c.status === 'CLOSED')
        throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not transferred; reopen it first');

      const to = await this.access.transferAgency(m, dto.toAgencyId, 'toAgencyId');
      const toProvince = dto.toProvinceCode ?? c.province_code;
      const lead = to.id !== c.lead_agency_id;
      if (!lead && toProvince === c.province_code) {
        throw new ValidationFailed([
          {
            field: 'toProvinceCode',
            problems: ["a transfer inside the lead agency must name another province's office"],
          },
        ]);
      }
      if (!to.provinces.includes(toProvince)) {
        throw new ValidationFailed([
          {
            field: lead ? 'toAgencyId' : 'toProvinceCode',
            problems: ['the receiving agency does not cover that province'],
          },
        ]);
      }
      if (await this.transfers.requestedFor(m, caseId))
        throw new Conflict('TRANSFER_ALREADY_REQUESTED', 'This case already has a transfer waiting for an answer');

      // a lead transfer takes what an active consent covers for the receiver, as a referral does;
      // a province transfer stays inside the agency that holds everything already
      const packet: DataCategory[] = lead
        ? ['CASE_SUMMARY', ...dto.categories.filter((k) => k !== 'CASE_SUMMARY')]
        : [...DATA_CATEGORIES];
      const coverage = lead
        ? await this.consents.activeConsentCovering(m, caseId, {
            agencyId: to.id,
            purpose: 'REFERRAL_SHARING',
            categories: packet,
          })
        : { missing: [], consentIds: [] };
      if (coverage.missing.length) throw new ConsentNotCovering(coverage.missing);

      const id = randomUUID();
      await this.transfers.insert(m, {
        id,
        caseId,
        fromAgencyId: c.lead_agency_id,
        fromProvinceCode: c.province_code,
        toAgencyId: to.id,
        toProvinceCode: toProvince,
        requestedById: actor.userId,
        urgency: dto.urgency,
        reason: dto.reason,
        categories: packet,
        consentIds: coverage.consentIds,
        formerLeadAccess: lead ? (dto.formerLeadAccess ?? 'RETAIN') : 'RETAIN',
        // the answer is due like a referral's acknowledgement, by the hours the system admin set
        respondBy: acknowledgeDeadline(new Date(), dto.urgency, (await this.sla.hours(m)).acknowledge),
      });
      await this.runner.recordCreated(m, ctx, {
        objectType: 'transfer',
        objectId: id,
        audit: 'TRANSFER_REQUESTED',
        caseId,
        event: 'TRANSFER_REQUESTED',
        details: {
          transferId: id,
          kind: lead ? 'LEAD_AGENCY' : 'PROVINCE',
          toAgencyCode: to.code,
          fromProvinceCode: c.province_code,
          toProvinceCode: toProvince,
          urgency: dto.urgency,
          categories: packet,
          consentIds: coverage.consentIds,
          to: 'REQUESTED',
        },
        outbox: { kind: 'transfer.requested', payload: { transferId: id } },
      });
      return this.detail(m, actor, id);
    });
  }

  async list(ctx: RequestContext, q: ListTransfersQueryDto): Promise<Page<TransferSummaryView>> {
    const rows = await this.transfers.list(this.ds, actorOf(ctx), q);
    const page = transferKeyset.page(rows, q.limit);
    await this.audit.record(ctx, {
      action: 'TRANSFERS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'transfer',
      details: { box: q.box, status: q.status ?? null, count: page.items.length, cursor: !!q.cursor },
    });
    return { items: page.items.map(toTransferSummary), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<TransferDetailView> {
    const view = await this.detail(this.ds.manager, actorOf(ctx), id);
    await this.audit.record(ctx, { action: 'TRANSFER_READ', outcome: 'ALLOWED', objectType: 'transfer', objectId: id });
    return view;
  }

  accept(ctx: RequestContext, id: string, dto: AcceptTransferDto): Promise<TransferDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'TRANSFER_ACCEPTED',
      event: 'TRANSFER_ACCEPTED',
      decide: (actor, t) => decide('ACCEPT', { assigneeId: (dto.assigneeId ?? actor.userId).toLowerCase() })(actor, t),
      version: dto.version,
      apply: async (m, actor, t) => {
        const lead = t.to_agency_id !== t.from_agency_id;
        const assigneeId = await this.access.assignee(m, (dto.assigneeId ?? actor.userId).toLowerCase(), 'assigneeId', {
          agencyId: t.to_agency_id,
          roles: CASE_ASSIGNEE_ROLES,
          provinceCode: t.to_province_code,
          problem: 'must be an active caseworker or supervisor of the receiving side whose scope covers the province',
        });
        if (lead) {
          // the consent is read again: one withdrawn since the request stops the transfer
          const coverage = await this.consents.activeConsentCovering(m, t.case_id, {
            agencyId: t.to_agency_id,
            purpose: 'REFERRAL_SHARING',
            categories: t.categories,
          });
          if (coverage.missing.length) throw new ConsentNotCovering(coverage.missing);
        }
        const moved = await this.transfers.moveCase(m, {
          caseId: t.case_id,
          fromAgencyId: t.from_agency_id,
          fromProvinceCode: t.from_province_code,
          toAgencyId: t.to_agency_id,
          toProvinceCode: t.to_province_code,
          assigneeId,
        });
        if (!moved)
          throw new Conflict(
            'ACTION_NOT_ALLOWED_IN_STATE',
            'The case was closed or moved since the transfer was requested',
          );
        // the former lead keeps what it held as the lead (every category), unless the victim said none
        const retained: DataCategory[] = lead && t.former_lead_access === 'RETAIN' ? [...DATA_CATEGORIES] : [];
        await this.transfers.update(m, t, {
          status: 'ACCEPTED',
          assigned_to_id: assigneeId,
          retained_categories: retained,
          responded_at: NOW,
        });
        return {
          details: {
            from: t.status,
            to: 'ACCEPTED',
            assignedTo: assigneeId,
            toAgencyCode: t.to_agency_code,
            toProvinceCode: t.to_province_code,
            retainedCategories: retained,
          },
          notify: 'transfer.accepted',
        };
      },
    });
  }

  decline(ctx: RequestContext, id: string, dto: DeclineTransferDto): Promise<TransferDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'TRANSFER_DECLINED',
      event: 'TRANSFER_DECLINED',
      decide: decide('DECLINE', { declineReason: dto.reason, reason: dto.note ?? null }),
      version: dto.version,
      apply: async (m, _actor, t) => {
        await this.transfers.update(
          m,
          t,
          { status: 'DECLINED', decline_reason: dto.reason, responded_at: NOW },
          dto.note ?? null,
        );
        return {
          details: { from: t.status, to: 'DECLINED', declineReason: dto.reason, noteRecorded: !!dto.note },
          notify: 'transfer.declined',
        };
      },
    });
  }

  cancel(ctx: RequestContext, id: string, dto: CancelTransferDto): Promise<TransferDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'TRANSFER_CANCELLED',
      event: 'TRANSFER_CANCELLED',
      decide: decide('CANCEL', { reason: dto.reason }),
      version: dto.version,
      apply: async (m, _actor, t) => {
        await this.transfers.update(m, t, { status: 'CANCELLED', responded_at: NOW }, dto.reason);
        return { details: { from: t.status, to: 'CANCELLED' }, notify: 'transfer.cancelled' };
      },
    });
  }

  /** The transfer as the caller sees it now, with the caller's actions. */
  private async detail(m: EntityManager, actor: Actor, id: string): Promise<TransferDetailView> {
    const t = await this.transfers.load(m, actor, id);
    if (!t) throw new NotFound();
    return toTransferDetail(this.transfers, t, allowedActions(TRANSFER_MACHINE, t.status, context(actor, t, {})));
  }
}
