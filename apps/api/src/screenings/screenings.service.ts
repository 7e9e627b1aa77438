import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  can,
  SCREENING_MACHINE,
  type Page,
  type ScreeningListItemView as ScreeningListItem,
  type ScreeningView,
  childFacts,
  type BioData,
  type StoredAssessment,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { type Actor, type RequestContext, actorOf } from '../platform/http/request-context';
import { TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { CreateScreeningDto, ListScreeningsQueryDto, UpdateScreeningDto } from './dto/screening.dto';
import { applySections, emptyWorking, workingOf, type Working } from './screening-draft';
import { childConsentGiverOk, computeAssessment } from './screening-rules';
import { screeningContext, toScreeningListItem, toScreeningView } from './screening.mapper';
import { ScreeningRepository, screeningKeyset, type DraftColumns, type ScreeningRow } from './screening.repository';

type Derived = { isChild: boolean; assessment: StoredAssessment | null; personId: string | null };

/**
 * The screening interview's drafts and reads: the consent gate, the indicative indicator
 * assessment, the child rule. Every query carries the need-to-know rule in its WHERE clause
 * (ScreeningRepository; a screening the caller may not see is a 404 like a missing one); every write
 * is one transaction with its one audit row (TransitionRunner). The review workflow is
 * ScreeningReviewService.
 */
@Injectable()
export class ScreeningsService {
  /** The screening as the runner sees it (no case timeline: its audit rows are its history). */
  readonly workflow: Workflow<ScreeningRow, ScreeningView> = {
    objectType: 'screening',
    noun: 'screening',
    lock: (m, actor, id) => this.screenings.load(m, actor, id, true),
    version: (r) => r.version,
    caseOf: () => null,
    keys: () => ({ event: {}, audit: {} }),
    payload: (r) => ({ screeningId: r.id }),
    answer: (m, actor, id) => this.view(m, actor, id),
  };

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly screenings: ScreeningRepository,
    private readonly runner: TransitionRunner,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads

  async get(ctx: RequestContext, id: string): Promise<ScreeningView> {
    const view = await this.view(this.ds, actorOf(ctx), id);
    await this.audit.record(ctx, {
      action: 'SCREENING_READ',
      outcome: 'ALLOWED',
      objectType: 'screening',
      objectId: id,
    });
    return view;
  }

  /** One query per page whatever the limit: the scope, the filters and the keyset are all in it. */
  async list(ctx: RequestContext, q: ListScreeningsQueryDto): Promise<Page<ScreeningListItem>> {
    const rows = await this.screenings.list(this.ds, actorOf(ctx), {
      status: q.status,
      mine: q.mine === 'true',
      cursor: q.cursor,
      limit: q.limit,
    });
    const page = screeningKeyset.page(rows, q.limit);
    return { items: page.items.map(toScreeningListItem), nextCursor: page.nextCursor };
  }

  // -------------------------------------------------------------------------------------------
  // Drafts

  async create(ctx: RequestContext, dto: CreateScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    const id = randomUUID();
    const province =
      dto.metadata?.provinceCode ??
      (actor.allProvinces || actor.provinces.length !== 1 ? undefined : actor.provinces[0]);
    if (!province)
      throw new ValidationFailed([
        { field: 'metadata.provinceCode', problems: ['is required: the province where the interview takes place'] },
      ]);
    return this.ds.transaction(async (m) => {
      const { next, changed } = applySections(emptyWorking(province), dto, actor);
      await this.screenings.insert(m, actor, id, draftColumns(next, await this.derive(m, actor, next)));
      await this.runner.record(m, ctx, {
        objectType: 'screening',
        objectId: id,
        audit: 'SCREENING_CREATED',
        caseId: null,
        eventDetails: {},
        auditDetails: { sections: changed },
      });
      return this.view(m, actor, id);
    });
  }

  /** A save of the interviewer's draft; saving a RETURNED screening takes it back to DRAFT (REVISE). */
  update(ctx: RequestContext, id: string, dto: UpdateScreeningDto): Promise<ScreeningView> {
    return this.runner.run(ctx, this.workflow, {
      id,
      audit: 'SCREENING_UPDATED',
      guard: (actor, row) => {
        if (row.interviewer_id !== actor.userId)
          throw new Conflict('NOT_INTERVIEWER', 'Only the interviewer saves this screening');
      },
      decide: (actor, row) => {
        if (row.status === 'RETURNED')
          return can(SCREENING_MACHINE, row.status, 'REVISE', screeningContext(actor, row));
        return row.status === 'DRAFT'
          ? { ok: true, to: 'DRAFT' }
          : { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' };
      },
      version: dto.version,
      apply: async (m, actor, row) => {
        const revised = row.status === 'RETURNED';
        const { next, changed } = applySections(
          workingOf(row, this.screenings.content(row), this.screenings.indicators(row)),
          dto,
          actor,
        );
        if (!changed.length && !revised) return null; // nothing to write
        await this.screenings.saveDraft(m, id, dto.version, draftColumns(next, await this.derive(m, actor, next)));
        return { details: { sections: changed, ...(revised ? { from: 'RETURNED', to: 'DRAFT' } : {}) } };
      },
    });
  }

  // -------------------------------------------------------------------------------------------

  /** The screening as the caller sees it now, or the standard 404. */
  async view(m: EntityManager | DataSource, actor: Actor, id: string): Promise<ScreeningView> {
    const row = await this.screenings.load(m, actor, id);
    if (!row) throw new NotFound();
    return toScreeningView(row, this.working(row), this.screenings.comments(row), actor);
  }

  /** The decrypted, editable state of a stored screening. */
  working(row: ScreeningRow): Working {
    return workingOf(row, this.screenings.content(row), this.screenings.indicators(row));
  }

  /** Child status, the indicative assessment and the linked person; refuses a child's consent given by the child. */
  private async derive(m: EntityManager, actor: Actor, w: Working): Promise<Derived> {
    const bio: BioData | undefined = w.content.bioData;
    let linkedMinor = false;
    let personId = bio?.personId ?? null;
    if (bio && personId) {
      // only a person the agency already sees may be linked (a draft's link grants nothing); a person
      // merged since it was linked stands for its survivor (merges move screening.person_id too)
      const p = await this.access.linkablePerson(m, actor, personId, 'bioData.personId');
      personId = p.id;
      bio.personId = p.id;
      linkedMinor = p.presumedMinor;
    }
    const facts = childFacts(bio, w.interviewAt ? new Date(w.interviewAt) : null, linkedMinor);
    const givenBy = w.interviewConsent['givenBy'];
    if (facts.isChild && givenBy !== undefined && !childConsentGiverOk(givenBy)) {
      throw new ValidationFailed([
        {
          field: 'interviewConsent.givenBy',
          problems: [
            'the interviewee is a child: consent must be given by a PARENT, LEGAL_GUARDIAN or SOCIAL_WORKER, not ' +
              givenBy,
          ],
        },
      ]);
    }
    return { isChild: facts.isChild, assessment: computeAssessment(w.indicators, facts), personId };
  }
}

/** The columns a draft save writes (INSERT and UPDATE alike). */
function draftColumns(w: Working, derived: Derived): DraftColumns {
  return {
    province_code: w.provinceCode,
    district: w.district,
    facility_type: w.facilityType,
    crossing_point: w.crossingPoint,
    referral_source: w.referralSource,
    interview_at: w.interviewAt,
    interview_language: w.interviewLanguage,
    interview_consent: w.interviewConsent,
    content: Object.keys(w.content).length ? w.content : null,
    indicators: w.indicators.length ? w.indicators : null,
    assessment: derived.assessment,
    interviewer_assessment: w.interviewerAssessment,
    is_child: derived.isChild,
    person_id: derived.personId,
  };
}
