import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  districtInProvince,
  interviewConsentComplete,
  isBorderCrossingCode,
  SCREENING_MACHINE,
  SCREENING_SUBMIT_FIELDS,
  screeningSubmitGaps,
  validateIndicatorAnswers,
  type IndicatorAnswer,
  type InterviewConsentAnswers,
  type Page,
  type ScreeningAction,
  type ScreeningContext,
  type ScreeningStatus,
} from '@ctms/domain';
import { CaseOpener } from '../cases/case-opener';
import { PersonWriter } from '../persons/person-writer';
import { AuditService } from '../platform/audit/audit.service';
import { OutboxService } from '../platform/outbox/outbox.service';
import { screening as screeningAccess } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { and, exec, join, raw, select, sql, type Sql } from '../platform/database/sql';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import { type Actor, type RequestContext, actorOf } from '../platform/http/request-context';
import {
  ApproveScreeningDto,
  CreateScreeningDto,
  ListScreeningsQueryDto,
  ReturnScreeningDto,
  ScreeningSectionsDto,
  TerminateScreeningDto,
  UpdateScreeningDto,
  VersionDto,
} from './dto/screening.dto';
import { caseFactsFromScreening } from './screening-to-case';
import { childConsentGiverOk, childFacts, computeAssessment, identityOf, plain, screeningDateProblemsOf, stableJson, type BioData, type StoredAssessment } from './screening-rules';
import type { ReviewComment, ScreeningContent, ScreeningListItem, ScreeningRow, ScreeningView } from './screening.view';
import { UUID_RE } from '../platform/http/params';

const T = 'screening';
const SECTION_NAMES = [
  'metadata',
  'interpreter',
  'interviewConsent',
  'bioData',
  'recruitment',
  'transit',
  'destinationAndExploitation',
  'exit',
  'needsAndRisks',
  'indicatorAnswers',
  'interviewerAssessment',
  'assessmentRationale',
] as const;
type SectionName = (typeof SECTION_NAMES)[number];

const CONTENT_SECTIONS = ['interpreter', 'bioData', 'recruitment', 'transit', 'destinationAndExploitation', 'exit', 'needsAndRisks'] as const;

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

const SELECT = raw(`SELECT s.*, iu.username AS interviewer_username, iu.display_name AS interviewer_display_name,
         ru.username AS reviewed_by_username, ru.display_name AS reviewed_by_display_name
  FROM screening s
  JOIN app_user iu ON iu.id = s.interviewer_id
  LEFT JOIN app_user ru ON ru.id = s.reviewed_by_id`);

/** The decrypted, editable state of a screening: what a save computes from and writes back. */
interface Working {
  provinceCode: string;
  district: string | null;
  facilityType: string | null;
  crossingPoint: string | null;
  referralSource: string | null;
  interviewAt: string | null;
  interviewLanguage: string | null;
  interviewConsent: Record<string, string>;
  content: ScreeningContent;
  indicators: IndicatorAnswer[];
  interviewerAssessment: string | null;
}

const stale = () => new Conflict('STALE_VERSION', 'Someone else changed this screening; reload it and try again');
const refused = (reason: string) => new Conflict(reason, `This action is not allowed now (${reason})`);


function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/**
 * The screening interview: drafts, the consent gate, the indicative indicator assessment and the
 * review workflow (SCREENING_MACHINE). Every query carries the need-to-know rule in its WHERE clause
 * (a screening the caller may not see is a 404 like a missing one); every write is one transaction
 * with its one audit row; narratives, bio-data, indicator evidence and review comments are
 * encrypted, bound to this table, their column and the row id.
 */
