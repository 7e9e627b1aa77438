import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONSENT_MACHINE,
  can,
  consentEffectiveStatus,
  type ConsentStatus,
  type Page,
  type ConsentView,
} from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { AccessService } from '../platform/access/access.service';
import { requireCaseEditor } from '../platform/access/editor';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { actorOf, type RequestContext } from '../platform/http/request-context';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import {
  consentCoverage,
  consentGrantProblems,
  type ConsentCoverage,
  type CoverageRequest,
  type RuleProblems,
} from './consent-rules';
import { ConsentRepository, consentKeyset, type ConsentRow } from './consent.repository';
import { toConsentView } from './consent.mapper';
import type { GrantConsentDto, ListConsentsQueryDto, WithdrawConsentDto } from './dto/consent.dto';

/**
 * Consents: granted and withdrawn, never edited (a trigger refuses anything else). Each write is one
 * transaction with its timeline event and its audit row (TransitionRunner.record); every query that
 * loads a consent or its case carries the need-to-know rule in its WHERE clause (ConsentRepository).
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly consents: ConsentRepository,
    private readonly runner: TransitionRunner,
  ) {}

  async grant(ctx: RequestContext, caseId: string, dto: GrantConsentDto): Promise<ConsentView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
      const c = await this.consents.loadCase(m, actor, caseId);
      if (!c) throw new NotFound();
      // the editor rule: the assigned caseworker or a supervisor of the lead agency (closed cases too)
      requireCaseEditor(actor, c, { closedToo: true });

      const now = new Date();
      const grantedAt = new Date(dto.grantedAt);
      const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
      const problems: RuleProblems = consentGrantProblems(
        {
          type: dto.type,
          agencyIds: dto.agencyIds,
          givenBy: dto.givenBy,
          guardianName: dto.guardianName,
          grantedAt,
          expiresAt,
          isChild: c.is_child,
        },
        now,
      );
      if (problems.length) throw new ValidationFailed(problems);
      const agencies = await this.access.activeAgencies(m, dto.agencyIds, 'agencyIds');

      const id = randomUUID();
      const purposes = dto.purposes?.length ? dto.purposes : [dto.type];
      const partiesRecorded = await this.consents.insert(
        m,
        {
          id,
          caseId,
          type: dto.type,
          agencyIds: dto.agencyIds,
          purposes,
          categories: dto.categories,
          givenBy: dto.givenBy,
          form: dto.form,
          language: dto.language ?? null,
          interpreterUsed: dto.interpreterUsed ?? false,
          grantedAt,
          expiresAt,
          recordedById: actor.userId,
        },
        { guardianName: dto.guardianName ?? null, witnessName: dto.witnessName ?? null },
      );
      const details = {
        type: dto.type,
        purposes,
        categories: dto.categories,
        agencyCodes: agencies.map((a) => a.code),
        givenBy: dto.givenBy,
        form: dto.form,
      };
      await this.runner.record(m, ctx, {
        objectType: 'consent',
        objectId: id,
        audit: 'CONSENT_GRANTED',
        caseId,
        event: 'CONSENT_GRANTED',
        eventDetails: { consentId: id, ...details },
        auditDetails: { caseId, ...details, partiesRecorded },
      });
      return this.viewOne(m, id, now);
    });
  }

  async list(ctx: RequestContext, caseId: string, q: ListConsentsQueryDto): Promise<Page<ConsentView>> {
    const actor = actorOf(ctx);
    if (!(await this.consents.loadCase(this.ds, actor, caseId))) throw new NotFound();
    const page = consentKeyset.page(await this.consents.list(this.ds, caseId, q.cursor, q.limit), q.limit);
    await this.audit.record(ctx, {
      action: 'CONSENTS_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: page.items.length },
    });
    const now = new Date();
    return { items: page.items.map((r) => this.toView(r, now)), nextCursor: page.nextCursor };
  }

  async withdraw(ctx: RequestContext, consentId: string, dto: WithdrawConsentDto): Promise<ConsentView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
      const k = await this.consents.lock(m, actor, consentId);
      if (!k) throw new NotFound();
      requireCaseEditor(actor, { ...k, status: k.case_status }, { closedToo: true });
      const now = new Date();
      const stored: ConsentStatus = k.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE';
      const state = consentEffectiveStatus(
        { status: stored, expiresAt: k.expires_at, withdrawnAt: k.withdrawn_at },
        now,
      );
      const decision = can(CONSENT_MACHINE, state, 'WITHDRAW', {
        roles: actor.roles,
        actorInLeadAgency: true,
        reason: dto.reason,
      });
      if (!decision.ok) {
        const why =
          stored === 'WITHDRAWN'
            ? 'This consent is withdrawn already'
            : state === 'WITHDRAWN'
              ? 'This consent has expired: it counts as withdrawn'
              : 'This consent cannot be withdrawn by you';
        throw new Conflict(decision.reason, why);
      }
      await this.consents.withdraw(m, consentId, actor.userId, dto.reason);
      const details = { type: k.type, categories: k.categories, agencyCodes: k.agency_codes };
      await this.runner.record(m, ctx, {
        objectType: 'consent',
        objectId: consentId,
        audit: 'CONSENT_WITHDRAWN',
        caseId: k.case_id,
        event: 'CONSENT_WITHDRAWN',
        eventDetails: { consentId, ...details },
        auditDetails: {
          caseId: k.case_id,
          ...details,
          fields: ['status', 'withdrawnAt', 'withdrawnById', 'withdrawalReason'],
        },
        // every agency that received data under this consent is told (the worker finds them)
        outbox: { kind: 'consent.withdrawn', payload: { consentId, caseId: k.case_id } },
      });
      return this.viewOne(m, consentId, now);
    });
  }

  /**
   * Which of `req.categories` are covered, for `req.agencyId` and `req.purpose`, by an active,
   * unexpired consent on the case. Runs in the caller's transaction and locks the consents it reads
   * (FOR SHARE), so that a withdrawal waits for the caller to commit and then sees what it created.
   * The caller has already established that the actor may see the case.
   */
  async activeConsentCovering(
    m: EntityManager,
    caseId: string,
    req: CoverageRequest,
    now: Date = new Date(),
  ): Promise<ConsentCoverage> {
    if (req.categories.length === 0) return { covered: [], missing: [], consentIds: [] };
    const rows = await this.consents.covering(m, caseId, req.agencyId, req.purpose, req.categories);
    return consentCoverage(
      rows.map((r) => ({
        id: r.id,
        status: r.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE',
        agencyIds: r.agency_ids,
        purposes: r.purposes,
        categories: r.categories,
        grantedAt: r.granted_at,
        expiresAt: r.expires_at,
        withdrawnAt: r.withdrawn_at,
      })),
      req,
      now,
    );
  }

  // -------------------------------------------------------------------------------------------

  private async viewOne(m: EntityManager, id: string, now: Date): Promise<ConsentView> {
    const r = await this.consents.one(m, id);
    if (!r) throw new NotFound();
    return this.toView(r, now);
  }

  /** Only the case's lead agency reads consents, so the parties are always shown. */
  private toView(r: ConsentRow, now: Date): ConsentView {
    return toConsentView(r, now, this.consents.parties(r), true, this.consents.withdrawalReason(r));
  }
}
