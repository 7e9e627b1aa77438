import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  CASE_MACHINE,
  CLOSURE_REQUEST_MACHINE,
  closureRequestRefusal,
  formalIdentificationRefusal,
  IDENTIFICATION_REQUEST_DUE_DAYS,
  IDENTIFICATION_REQUEST_MACHINE,
  type ClosureRequestView,
  type IdentificationRequestView,
  type IdentificationStatus,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { NOW } from '../platform/database/sql';
import { Conflict, NotFound } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { CaseRepository } from './case.repository';
import {
  CaseRequestRepository,
  type ClosureRequestRow,
  type IdentificationRequestRow,
} from './case-requests.repository';
import { caseContext, closureContext, identificationContext, identificationDecision } from './case-machines';
import { toClosureRequestView, toIdentificationRequestView } from './case-requests.mapper';
import type {
  CancelIdentificationDto,
  DecideClosureDto,
  DecideIdentificationDto,
  IdentificationRequestListQueryDto,
  RequestClosureDto,
  SendIdentificationDto,
} from './dto/case-requests.dto';

/**
 * Requests on a case that someone else decides (docs/workflows.md "Identification request",
 * "Closure request"): an identification request to the inbox of an agency with formal
 * identification (decision 0024), and a caseworker's closure request that a supervisor approves or
 * returns. Every change goes through the TransitionRunner with the machine in libs/domain; reads go
 * through the access layer's predicates (the asked agency or the lead agency; a closure request the
 * lead agency only).
 */
@Injectable()
export class CaseRequestsService {
  private readonly identification: Workflow<IdentificationRequestRow, IdentificationRequestView> = caseRecordWorkflow({
    objectType: 'identification_request',
    noun: 'identification request',
    idKey: 'identificationRequestId',
    lock: (m, actor, id) => this.requests.loadIdentification(m, actor, id, true),
    answer: async (m, actor, id) => this.identificationView(actor, await this.mustIdentification(m, actor, id)),
  });

  private readonly closure: Workflow<ClosureRequestRow, ClosureRequestView> = caseRecordWorkflow({
    objectType: 'closure_request',
    noun: 'closure request',
    idKey: 'closureRequestId',
    lock: (m, actor, id) => this.requests.loadClosure(m, actor, id, true),
    answer: async (m, actor, id) => this.closureView(actor, await this.mustClosure(m, actor, id)),
  });

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly requests: CaseRequestRepository,
    private readonly runner: TransitionRunner,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Identification requests
  // -------------------------------------------------------------------------------------------