@Injectable()
export class ScreeningsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly persons: PersonWriter,
    private readonly cases: CaseOpener,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads

  async get(ctx: RequestContext, id: string): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    const row = await this.load(this.ds.manager, actor, id, false);
    const view = this.toView(row, actor);
    await this.audit.record(ctx, { action: 'SCREENING_READ', outcome: 'ALLOWED', objectType: T, objectId: id });
    return view;
  }

  /** One query per page whatever the limit: the scope, the filters and the keyset are all in it. */
  async list(ctx: RequestContext, q: ListScreeningsQueryDto): Promise<Page<ScreeningListItem>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const where: Sql[] = [screeningAccess(actor, 's')];
    if (q.status) where.push(sql`s.status = ${q.status}`);
    if (q.mine === 'true') where.push(sql`s.interviewer_id = ${actor.userId}::uuid`);
    if (q.cursor) {
      const [ts, after] = decodeTupleCursor(q.cursor, [TS_RE, UUID_RE]);
      where.push(sql`(s.updated_at, s.id) < ((${ts}::timestamp AT TIME ZONE 'UTC'), ${after}::uuid)`);
    }
    const rows = await select<ScreeningListRow & { cursor_ts: string }>(
      this.ds,
      sql`SELECT s.id, s.status, s.version, s.province_code, s.facility_type, s.interview_at, s.is_child, s.interviewer_assessment,
                 s.assessment->>'indicativeResult' AS indicative_result, s.case_id, s.created_at, s.updated_at,
                 s.interviewer_id, u.username AS interviewer_username, u.display_name AS interviewer_display_name,
                 to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cursor_ts
            FROM screening s JOIN app_user u ON u.id = s.interviewer_id
           WHERE ${and(where)}
           ORDER BY s.updated_at DESC, s.id DESC
           LIMIT ${limit + 1}`,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.cursor_ts, r.id]));
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor };
  }

  // -------------------------------------------------------------------------------------------
  // Drafts

  async create(ctx: RequestContext, dto: CreateScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    const id = randomUUID();
    const province = dto.metadata?.provinceCode ?? (actor.allProvinces || actor.provinces.length !== 1 ? undefined : actor.provinces[0]);
    if (!province) throw new ValidationFailed([{ field: 'metadata.provinceCode', problems: ['is required: the province where the interview takes place'] }]);
    const empty: Working = {
      provinceCode: province,
      district: null,
      facilityType: null,
      crossingPoint: null,
      referralSource: null,
      interviewAt: null,
      interviewLanguage: null,
      interviewConsent: {},
      content: {},
      indicators: [],
      interviewerAssessment: null,
    };
    await this.ds.transaction(async (m) => {
      const { next, changed } = this.apply(empty, dto, actor);
      const derived = await this.derive(m, actor, next);
      const cols = this.columns(id, next, derived);
      await exec(
        m,
        sql`INSERT INTO screening (id, agency_id, interviewer_id, status, ${join(cols.map(([c]) => raw(c)))})
            VALUES (${id}::uuid, ${actor.agencyId}::uuid, ${actor.userId}::uuid, 'DRAFT', ${join(cols.map(([, v]) => sql`${v}`))})`,
      );
      await this.audit.record(ctx, { action: 'SCREENING_CREATED', outcome: 'ALLOWED', objectType: T, objectId: id, details: { sections: changed } }, m);
    });
    return this.view(actor, id);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    await this.ds.transaction(async (m) => {
      const row = await this.load(m, actor, id, true);
      if (row.version !== dto.version) throw stale();
      if (row.interviewer_id !== actor.userId) throw refused('NOT_INTERVIEWER');
      let revised = false;
      if (row.status === 'RETURNED') {
        // saving a returned screening takes it back to DRAFT (REVISE)
        const d = can(SCREENING_MACHINE, row.status, 'REVISE', this.machineCtx(actor, row));
        if (!d.ok) throw refused(d.reason);
        revised = true;
      } else if (row.status !== 'DRAFT') {
        throw refused('ACTION_NOT_ALLOWED_IN_STATE');
      }
      const current = this.working(row);
      const { next, changed } = this.apply(current, dto, actor);
      if (!changed.length && !revised) return; // nothing to write
      const derived = await this.derive(m, actor, next);
      const sets = this.columns(id, next, derived).map(([c, v]) => sql`${raw(c)} = ${v}`);
      const n = await exec(
        m,
        sql`UPDATE screening SET ${join(sets)}, status = 'DRAFT', version = version + 1, updated_at = now()
             WHERE id = ${id}::uuid AND version = ${dto.version}::int`,
      );
      if (n !== 1) throw stale();
      await this.audit.record(
        ctx,
        { action: 'SCREENING_UPDATED', outcome: 'ALLOWED', objectType: T, objectId: id, details: { sections: changed, ...(revised ? { from: 'RETURNED', to: 'DRAFT' } : {}) } },
        m,
      );
    });
    return this.view(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // Workflow

  async submit(ctx: RequestContext, id: string, dto: VersionDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    await this.ds.transaction(async (m) => {
      const row = await this.load(m, actor, id, true);
      if (row.version !== dto.version) throw stale();
      if (row.interviewer_id !== actor.userId) throw refused('NOT_INTERVIEWER');
      const d = can(SCREENING_MACHINE, row.status, 'SUBMIT', this.machineCtx(actor, row));
      if (!d.ok) throw refused(d.reason);
      const w = this.working(row);
      if (row.is_child && !childConsentGiverOk(w.interviewConsent['givenBy'])) {
        throw new Conflict('CHILD_CONSENT_GIVER_REQUIRED', "A child's interview consent must be given by a parent, legal guardian or social worker (interviewConsent.givenBy)");
      }
      const gaps = screeningSubmitGaps({ bioData: w.content.bioData, indicatorAnswers: w.indicators, interviewerAssessment: w.interviewerAssessment });
      if (gaps.length) {
        throw new Conflict(
          'SUBMIT_REQUIREMENTS_MISSING',
          `The screening lacks what a supervisor needs to act on it: ${gaps.join(', ')}`,
          gaps.map((g) => ({ field: SCREENING_SUBMIT_FIELDS[g], problems: [g] })),
        );
      }
      await this.transition(m, id, dto.version, row.status, d.to, [sql`submitted_at = now()`]);
      await this.audit.record(ctx, { action: 'SCREENING_SUBMITTED', outcome: 'ALLOWED', objectType: T, objectId: id, details: { from: row.status, to: d.to } }, m);
    });
    return this.view(actor, id);
  }

  async approve(ctx: RequestContext, id: string, dto: ApproveScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    await this.ds.transaction(async (m) => {
      const row = await this.load(m, actor, id, true);
      if (row.version !== dto.version) throw stale();
      const d = can(SCREENING_MACHINE, row.status, 'APPROVE', this.machineCtx(actor, row));
      if (!d.ok) throw refused(d.reason);
      const w = this.working(row);
      const bio = w.content.bioData;
      // the column follows merges of the linked person; the bio-data keeps the id as linked
      let personId = bio?.personId ? (row.person_id ?? bio.personId) : null;
      let personCreated = false;
      if (!personId) {
        const identity = identityOf(bio);
        if (!identity) throw new Conflict('BIO_DATA_REQUIRED', 'The bio-data lacks the given name (Lao script) or the birth-date precision');
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
      const comments = this.appendComment(row, actor, 'APPROVE', dto.comment ?? null);
      await this.transition(m, id, dto.version, row.status, d.to, [
        sql`reviewed_by_id = ${actor.userId}::uuid`,
        sql`reviewed_at = now()`,
        sql`review_comment_enc = ${comments}`,
        sql`person_id = ${personId}::uuid`,
        sql`case_id = ${caseId}::uuid`,
      ]);
      await this.audit.record(
        ctx,
        {
          action: 'SCREENING_APPROVED',
          outcome: 'ALLOWED',
          objectType: T,
          objectId: id,
          details: { from: row.status, to: d.to, personId, personCreated, caseId, caseCreated, comment: dto.comment !== undefined },
        },
        m,
      );
      await this.outbox.add(m, 'screening.approved', { screeningId: id });
    });
    return this.view(actor, id);
  }

  async return(ctx: RequestContext, id: string, dto: ReturnScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    await this.ds.transaction(async (m) => {
      const row = await this.load(m, actor, id, true);
      if (row.version !== dto.version) throw stale();
      const d = can(SCREENING_MACHINE, row.status, 'RETURN', { ...this.machineCtx(actor, row), reason: dto.comment });
      if (!d.ok) throw refused(d.reason);
      const comments = this.appendComment(row, actor, 'RETURN', dto.comment);
      await this.transition(m, id, dto.version, row.status, d.to, [sql`reviewed_by_id = ${actor.userId}::uuid`, sql`reviewed_at = now()`, sql`review_comment_enc = ${comments}`]);
      await this.audit.record(ctx, { action: 'SCREENING_RETURNED', outcome: 'ALLOWED', objectType: T, objectId: id, details: { from: row.status, to: d.to } }, m);
      await this.outbox.add(m, 'screening.returned', { screeningId: id });
    });
    return this.view(actor, id);
  }

  /** The interview stopped: the status and the coded reason stay, the interview content is erased. */
  async terminate(ctx: RequestContext, id: string, dto: TerminateScreeningDto): Promise<ScreeningView> {
    const actor = actorOf(ctx);
    await this.ds.transaction(async (m) => {
      const row = await this.load(m, actor, id, true);
      if (row.version !== dto.version) throw stale();
      if (row.interviewer_id !== actor.userId && !actor.roles.includes('SUPERVISOR')) throw refused('NOT_INTERVIEWER');
      const d = can(SCREENING_MACHINE, row.status, 'TERMINATE', { ...this.machineCtx(actor, row), reason: dto.reason });
      if (!d.ok) throw refused(d.reason);
      const comments = this.appendComment(row, actor, 'TERMINATE', dto.note ?? null);
      await this.transition(m, id, dto.version, row.status, d.to, [
        sql`termination_reason = ${dto.reason}`,
        sql`review_comment_enc = ${comments}`,
        raw(`content_enc = NULL, indicators_enc = NULL, assessment = NULL, interviewer_assessment = NULL, person_id = NULL`),
      ]);
      await this.audit.record(
        ctx,
        { action: 'SCREENING_TERMINATED', outcome: 'ALLOWED', objectType: T, objectId: id, details: { from: row.status, to: d.to, reason: dto.reason, contentErased: true } },
        m,
      );
    });
    return this.view(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  /** Loads one screening through the need-to-know rule; absent or out of scope: the same 404. */
  private async load(m: EntityManager, actor: Actor, id: string, forUpdate: boolean): Promise<ScreeningRow> {
    const rows = await select<ScreeningRow>(m, sql`${SELECT} WHERE s.id = ${id}::uuid AND ${screeningAccess(actor, 's')} ${raw(forUpdate ? 'FOR UPDATE OF s' : '')}`);
    const row = rows[0];
    if (!row) throw new NotFound();
    return row;
  }

  private async view(actor: Actor, id: string): Promise<ScreeningView> {
    return this.toView(await this.load(this.ds.manager, actor, id, false), actor);
  }

  private machineCtx(actor: Actor, row: ScreeningRow): ScreeningContext {
    return {
      roles: actor.roles,
      actorInScreeningAgency: row.agency_id === actor.agencyId,
      actorIsInterviewer: row.interviewer_id === actor.userId,
      interviewConsent: row.interview_consent as InterviewConsentAnswers,
    };
  }

  /** Status change with optimistic locking, with the other columns the step sets. */
  private async transition(m: EntityManager, id: string, version: number, from: ScreeningStatus, to: ScreeningStatus, sets: Sql[]): Promise<void> {
    const n = await exec(
      m,
      sql`UPDATE screening SET status = ${to}, ${join(sets)}, version = version + 1, updated_at = now()
           WHERE id = ${id}::uuid AND version = ${version}::int AND status = ${from}`,
    );
    if (n !== 1) throw stale();
  }

  private bind(id: string, column: 'content_enc' | 'indicators_enc' | 'review_comment_enc') {
    return { table: T, column, rowId: id };
  }

  private working(row: ScreeningRow): Working {
    return {
      provinceCode: row.province_code,
      district: row.district,
      facilityType: row.facility_type,
      crossingPoint: row.crossing_point,
      referralSource: row.referral_source,
      interviewAt: iso(row.interview_at),
      interviewLanguage: row.interview_language,
      interviewConsent: row.interview_consent ?? {},
      content: legacyCrossingPointsMoved(this.cipher.decryptJson<ScreeningContent>(row.content_enc, this.bind(row.id, 'content_enc')) ?? {}),
      indicators: this.cipher.decryptJson<IndicatorAnswer[]>(row.indicators_enc, this.bind(row.id, 'indicators_enc')) ?? [],
      interviewerAssessment: row.interviewer_assessment,
    };
  }

  /**
   * Applies the sections sent to the current state: a section sent replaces that section, a section
   * left out stays, null clears it. Returns the names of the sections that really changed.
   */
  private apply(current: Working, dto: ScreeningSectionsDto, actor: Actor): { next: Working; changed: SectionName[] } {
    const next: Working = { ...current, content: { ...current.content }, interviewConsent: { ...current.interviewConsent } };
    const before = this.sectionsOf(current);
    if (dto.metadata !== undefined) {
      const md = plain(dto.metadata) ?? {};
      if (md.provinceCode !== undefined && md.provinceCode !== null) {
        if (!actor.allProvinces && !actor.provinces.includes(md.provinceCode)) {
          throw new ValidationFailed([{ field: 'metadata.provinceCode', problems: ['is outside your province scope'] }]);
        }
        next.provinceCode = md.provinceCode;
      }
      next.district = md.district ?? null;
      if (next.district !== null && !districtInProvince(next.district, next.provinceCode)) {
        throw new ValidationFailed([{ field: 'metadata.district', problems: ['must be a district of metadata.provinceCode'] }]);
      }
      next.facilityType = md.facilityType ?? null;
      next.crossingPoint = md.crossingPoint ?? null;
      next.referralSource = md.referralSource ?? null;
      next.interviewAt = md.interviewAt ? new Date(md.interviewAt).toISOString() : null;
      next.interviewLanguage = md.interviewLanguage ?? null;
      const extra = {
        othersPresent: md.othersPresent,
        preferredInterviewerGender: md.preferredInterviewerGender,
        preferredInterviewerGenderHonoured: md.preferredInterviewerGenderHonoured,
        crossingPointDetail: md.crossingPointDetail,
        districtDetail: md.districtDetail,
      };
      next.content.metadataExtra = plain(extra);
    }
    if (dto.interviewConsent !== undefined) next.interviewConsent = { ...(plain(dto.interviewConsent) ?? {}) } as Record<string, string>;
    for (const s of CONTENT_SECTIONS) {
      const v = dto[s];
      if (v === undefined) continue;
      if (v === null) delete next.content[s];
      else (next.content as Record<string, unknown>)[s] = plain(v);
    }
    if (dto.indicatorAnswers !== undefined) {
      const answers = plain(dto.indicatorAnswers) ?? [];
      const problems = validateIndicatorAnswers(answers);
      if (problems.length) throw new ValidationFailed([{ field: 'indicatorAnswers', problems }]);
      next.indicators = answers;
    }
    if (dto.interviewerAssessment !== undefined) next.interviewerAssessment = dto.interviewerAssessment;
    if (dto.assessmentRationale !== undefined) {
      if (dto.assessmentRationale === null) delete next.content.assessmentRationale;
      else next.content.assessmentRationale = dto.assessmentRationale;
    }
    const dateProblems = screeningDateProblemsOf(next.content, next.interviewAt);
    if (dateProblems.length) throw new ValidationFailed(dateProblems);
    const after = this.sectionsOf(next);
    const changed = SECTION_NAMES.filter((s) => stableJson(before[s]) !== stableJson(after[s]));
    return { next, changed };
  }

  private sectionsOf(w: Working): Record<SectionName, unknown> {
    return {
      metadata: [w.provinceCode, w.district, w.facilityType, w.crossingPoint, w.referralSource, w.interviewAt, w.interviewLanguage, w.content.metadataExtra ?? null],
      interpreter: w.content.interpreter ?? null,
      interviewConsent: w.interviewConsent,
      bioData: w.content.bioData ?? null,
      recruitment: w.content.recruitment ?? null,
      transit: w.content.transit ?? null,
      destinationAndExploitation: w.content.destinationAndExploitation ?? null,
      exit: w.content.exit ?? null,
      needsAndRisks: w.content.needsAndRisks ?? null,
      indicatorAnswers: w.indicators,
      interviewerAssessment: w.interviewerAssessment,
      assessmentRationale: w.content.assessmentRationale ?? null,
    };
  }

  /** Child status, the indicative assessment and the linked person; refuses a child's consent given by the child. */
  private async derive(m: EntityManager, actor: Actor, w: Working): Promise<{ isChild: boolean; assessment: StoredAssessment | null; personId: string | null }> {
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
        { field: 'interviewConsent.givenBy', problems: ["the interviewee is a child: consent must be given by a PARENT, LEGAL_GUARDIAN or SOCIAL_WORKER, not " + givenBy] },
      ]);
    }
    return { isChild: facts.isChild, assessment: computeAssessment(w.indicators, facts), personId };
  }

  /** The columns a draft save writes (INSERT and UPDATE alike), with their values. */
  private columns(id: string, w: Working, derived: { isChild: boolean; assessment: StoredAssessment | null; personId: string | null }): [string, unknown][] {
    const content = Object.keys(w.content).length ? w.content : null;
    return [
      ['province_code', w.provinceCode],
      ['district', w.district],
      ['facility_type', w.facilityType],
      ['crossing_point', w.crossingPoint],
      ['referral_source', w.referralSource],
      ['interview_at', w.interviewAt],
      ['interview_language', w.interviewLanguage],
      ['interview_consent', JSON.stringify(w.interviewConsent)],
      ['content_enc', this.cipher.encryptJson(content, this.bind(id, 'content_enc'))],
      ['indicators_enc', this.cipher.encryptJson(w.indicators.length ? w.indicators : null, this.bind(id, 'indicators_enc'))],
      ['assessment', derived.assessment ? JSON.stringify(derived.assessment) : null],
      ['interviewer_assessment', w.interviewerAssessment],
      ['is_child', derived.isChild],
      ['person_id', derived.personId],
    ];
  }

  private comments(row: ScreeningRow): ReviewComment[] {
    return this.cipher.decryptJson<ReviewComment[]>(row.review_comment_enc, this.bind(row.id, 'review_comment_enc')) ?? [];
  }

  private appendComment(row: ScreeningRow, actor: Actor, kind: ReviewComment['kind'], comment: string | null): string | null {
    const all = [...this.comments(row), { kind, at: new Date().toISOString(), byUsername: actor.username, comment }];
    return this.cipher.encryptJson(all, this.bind(row.id, 'review_comment_enc'));
  }

  private actionsFor(actor: Actor, row: ScreeningRow): ScreeningAction[] {
    const interviewer = row.interviewer_id === actor.userId;
    return allowedActions(SCREENING_MACHINE, row.status, this.machineCtx(actor, row)).filter((a) => {
      if (a === 'SUBMIT' || a === 'REVISE') return interviewer;
      if (a === 'TERMINATE') return interviewer || actor.roles.includes('SUPERVISOR');
      return true;
    });
  }

  private toView(row: ScreeningRow, actor: Actor): ScreeningView {
    const w = this.working(row);
    const extra = w.content.metadataExtra ?? {};
    const consent = w.interviewConsent as Record<string, string>;
    const actions = this.actionsFor(actor, row);
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      agencyId: row.agency_id,
      interviewer: { id: row.interviewer_id, username: row.interviewer_username, displayName: row.interviewer_display_name },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      submittedAt: iso(row.submitted_at),
      reviewedAt: iso(row.reviewed_at),
      reviewedBy: row.reviewed_by_id ? { id: row.reviewed_by_id, username: row.reviewed_by_username ?? '', displayName: row.reviewed_by_display_name ?? '' } : null,
      metadata: {
        provinceCode: row.province_code,
        district: row.district,
        facilityType: row.facility_type,
        crossingPoint: row.crossing_point,
        referralSource: row.referral_source,
        interviewAt: iso(row.interview_at),
        interviewLanguage: row.interview_language,
        othersPresent: extra.othersPresent ?? [],
        preferredInterviewerGender: extra.preferredInterviewerGender ?? null,
        preferredInterviewerGenderHonoured: extra.preferredInterviewerGenderHonoured ?? null,
        crossingPointDetail: extra.crossingPointDetail ?? null,
        districtDetail: extra.districtDetail ?? null,
      },
      interpreter: w.content.interpreter ?? null,
      interviewConsent: { ...consent, complete: interviewConsentComplete(consent as InterviewConsentAnswers) },
      bioData: w.content.bioData ?? null,
      recruitment: w.content.recruitment ?? null,
      transit: w.content.transit ?? null,
      destinationAndExploitation: w.content.destinationAndExploitation ?? null,
      exit: w.content.exit ?? null,
      needsAndRisks: w.content.needsAndRisks ?? null,
      indicatorAnswers: w.indicators,
      assessment: row.assessment,
      interviewerAssessment: row.interviewer_assessment,
      assessmentRationale: w.content.assessmentRationale ?? null,
      isChild: row.is_child,
      personId: row.person_id,
      caseId: row.case_id,
      terminationReason: row.termination_reason,
      reviewComments: this.comments(row),
      allowedActions: actions,
      canEdit: row.interviewer_id === actor.userId && (row.status === 'DRAFT' || (row.status === 'RETURNED' && actions.includes('REVISE'))),
    };
  }
}

