import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  acknowledgeDeadline,
  allowedActions,
  CASE_ASSIGNEE_ROLES,
  laoDateOf,
  REFERRAL_MACHINE,
  servicesDeadline,
  type DataCategory,
  type Page,
  type ReferralStatus,
  type ReferralDetailView,
  type ReferralSummaryView,
  type ServiceDirectoryEntryView,
} from '@ctms/domain';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsService } from '../consents/consents.service';
import { AccessService } from '../platform/access/access.service';
import { requireCaseEditor } from '../platform/access/editor';
import { NOW } from '../platform/database/sql';
import { requireChronology } from '../platform/http/dates';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { SlaSettingsService } from '../sla/sla-settings.service';
import type {
  AcceptReferralDto,
  CancelReferralDto,
  CompleteReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ListReferralsQueryDto,
  ReassignReferralDto,
  RecordServiceDto,
  ServiceDirectoryQueryDto,
} from './dto/referral.dto';
import { caseOfReferral, checkReceiverServes, ConsentNotCovering, decide, referralContext } from './referral-rules';
import { toReferralDetail, toReferralSummary } from './referral.mapper';
import { ReferralRepository, referralKeyset, type ReferralDetailRow } from './referral.repository';

/**
 * Referrals to agency inboxes (docs/workflows.md "Referral"). Each write is one transaction holding the change,
 * its timeline event on the case, one audit row and its outbox row (the TransitionRunner); a 404 or a
 * refusal leaves one DENIED row (DenialAuditInterceptor). What the receiver may read of the case is
 * decided by case_relation_categories at every read, not here.
 */
