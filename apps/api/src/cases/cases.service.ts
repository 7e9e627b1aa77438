import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  CASE_MACHINE,
  CASE_ASSIGNEE_ROLES,
  formalIdentificationRefusal,
  hasPermission,
  IDENTIFICATION_MACHINE,
  type CaseStatus,
  type IdentificationStatus,
  type CaseDetailView,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { inLeadAgency, mayEditCase, requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { NOW } from '../platform/database/sql';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { TransitionRunner, type Step, type Workflow } from '../platform/workflow/transition-runner';
import { toCaseChanges, toCaseDetail } from './case.mapper';
import { caseContext, caseDecision, identificationDecision } from './case-machines';
import { CaseRepository, type CaseRow } from './case.repository';
import { CaseRequestRepository } from './case-requests.repository';
import { CaseRequestsService } from './case-requests.service';
import type { CaseFlagDto } from './dto/case-requests.dto';
import {
  AssignCaseDto,
  CloseCaseDto,
  IdentificationDto,
  ReopenCaseDto,
  TransitionCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

/**
 * Cases: need-to-know decided in the SQL that loads the record (CaseRepository with the access
 * layer's predicates); every write goes through the TransitionRunner (the change, its timeline event
 * and its audit row in one transaction); every read one audit row. Refusals (404, 409) are audited
 * by the DenialAuditInterceptor with the route's action.
 */
@Injectable()
export class CasesService {
  private readonly workflow: Workflow<CaseRow, CaseDetailView> = {
    objectType: 'case',
    noun: 'case',
    lock: (m, actor, id) => this.cases.load(m, actor, id, { lock: true }),
    version: (c) => c.version,
    caseOf: (c) => c.id,
    keys: () => ({ event: {}, audit: {} }),
    payload: (c) => ({ caseId: c.id }),
    answer: async (m, actor, id) => this.detail(m, actor, await this.lead(m, actor, id)),
  };

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly runner: TransitionRunner,
    private readonly requests: CaseRequestsService,
    private readonly requestRows: CaseRequestRepository,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  async get(ctx: RequestContext, id: string): Promise<CaseDetailView> {
    const actor = actorOf(ctx);
    // any relation opens the case (lead agency, referral, handoff); the row carries only what it allows
    const row = await this.cases.load(this.ds, actor, id, { anyRelation: true });
    if (!row) throw new NotFound();
    const view = await this.detail(this.ds, actor, row);
    await this.audit.record(ctx, {
      action: 'CASE_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: id,
      ...(row.relation === 'LEAD_AGENCY'
        ? {}
        : { details: { relation: row.relation, categories: row.visible_categories } }),
    });
    return view;
  }

  /** The case the caller's agency leads in scope (notes, timeline, access log), or the standard 404. */
  async lead(m: EntityManager | DataSource, actor: Actor, id: string, lock = false): Promise<CaseRow> {
    const row = await this.cases.load(m, actor, id, { lock });
    if (!row) throw new NotFound();
    return row;
  }

  // -------------------------------------------------------------------------------------------
  // Writes (the TransitionRunner)
  // -------------------------------------------------------------------------------------------

  update(ctx: RequestContext, id: string, dto: UpdateCaseDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_UPDATED',
      event: 'CASE_UPDATED',
      guard: (actor, c) => requireCaseEditor(actor, c),
      version: dto.version,
      apply: async (m, _actor, c) => {
        const { patch, blobs, fields } = toCaseChanges(dto);
        if (!fields.length) return null; // nothing sent: nothing written
        await this.cases.update(m, c.id, dto.version, patch, blobs);
        return { details: { fields } };
      },
    });
  }

  assign(ctx: RequestContext, id: string, dto: AssignCaseDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_ASSIGNED',
      event: 'CASE_ASSIGNED',
      guard: (actor, c) => {
        if (!inLeadAgency(actor, c)) throw new Conflict('NOT_LEAD_AGENCY', 'Only the lead agency assigns this case');
        if (c.status === 'CLOSED')
          throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not assigned; reopen it first');
      },
      version: dto.version,
      apply: async (m, _actor, c) => {
        const assignee = await this.caseWorker(m, c, dto.userId, 'userId');
        await this.cases.update(m, c.id, dto.version, { assigned_to_id: assignee });
        return { details: { assignedTo: assignee, previous: c.assigned_to_id } };
      },
    });
  }

  /** ACTIVATE, START_FOLLOW_UP, RESUME. */
  transition(ctx: RequestContext, id: string, dto: TransitionCaseDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_STATUS_CHANGED',
      event: 'STATUS_CHANGED',
      decide: caseDecision(dto.action),
      version: dto.version,
      apply: async (m, _actor, c, to) => {
        await this.cases.update(m, c.id, dto.version, { status: to as CaseStatus });
        return { details: { action: dto.action, from: c.status, to } };
      },
    });
  }

  close(ctx: RequestContext, id: string, dto: CloseCaseDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_CLOSED',
      event: 'CASE_CLOSED',
      decide: caseDecision('CLOSE', { closureReason: dto.reason, reason: dto.note ?? null }),
      version: dto.version,
      apply: async (m, actor, c, to) => {
        await this.cases.update(m, c.id, dto.version, {
          status: to as CaseStatus,
          closed_at: NOW,
          closure_reason: dto.reason,
        });
        const noteId = dto.note ? await this.cases.addNote(m, actor, c.id, dto.note) : null;
        // a caseworker's open request to close is answered by the close itself, not left to a 409 later
        const closureRequestId = await this.requestRows.approveOpenClosure(m, c.id, actor);
        return { details: { from: c.status, closureReason: dto.reason, noteId, closureRequestId } };
      },
    });
  }

  reopen(ctx: RequestContext, id: string, dto: ReopenCaseDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_REOPENED',
      event: 'CASE_REOPENED',
      decide: caseDecision('REOPEN', { reason: dto.reason }),
      version: dto.version,
      apply: async (m, actor, c, to) => {
        await this.cases.update(m, c.id, dto.version, {
          status: to as CaseStatus,
          closed_at: null,
          closure_reason: null,
        });
        const noteId = await this.cases.addNote(m, actor, c.id, dto.reason);
        return { details: { previousClosureReason: c.closure_reason, noteId } };
      },
    });
  }

  identify(ctx: RequestContext, id: string, dto: IdentificationDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: 'CASE_IDENTIFICATION_DECIDED',
      event: 'IDENTIFICATION_DECIDED',
      // the capability rule (libs/domain): only an agency with FORMAL_IDENTIFICATION decides
      guard: (actor) => {
        if (!hasPermission(actor, 'case:identify'))
          throw new Conflict(
            'NOT_FORMAL_IDENTIFICATION_AGENCY',
            'Only an agency with the formal identification capability decides',
          );
      },
      decide: (actor, c) => identificationDecision(actor, c.identification_status, dto),
      version: dto.version,
      apply: async (m, actor, c, to) => {
        const identificationId = await this.cases.recordIdentification(m, actor, c, dto, to as IdentificationStatus);
        return {
          details: {
            identificationId,
            decision: dto.decision,
            decidedOn: dto.decidedOn,
            previous: c.identification_status,
          },
        };
      },
    });
  }

  /**
   * Sets or lifts RESTRICTED or NON_PUNISHMENT (a supervisor of the lead agency, with a reason kept as
   * an encrypted note). RESTRICTED names the users of the lead agency who may still open the case
   * (the actor always); everyone else gets the standard 404 from the access layer at once.
   */
  setFlag(ctx: RequestContext, id: string, dto: CaseFlagDto): Promise<CaseDetailView> {
    return this.write(id, ctx, {
      audit: dto.set ? 'CASE_FLAG_SET' : 'CASE_FLAG_LIFTED',
      event: dto.set ? 'FLAG_SET' : 'FLAG_LIFTED',
      guard: (actor, c) => {
        if (!inLeadAgency(actor, c)) throw new Conflict('NOT_LEAD_AGENCY', 'Only the lead agency flags this case');
        if (!hasPermission(actor, 'case:flag'))
          throw new Conflict('ROLE_NOT_ALLOWED', 'Only a supervisor sets or lifts these flags');
        if (c.status === 'CLOSED')
          throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not changed; reopen it first');
        if (dto.flag !== 'RESTRICTED' && dto.userIds?.length)
          throw new ValidationFailed([{ field: 'userIds', problems: ['only RESTRICTED names users'] }]);
      },
      version: dto.version,
      apply: async (m, actor, c) => {
        const has = c.flags.includes(dto.flag);
        let members: string[] = [];
        if (dto.flag === 'RESTRICTED') {
          if (dto.set) {
            members = [actor.userId];
            for (const [i, userId] of (dto.userIds ?? []).entries())
              members.push(await this.caseWorker(m, c, userId, `userIds[${i}]`));
            members = [...new Set(members)];
          }
          await this.requestRows.setMembers(m, actor, c.id, members); // none: the restriction is lifted
        }
        if (has === dto.set && dto.flag !== 'RESTRICTED') return null; // already so: nothing written
        const flags = dto.set ? [...new Set([...c.flags, dto.flag])] : c.flags.filter((f) => f !== dto.flag);
        await this.cases.update(m, c.id, dto.version, { flags });
        const noteId = await this.cases.addNote(m, actor, c.id, dto.reason, 'CASE_SUMMARY');
        return { details: { flag: dto.flag, set: dto.set, noteId, namedUsers: members.length } };
      },
    });
  }

  // -------------------------------------------------------------------------------------------

  /** An active case worker of the case's lead agency whose province scope covers the case (through the access layer). */
  private caseWorker(m: EntityManager, c: CaseRow, userId: string, field: string): Promise<string> {
    return this.access.assignee(m, userId, field, {
      agencyId: c.lead_agency_id,
      roles: CASE_ASSIGNEE_ROLES,
      provinceCode: c.province_code,
      problem:
        "must be an active caseworker, investigator or supervisor of the case's lead agency whose province scope covers the case",
    });
  }

  private write(id: string, ctx: RequestContext, step: Omit<Step<CaseRow>, 'id'>): Promise<CaseDetailView> {
    return this.runner.run(ctx, this.workflow, { id, ...step });
  }

  private async detail(m: EntityManager | DataSource, actor: Actor, c: CaseRow): Promise<CaseDetailView> {
    const lead = c.relation === 'LEAD_AGENCY' && inLeadAgency(actor, c);
    const identification =
      lead && hasPermission(actor, 'case:identify')
        ? allowedActions(IDENTIFICATION_MACHINE, c.identification_status, {
            roles: actor.roles,
            actorCapabilities: actor.capabilities,
          })
        : [];
    const editor = lead && mayEditCase(actor, c, 'case:update');
    const identificationRequest =
      lead || c.relation === 'IDENTIFICATION_REQUEST' ? await this.requests.latestIdentification(m, actor, c.id) : null;
    const closureRequest = lead ? await this.requests.latestClosure(m, actor, c.id) : null;
    const caseActions = lead ? allowedActions(CASE_MACHINE, c.status, caseContext(actor, c, {})) : [];
    const handoff =
      c.status !== 'CLOSED' &&
      hasPermission(actor, 'handoff:create') &&
      (editor ||
        (!lead &&
          identificationRequest?.decision === 'IDENTIFIED' &&
          (await this.requestRows.identifiedBy(m, actor, c.id))));
    const view = toCaseDetail(this.cipher, c, {
      case: caseActions,
      identification,
      edit: editor,
      assign: lead && c.status !== 'CLOSED' && hasPermission(actor, 'case:assign'),
      accessLog: lead && hasPermission(actor, 'case:access-log'),
      requestIdentification:
        editor &&
        formalIdentificationRefusal(actor.capabilities) !== null &&
        identificationRequest?.status !== 'REQUESTED',
      // who may close the case closes it; a closure request is for the editor who may not
      requestClosure: editor && !caseActions.includes('CLOSE') && closureRequest?.status !== 'REQUESTED',
      flags: lead && c.status !== 'CLOSED' && hasPermission(actor, 'case:flag'),
      handoff,
      // what POST /cases/:id/referrals checks: referral:create, the lead agency, the editor rule
      refer: lead && mayEditCase(actor, c, 'referral:create'),
    });
    if (identificationRequest !== null) view.identificationRequest = identificationRequest;
    if (lead) {
      view.closureRequest = closureRequest;
      if (c.flags.includes('RESTRICTED')) {
        view.restrictedTo = (await this.requestRows.members(m, c.id)).map((u) => ({
          id: u.user_id,
          username: u.username,
          displayName: u.display_name,
        }));
      }
    }
    return view;
  }
}