  /** The lead agency's case editor sends the case to an agency with FORMAL_IDENTIFICATION; the lead stays. */
  send(ctx: RequestContext, caseId: string, dto: SendIdentificationDto): Promise<IdentificationRequestView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      await this.lockForEditor(m, actor, caseId);
      if (formalIdentificationRefusal(actor.capabilities) === null) {
        throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'Your agency decides formal identification itself');
      }
      if (await this.requests.hasOpenIdentification(m, caseId))
        throw new Conflict('REQUEST_ALREADY_OPEN', 'This case already waits for an identification decision');
      const to = await this.access.receivingAgency(m, actor, dto.toAgencyId, 'toAgencyId', {
        capability: 'FORMAL_IDENTIFICATION',
        problem: 'toAgencyId must be an active agency with the FORMAL_IDENTIFICATION capability',
      });
      const id = randomUUID();
      await this.requests.insertIdentification(m, actor, id, caseId, to.id, IDENTIFICATION_REQUEST_DUE_DAYS);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'identification_request',
        objectId: id,
        audit: 'CASE_IDENTIFICATION_REQUESTED',
        caseId,
        event: 'IDENTIFICATION_REQUESTED',
        details: { identificationRequestId: id, toAgencyId: to.id, toAgencyCode: to.code, to: 'REQUESTED' },
        outbox: { kind: 'identification.requested', payload: { identificationRequestId: id } },
      });
      return this.identificationView(actor, await this.mustIdentification(m, actor, id));
    });
  }

  /** The asked agency decides, exactly as a formal identification (IDENTIFICATION_MACHINE): the case's status follows. */
  decide(ctx: RequestContext, id: string, dto: DecideIdentificationDto): Promise<IdentificationRequestView> {
    let identificationTo: IdentificationStatus | null = null;
    return this.runner.run(ctx, this.identification, {
      id,
      audit: 'CASE_IDENTIFICATION_DECIDED',
      event: 'IDENTIFICATION_DECIDED',
      decide: (actor, r) =>
        can(
          IDENTIFICATION_REQUEST_MACHINE,
          r.status,
          'DECIDE',
          identificationContext(actor, r, { decisionDate: dto.decidedOn, reason: dto.reasons }),
        ),
      check: (actor, r) => {
        const d = identificationDecision(actor, r.identification_status, dto);
        if (!d.ok) throw new Conflict(d.reason, 'This identification decision is not allowed');
        identificationTo = d.to;
      },
      version: dto.version,
      apply: async (m, actor, r, to) => {
        const identificationId = await this.cases.recordIdentification(
          m,
          actor,
          { id: r.case_id, version: r.case_version },
          dto,
          identificationTo as IdentificationStatus,
        );
        await this.requests.updateIdentification(m, r.id, r.version, {
          status: 'DECIDED',
          decision: dto.decision,
          decided_at: NOW,
          decided_by_id: actor.userId,
          identification_id: identificationId,
        });
        return {
          details: {
            identificationId,
            decision: dto.decision,
            decidedOn: dto.decidedOn,
            previous: r.identification_status,
            to,
          },
          notify: 'identification.decided',
        };
      },
    });
  }

  /** The lead agency withdraws a request not yet decided. */
  cancel(ctx: RequestContext, id: string, dto: CancelIdentificationDto): Promise<IdentificationRequestView> {
    return this.runner.run(ctx, this.identification, {
      id,
      audit: 'IDENTIFICATION_REQUEST_CANCELLED',
      event: 'IDENTIFICATION_REQUEST_CANCELLED',
      decide: (actor, r) =>
        can(
          IDENTIFICATION_REQUEST_MACHINE,
          r.status,
          'CANCEL',
          identificationContext(actor, r, { reason: dto.reason }),
        ),
      version: dto.version,
      apply: async (m, _actor, r, to) => {
        await this.requests.updateIdentification(m, r.id, r.version, { status: 'CANCELLED' }, dto.reason);
        return { details: { from: r.status, to } };
      },
    });
  }

  /** The caller agency's inbox (and what it sent), open requests first, most due first. Codes and case numbers only. */
  async inbox(ctx: RequestContext, q: IdentificationRequestListQueryDto): Promise<IdentificationRequestView[]> {
    const actor = actorOf(ctx);
    const rows = await this.requests.inbox(this.ds, actor, q.status);
    await this.audit.record(ctx, {
      action: 'IDENTIFICATION_REQUESTS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'identification_request',
      details: { count: rows.length, status: q.status ?? null },
    });
    return rows.map((r) => this.identificationView(actor, r));
  }

  /** The open or latest request of a case, as the caller sees it (for the case view); null when none. */
  async latestIdentification(
    m: EntityManager | DataSource,
    actor: Actor,
    caseId: string,
  ): Promise<IdentificationRequestView | null> {
    const r = await this.requests.latestIdentification(m, actor, caseId);
    return r ? this.identificationView(actor, r) : null;
  }

  private async mustIdentification(m: EntityManager, actor: Actor, id: string): Promise<IdentificationRequestRow> {
    const r = await this.requests.loadIdentification(m, actor, id);
    if (!r) throw new NotFound();
    return r;
  }

  private identificationView(actor: Actor, r: IdentificationRequestRow): IdentificationRequestView {
    return toIdentificationRequestView(
      r,
      allowedActions(IDENTIFICATION_REQUEST_MACHINE, r.status, identificationContext(actor, r)),
    );
  }

  /** The case the caller edits, locked for the request's insert (the editor rule); otherwise the standard 404 or 409. */
  private async lockForEditor(m: EntityManager, actor: Actor, caseId: string): Promise<void> {
    const c = await this.cases.lockLead(m, actor, caseId, 'UPDATE');
    if (!c) throw new NotFound();
    requireCaseEditor(actor, c);
  }

  // -------------------------------------------------------------------------------------------
  // Closure requests
  // -------------------------------------------------------------------------------------------

  /** The case editor asks a supervisor to close the case, with a coded reason. */
  requestClosure(ctx: RequestContext, caseId: string, dto: RequestClosureDto): Promise<ClosureRequestView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      await this.lockForEditor(m, actor, caseId);
      const refusal = closureRequestRefusal(dto.reason, dto.note);
      if (refusal) throw new Conflict(refusal, 'A closure request needs a coded reason (OTHER with a note)');
      if (await this.requests.hasOpenClosure(m, caseId))
        throw new Conflict('REQUEST_ALREADY_OPEN', 'This case already has a closure request waiting');
      const id = randomUUID();
      await this.requests.insertClosure(m, actor, id, caseId, dto.reason, dto.note ?? null);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'closure_request',
        objectId: id,
        audit: 'CASE_CLOSURE_REQUESTED',
        caseId,
        event: 'CLOSURE_REQUESTED',
        details: { closureRequestId: id, closureReason: dto.reason, to: 'REQUESTED' },
        outbox: { kind: 'closure.requested', payload: { closureRequestId: id } },
      });
      return this.closureView(actor, await this.mustClosure(m, actor, id));
    });
  }

  /** A supervisor of the lead agency approves: the case closes with the requested reason (CASE_MACHINE's CLOSE). */
  approveClosure(ctx: RequestContext, id: string, dto: DecideClosureDto): Promise<ClosureRequestView> {
    return this.runner.run(ctx, this.closure, {
      id,
      audit: 'CASE_CLOSURE_APPROVED',
      event: 'CASE_CLOSED',
      decide: (actor, r) => can(CLOSURE_REQUEST_MACHINE, r.status, 'APPROVE', closureContext(actor, r)),
      check: (actor, r) => {
        const note = r.reason === 'OTHER' ? this.requests.closureTexts(r).note : null;
        const d = can(
          CASE_MACHINE,
          r.case_status,
          'CLOSE',
          caseContext(actor, r, { closureReason: r.reason, reason: note }),
        );
        if (!d.ok) throw new Conflict(d.reason, 'The case cannot be closed now');
      },
      version: dto.version,
      apply: async (m, actor, r, to) => {
        await this.cases.update(m, r.case_id, r.case_version, {
          status: 'CLOSED',
          closed_at: NOW,
          closure_reason: r.reason,
        });
        await this.requests.updateClosure(
          m,
          r.id,
          r.version,
          { status: 'APPROVED', decided_at: NOW, decided_by_id: actor.userId },
          dto.comment ?? null,
        );
        return { details: { from: r.case_status, closureReason: r.reason, to }, notify: 'closure.decided' };
      },
    });
  }

  /** A supervisor of the lead agency returns the request with a comment; the case stays open. */
  returnClosure(ctx: RequestContext, id: string, dto: DecideClosureDto): Promise<ClosureRequestView> {
    return this.runner.run(ctx, this.closure, {
      id,
      audit: 'CASE_CLOSURE_RETURNED',
      event: 'CLOSURE_RETURNED',
      decide: (actor, r) =>
        can(CLOSURE_REQUEST_MACHINE, r.status, 'RETURN', closureContext(actor, r, dto.comment ?? null)),
      version: dto.version,
      apply: async (m, actor, r, to) => {
        await this.requests.updateClosure(
          m,
          r.id,
          r.version,
          { status: 'RETURNED', decided_at: NOW, decided_by_id: actor.userId },
          dto.comment ?? null,
        );
        return { details: { from: r.status, to }, notify: 'closure.decided' };
      },
    });
  }

  async latestClosure(m: EntityManager | DataSource, actor: Actor, caseId: string): Promise<ClosureRequestView | null> {
    const r = await this.requests.latestClosure(m, actor, caseId);
    return r ? this.closureView(actor, r) : null;
  }

  private async mustClosure(m: EntityManager, actor: Actor, id: string): Promise<ClosureRequestRow> {
    const r = await this.requests.loadClosure(m, actor, id);
    if (!r) throw new NotFound();
    return r;
  }

  private closureView(actor: Actor, r: ClosureRequestRow): ClosureRequestView {
    return toClosureRequestView(
      r,
      this.requests.closureTexts(r),
      allowedActions(CLOSURE_REQUEST_MACHINE, r.status, closureContext(actor, r)),
    );
  }
}