@Injectable()
export class ReferralsService {
  /** How the runner locks, versions and answers a referral (also used by ReferralNotesService). */
  readonly workflow: Workflow<ReferralDetailRow, ReferralDetailView> = caseRecordWorkflow({
    objectType: 'referral',
    noun: 'referral',
    idKey: 'referralId',
    lock: (m, actor, id) => this.referrals.load(m, actor, id, true),
    answer: (m, actor, id) => this.detail(m, actor, id),
  });

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly consents: ConsentsService,
    private readonly access: AccessService,
    private readonly referrals: ReferralRepository,
    private readonly cases: CaseRepository,
    private readonly runner: TransitionRunner,
    private readonly outbox: OutboxService,
    private readonly sla: SlaSettingsService,
  ) {}

  async create(ctx: RequestContext, caseId: string, dto: CreateReferralDto): Promise<ReferralDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.cases.lockLead(m, actor, caseId, 'SHARE');
      if (!c) throw new NotFound();
      // the editor rule: the assigned caseworker or a supervisor of the lead agency refers, on an open case
      requireCaseEditor(actor, c);

      const to = await this.access.receivingAgency(m, actor, dto.toAgencyId, 'toAgencyId', {
        capability: 'RECEIVE_REFERRALS',
        problem: 'must be another active agency that receives referrals',
      });
      checkReceiverServes(to, dto.serviceTypes, c.province_code);

      const packet: DataCategory[] = ['CASE_SUMMARY', ...dto.categories.filter((k) => k !== 'CASE_SUMMARY')];
      const coverage = await this.consents.activeConsentCovering(m, caseId, {
        agencyId: to.id,
        purpose: 'REFERRAL_SHARING',
        categories: packet,
      });
      if (coverage.missing.length) throw new ConsentNotCovering(coverage.missing);

      const id = randomUUID();
      const now = new Date();
      await this.referrals.insert(m, {
        id,
        caseId,
        fromAgencyId: actor.agencyId,
        fromUserId: actor.userId,
        toAgencyId: to.id,
        serviceTypes: dto.serviceTypes,
        urgency: dto.urgency,
        reason: dto.reason,
        categories: packet,
        consentIds: coverage.consentIds,
        acknowledgeBy: acknowledgeDeadline(now, dto.urgency, (await this.sla.hours(m)).acknowledge),
        now,
      });
      await this.runner.recordCreated(m, ctx, {
        objectType: 'referral',
        objectId: id,
        audit: 'REFERRAL_CREATED',
        caseId,
        event: 'REFERRAL_CREATED',
        details: {
          referralId: id,
          toAgencyCode: to.code,
          serviceTypes: dto.serviceTypes,
          urgency: dto.urgency,
          categories: packet,
          consentIds: coverage.consentIds,
          to: 'PENDING',
        },
        outbox: { kind: 'referral.received', payload: { referralId: id } },
      });
      return this.detail(m, actor, id);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  async list(ctx: RequestContext, q: ListReferralsQueryDto): Promise<Page<ReferralSummaryView>> {
    const actor = actorOf(ctx);
    const rows = await this.referrals.list(this.ds, actor, q);
    const page = referralKeyset.page(rows, q.limit);
    await this.audit.record(ctx, {
      action: 'REFERRALS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'referral',
      details: { box: q.box, status: q.status ?? null, count: page.items.length, cursor: !!q.cursor },
    });
    return { items: page.items.map(toReferralSummary), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<ReferralDetailView> {
    const view = await this.detail(this.ds.manager, actorOf(ctx), id);
    await this.audit.record(ctx, { action: 'REFERRAL_READ', outcome: 'ALLOWED', objectType: 'referral', objectId: id });
    return view;
  }

  /** Active agencies that receive referrals, offer the service and cover the province (reference data, no case content). */
  directory(q: ServiceDirectoryQueryDto): Promise<ServiceDirectoryEntryView[]> {
    return this.referrals.directory(this.ds, q.serviceType, q.province);
  }

  // -------------------------------------------------------------------------------------------
  // Transitions (the TransitionRunner: lock and load, machine, version, change, event, audit, outbox)
  // -------------------------------------------------------------------------------------------

  accept(ctx: RequestContext, id: string, dto: AcceptReferralDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_ACCEPTED',
      event: 'REFERRAL_ACCEPTED',
      decide: (actor, r) => decide('ACCEPT', { assigneeId: (dto.assigneeId ?? actor.userId).toLowerCase() })(actor, r),
      version: dto.version,
      apply: async (m, actor, r) => {
        const assigneeId = await this.receivingWorker(m, r, dto.assigneeId ?? actor.userId);
        // the services clock starts now, with the hours in force now (a later change of the settings does not move it)
        const servicesDueBy = servicesDeadline(new Date(), r.urgency, (await this.sla.hours(m)).services);
        await this.referrals.update(m, r, {
          status: 'ACCEPTED',
          assigned_to_id: assigneeId,
          acknowledged_at: NOW,
          services_due_by: servicesDueBy,
        });
        return {
          details: {
            from: r.status,
            to: 'ACCEPTED',
            assignedTo: assigneeId,
            servicesDueBy: servicesDueBy.toISOString(),
          },
          notify: 'referral.accepted',
        };
      },
    });
  }

  decline(ctx: RequestContext, id: string, dto: DeclineReferralDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_DECLINED',
      event: 'REFERRAL_DECLINED',
      decide: decide('DECLINE', { declineReason: dto.reason, reason: dto.note ?? null }),
      version: dto.version,
      apply: async (m, _actor, r) => {
        await this.referrals.update(
          m,
          r,
          { status: 'DECLINED', decline_reason: dto.reason, acknowledged_at: NOW, closed_at: NOW },
          dto.note ?? null,
        );
        return {
          details: { from: r.status, to: 'DECLINED', declineReason: dto.reason, noteRecorded: !!dto.note },
          notify: 'referral.declined',
        };
      },
    });
  }

  recordService(ctx: RequestContext, id: string, dto: RecordServiceDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_SERVICE_RECORDED',
      event: 'REFERRAL_SERVICE_RECORDED',
      // The first service moves ACCEPTED → IN_PROGRESS (START_SERVICE); later ones are recorded under the
      // same rule (receiving agency, casework role), asked of the machine from ACCEPTED.
      guard: (_actor, r) => {
        if (r.status !== 'ACCEPTED' && r.status !== 'IN_PROGRESS')
          throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'Services are recorded on an accepted referral');
      },
      decide: decide('START_SERVICE', {}, 'ACCEPTED'),
      version: dto.version,
      apply: async (m, actor, r, to) => {
        // a service delivered before the referral was made is a typo, not a fact (decision 0012)
        requireChronology([
          { field: null, name: 'the referral', date: laoDateOf(r.created_at) },
          { field: 'deliveredOn', name: 'the service', date: dto.deliveredOn },
        ]);
        const serviceId = randomUUID();
        await this.referrals.insertService(m, {
          id: serviceId,
          referralId: r.id,
          serviceType: dto.serviceType,
          deliveredOn: dto.deliveredOn,
          provider: dto.provider ?? null,
          notes: dto.notes ?? null,
          recordedById: actor.userId,
        });
        await this.referrals.update(m, r, { status: to as ReferralStatus });
        return {
          details: { serviceId, serviceType: dto.serviceType, deliveredOn: dto.deliveredOn, from: r.status, to },
        };
      },
    });
  }

  complete(ctx: RequestContext, id: string, dto: CompleteReferralDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_COMPLETED',
      event: 'REFERRAL_COMPLETED',
      decide: decide('COMPLETE', { outcome: dto.outcome, reason: dto.note ?? null }),
      version: dto.version,
      apply: async (m, _actor, r) => {
        await this.referrals.update(
          m,
          r,
          { status: 'COMPLETED', outcome: dto.outcome, closed_at: NOW },
          dto.note ?? null,
        );
        return {
          details: { from: r.status, to: 'COMPLETED', outcome: dto.outcome, noteRecorded: !!dto.note },
          notify: 'referral.completed',
        };
      },
    });
  }

  cancel(ctx: RequestContext, id: string, dto: CancelReferralDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_CANCELLED',
      event: 'REFERRAL_CANCELLED',
      decide: decide('CANCEL', { reason: dto.reason }),
      // the sender's side of the editor rule: the case's assigned caseworker or a supervisor of its lead agency
      check: (actor, r) => requireCaseEditor(actor, caseOfReferral(r), { closedToo: true }),
      version: dto.version,
      apply: async (m, _actor, r) => {
        await this.referrals.update(m, r, { status: 'CANCELLED', closed_at: NOW }, dto.reason);
        return { details: { from: r.status, to: 'CANCELLED' }, notify: 'referral.cancelled' };
      },
    });
  }

  /** A supervisor of the receiving agency hands the accepted referral to another of its workers; the new assignee is told. */
  reassign(ctx: RequestContext, id: string, dto: ReassignReferralDto): Promise<ReferralDetailView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'REFERRAL_REASSIGNED',
      event: 'REFERRAL_REASSIGNED',
      decide: decide('REASSIGN', { assigneeId: dto.assigneeId }),
      version: dto.version,
      apply: async (m, _actor, r) => {
        const assigneeId = await this.receivingWorker(m, r, dto.assigneeId);
        await this.referrals.update(m, r, { assigned_to_id: assigneeId });
        await this.outbox.add(m, 'referral.reassigned', { referralId: r.id, assigneeId });
        return { details: { assignedFrom: r.assigned_to_id, assignedTo: assigneeId } };
      },
    });
  }

  // -------------------------------------------------------------------------------------------

  /** The assignee of an accepted referral: an active case worker of the receiving agency (through the access layer). */
  private receivingWorker(m: EntityManager, r: ReferralDetailRow, userId: string): Promise<string> {
    return this.access.assignee(m, userId.toLowerCase(), 'assigneeId', {
      agencyId: r.to_agency_id,
      roles: CASE_ASSIGNEE_ROLES,
      problem: 'must be an active caseworker or supervisor of the receiving agency',
    });
  }

  /** The referral as the caller sees it now, with its services, its history and the caller's actions. */
  private async detail(m: EntityManager, actor: Actor, id: string): Promise<ReferralDetailView> {
    const r = await this.referrals.load(m, actor, id);
    if (!r) throw new NotFound();
    const [services, history] = [
      await this.referrals.services(m, r.id),
      await this.referrals.history(m, r.case_id, r.id),
    ];
    return toReferralDetail(
      this.cipher,
      r,
      services,
      history,
      allowedActions(REFERRAL_MACHINE, r.status, referralContext(actor, r, {})),
    );
  }
}