/**
 * Transit crossing points were free text before they became codes (decision 0017): an entry that is
 * not a code is moved into `crossingPointsDetail` when read, so that it is shown, kept on the next
 * save and never refused by the code check.
 */
function legacyCrossingPointsMoved(content: ScreeningContent): ScreeningContent {
  const transit = content.transit as (Record<string, unknown> & { crossingPoints?: unknown; crossingPointsDetail?: unknown }) | undefined;
  const points = transit?.crossingPoints;
  if (!transit || !Array.isArray(points) || points.every(isBorderCrossingCode)) return content;
  const codes = points.filter(isBorderCrossingCode);
  const texts = points.filter((p): p is string => typeof p === 'string' && !isBorderCrossingCode(p));
  const detail = [typeof transit.crossingPointsDetail === 'string' ? transit.crossingPointsDetail : '', ...texts].filter((t) => t.trim() !== '').join('\n');
  const next: Record<string, unknown> = { ...transit, crossingPointsDetail: detail };
  if (codes.length) next['crossingPoints'] = codes;
  else delete next['crossingPoints'];
  return { ...content, transit: next };
}

interface ScreeningListRow {
  id: string;
  status: ScreeningStatus;
  version: number;
  province_code: string;
  facility_type: string | null;
  interview_at: Date | null;
  is_child: boolean;
  interviewer_assessment: string | null;
  indicative_result: string | null;
  case_id: string | null;
  created_at: Date;
  updated_at: Date;
  interviewer_id: string;
  interviewer_username: string;
  interviewer_display_name: string;
}

function toListItem(r: ScreeningListRow): ScreeningListItem {
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    provinceCode: r.province_code,
    facilityType: r.facility_type,
    interviewAt: iso(r.interview_at),
    interviewer: { id: r.interviewer_id, username: r.interviewer_username, displayName: r.interviewer_display_name },
    isChild: r.is_child,
    interviewerAssessment: r.interviewer_assessment,
    indicativeResult: r.indicative_result,
    caseId: r.case_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
