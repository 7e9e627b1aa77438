import { Injectable } from '@nestjs/common';
import {
  can,
  SCREENING_MACHINE,
  SCREENING_SUBMIT_FIELDS,
  screeningSubmitGaps,
  type ScreeningAction,
  type ScreeningStatus,
  type ReviewCommentView as ReviewComment,
  type ScreeningView,
} from '@ctms/domain';
import { CaseOpener } from '../cases/case-opener';
import { PersonWriter } from '../persons/person-writer';
import { NOW } from '../platform/database/sql';
import { Conflict } from '../platform/http/errors';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { TransitionRunner, type Step } from '../platform/workflow/transition-runner';
import { ApproveScreeningDto, ReturnScreeningDto, TerminateScreeningDto, VersionDto } from './dto/screening.dto';
import { caseFactsFromScreening } from './screening-to-case';
import { childConsentGiverOk, identityOf } from './screening-rules';
import { screeningContext } from './screening.mapper';
import { ScreeningRepository, type ScreeningRow } from './screening.repository';
import { ScreeningsService } from './screenings.service';

const notInterviewer = () => new Conflict('NOT_INTERVIEWER', 'Only the interviewer does this');

/** SCREENING_MACHINE's decision on `action`, with the step's reason. */
function decide(action: ScreeningAction, reason?: string) {
  return (actor: Actor, row: ScreeningRow) =>
    can(SCREENING_MACHINE, row.status, action, {
      ...screeningContext(actor, row),
      ...(reason === undefined ? {} : { reason }),
    });
}

/**
 * The review workflow of a screening (SCREENING_MACHINE): submit, approve (the person and, for a
 * possible victim, the case), return, terminate. Each step goes through the TransitionRunner: lock
 * and load in scope, the machine's decision, the version, the change, its audit row and outbox row.
 */
@Injectable()
export class ScreeningReviewService {
  constructor(
    private readonly drafts: ScreeningsService,
    private readonly screenings: ScreeningRepository,
    private readonly persons: PersonWriter,
    private readonly cases: CaseOpener,
    private readonly runner: TransitionRunner,
  ) {}

  submit(ctx: RequestContext, id: string, dto: VersionDto): Promise<ScreeningView> {
    return this.step(ctx, {
      id,
      audit: 'SCREENING_SUBMITTED',
      guard: (actor, row) => {
        if (row.interviewer_id !== actor.userId) throw notInterviewer();
      },
      decide: decide('SUBMIT'),
      version: dto.version,
      apply: async (m, _actor, row, to) => {
        const w = this.drafts.working(row);
        if (row.is_child && !childConsentGiverOk(w.interviewConsent['givenBy'])) {
          throw new Conflict(
            'CHILD_CONSENT_GIVER_REQUIRED',
            "A child's interview consent must be given by a parent, legal guardian or social worker (interviewConsent.givenBy)",
          );
        }
        const gaps = screeningSubmitGaps({
          bioData: w.content.bioData,
          indicatorAnswers: w.indicators,
          interviewerAssessment: w.interviewerAssessment,
        });
        if (gaps.length) {
          throw new Conflict(
            'SUBMIT_REQUIREMENTS_MISSING',
            `The screening lacks what a supervisor needs to act on it: ${gaps.join(', ')}`,
            gaps.map((g) => ({ field: SCREENING_SUBMIT_FIELDS[g], problems: [g] })),
          );
        }
        await this.screenings.transition(m, row, to as ScreeningStatus, { submitted_at: NOW });
        return { details: { from: row.status, to } };
      },
    });
  }

  approve(ctx: RequestContext, id: string, dto: ApproveScreeningDto): Promise<ScreeningView> {
    return this.step(ctx, {
      id,
      audit: 'SCREENING_APPROVED',
      decide: decide('APPROVE'),
      version: dto.version,
      apply: async (m, actor, row, to) => {
        const w = this.drafts.working(row);
        const bio = w.content.bioData;
        // the column follows merges of the linked person; the bio-data keeps the id as linked
        let personId = bio?.personId ? (row.person_id ?? bio.personId) : null;
        let personCreated = false;
        if (!personId) {
          const identity = identityOf(bio);
          if (!identity)
            throw new Conflict(
              'BIO_DATA_REQUIRED',
              'The bio-data lacks the given name (Lao script) or the birth-date precision',
            );
          personId = await this.persons.create(m, ctx, identity);
          personCreated = true;
        }
        let caseId: string | null = null;
        let caseCreated = false;
        if (w.interviewerAssessment === 'POSSIBLE_VICTIM') {
          const opened = await this.cases.openOrAttach(m, ctx, {
            screeningId: id,
            personId,
            agencyId: row.agency_id,
            provinceCode: row.province_code,
            isChild: row.is_child,
            assignTo: row.interviewer_id,
            ...caseFactsFromScreening(w.content),
          });
          caseId = opened.caseId;
          caseCreated = opened.created;
        }
        const comments = this.withComment(row, actor, 'APPROVE', dto.comment ?? null);
        await this.screenings.transition(
          m,
          row,
          to as ScreeningStatus,
          { reviewed_by_id: actor.userId, reviewed_at: NOW, person_id: personId, case_id: caseId },
          comments,
        );
        return {
          details: {
            from: row.status,
            to,
            personId,
            personCreated,
            caseId,
            caseCreated,
            comment: dto.comment !== undefined,
          },
          notify: 'screening.approved',
        };
      },
    });
  }

  return(ctx: RequestContext, id: string, dto: ReturnScreeningDto): Promise<ScreeningView> {
    return this.step(ctx, {
      id,
      audit: 'SCREENING_RETURNED',
      decide: decide('RETURN', dto.comment),
      version: dto.version,
      apply: async (m, actor, row, to) => {
        const comments = this.withComment(row, actor, 'RETURN', dto.comment);
        await this.screenings.transition(
          m,
          row,
          to as ScreeningStatus,
          { reviewed_by_id: actor.userId, reviewed_at: NOW },
          comments,
        );
        return { details: { from: row.status, to }, notify: 'screening.returned' };
      },
    });
  }

  /** The interview stopped: the status and the coded reason stay, the interview content is erased. */
  terminate(ctx: RequestContext, id: string, dto: TerminateScreeningDto): Promise<ScreeningView> {
    return this.step(ctx, {
      id,
      audit: 'SCREENING_TERMINATED',
      guard: (actor, row) => {
        if (row.interviewer_id !== actor.userId && !actor.roles.includes('SUPERVISOR')) throw notInterviewer();
      },
      decide: decide('TERMINATE', dto.reason),
      version: dto.version,
      apply: async (m, actor, row, to) => {
        const comments = this.withComment(row, actor, 'TERMINATE', dto.note ?? null);
        const erased = {
          content_enc: null,
          indicators_enc: null,
          assessment: null,
          interviewer_assessment: null,
          person_id: null,
        };
        await this.screenings.transition(
          m,
          row,
          to as ScreeningStatus,
          { termination_reason: dto.reason, ...erased },
          comments,
        );
        return { details: { from: row.status, to, reason: dto.reason, contentErased: true } };
      },
    });
  }

  // -------------------------------------------------------------------------------------------

  private step(ctx: RequestContext, step: Step<ScreeningRow>): Promise<ScreeningView> {
    return this.runner.run(ctx, this.drafts.workflow, step);
  }

  private withComment(
    row: ScreeningRow,
    actor: Actor,
    kind: ReviewComment['kind'],
    comment: string | null,
  ): ReviewComment[] {
    return [
      ...this.screenings.comments(row),
      { kind, at: new Date().toISOString(), byUsername: actor.username, comment },
    ];
  }
}
