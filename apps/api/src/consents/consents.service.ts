import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONSENT_MACHINE,
  can,
  consentEffectiveStatus,
  type ConsentStatus,
  type Page,
} from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { OutboxService } from '../platform/outbox/outbox.service';
import { consent as consentAccess } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { selectOne, sql } from '../platform/database/sql';
import { requireCaseEditor } from '../platform/access/editor';
import { FieldCipher } from '../platform/crypto';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import { type Actor, type RequestContext, actorOf } from '../platform/http/request-context';
import { consentCoverage, consentGrantProblems, type ConsentCoverage, type CoverageRequest, type RuleProblems } from './consent-rules';
import { toConsentView, type ConsentParties, type ConsentRow, type ConsentView } from './consent.view';
import type { GrantConsentDto, ListConsentsQueryDto, WithdrawConsentDto } from './dto/consent.dto';
import { addCaseEvent } from '../platform/workflow/timeline';

const PARTIES = (rowId: string) => ({ table: 'consent', column: 'parties_enc', rowId });
const WITHDRAWAL_REASON = (rowId: string) => ({ table: 'consent', column: 'withdrawal_reason_enc', rowId });

/** The consent columns every view needs, with recipient agencies and usernames in the same query. */
const CONSENT_SELECT = `
  SELECT k.id, k.case_id, k.type, k.status, k.agency_ids, k.purposes, k.categories, k.given_by, k.form,
         k.language, k.interpreter_used, k.parties_enc, k.granted_at, k.expires_at, k.recorded_by_id,
         ru.username AS recorded_by_username, ru.display_name AS recorded_by_display_name, k.withdrawn_at, k.withdrawn_by_id,
         wu.username AS withdrawn_by_username, wu.display_name AS withdrawn_by_display_name, k.withdrawal_reason, k.withdrawal_reason_enc,
         to_char(k.granted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS granted_key,
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'nameLo', a.name_lo, 'nameEn', a.name_en) ORDER BY a.code), '[]'::json)
            FROM agency a WHERE a.id = ANY(k.agency_ids)) AS agencies
    FROM consent k
    LEFT JOIN app_user ru ON ru.id = k.recorded_by_id
    LEFT JOIN app_user wu ON wu.id = k.withdrawn_by_id`;

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ConsentCase {
  id: string;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  status: string;
  is_child: boolean;
}

type ListedRow = ConsentRow & { granted_key: string };

/**
 * Consents: granted and withdrawn, never edited (a trigger refuses anything else). Each write is one
 * transaction with its timeline event and its audit row; every query that loads a consent or its
 * case carries the need-to-know rule in its WHERE clause.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
  ) {}

  async grant(ctx: RequestContext, caseId: string, dto: GrantConsentDto): Promise<ConsentView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
        const c = await this.loadCase(m, actor, caseId);
        if (!c) throw new NotFound();
        // the editor rule: the assigned caseworker or a supervisor of the lead agency (closed cases too)
        requireCaseEditor(actor, c, { closedToo: true });

        const now = new Date();
        const grantedAt = new Date(dto.grantedAt);
        const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
        const problems: RuleProblems = consentGrantProblems(
          { type: dto.type, agencyIds: dto.agencyIds, givenBy: dto.givenBy, guardianName: dto.guardianName, grantedAt, expiresAt, isChild: c.is_child },
          now,
        );
        if (problems.length) throw new ValidationFailed(problems);
        const agencies = await this.access.activeAgencies(m, dto.agencyIds, 'agencyIds');

        const id = randomUUID();
        const parties: ConsentParties = { guardianName: dto.guardianName ?? null, witnessName: dto.witnessName ?? null };
        const partiesEnc = parties.guardianName || parties.witnessName ? this.cipher.encryptJson(parties, PARTIES(id)) : null;
        const purposes = dto.purposes?.length ? dto.purposes : [dto.type];
        await m.query(
          `INSERT INTO consent (id, case_id, type, status, agency_ids, purposes, categories, given_by, form, language,
             interpreter_used, parties_enc, granted_at, expires_at, recorded_by_id)
           VALUES ($1, $2, $3, 'ACTIVE', $4::uuid[], $5::text[], $6::text[], $7, $8, $9, $10, $11, $12, $13, $14)`,
          [id, caseId, dto.type, dto.agencyIds, purposes, dto.categories, dto.givenBy, dto.form, dto.language ?? null, dto.interpreterUsed ?? false, partiesEnc, grantedAt, expiresAt, actor.userId],
        );
        const agencyCodes = agencies.map((a) => a.code);
        await addCaseEvent(m, ctx, caseId, 'CONSENT_GRANTED', { consentId: id, type: dto.type, purposes, categories: dto.categories, agencyCodes, givenBy: dto.givenBy, form: dto.form });
        await this.audit.record(
          ctx,
          {
            action: 'CONSENT_GRANTED',
            outcome: 'ALLOWED',
            objectType: 'consent',
            objectId: id,
            details: { caseId, type: dto.type, purposes, categories: dto.categories, agencyCodes, givenBy: dto.givenBy, form: dto.form, partiesRecorded: partiesEnc !== null },
          },
          m,
        );
        return this.viewOne(m, id, true, now);
      });
  }

  async list(ctx: RequestContext, caseId: string, q: ListConsentsQueryDto): Promise<Page<ConsentView>> {
    const actor = actorOf(ctx);
    {
      const m = this.ds.manager;
      const c = await this.loadCase(m, actor, caseId);
      if (!c) throw new NotFound();
      const limit = q.limit ?? DEFAULT_PAGE;
      const params: unknown[] = [caseId];
      let after = '';
      if (q.cursor) {
        const [at, id] = decodeTupleCursor(q.cursor, [TIMESTAMP_KEY, UUID_KEY]);
        params.push(at, id);
        after = `AND (k.granted_at, k.id) < ($2::timestamptz, $3::uuid)`;
      }
      params.push(limit + 1);
      const rows: ListedRow[] = await m.query(`${CONSENT_SELECT} WHERE k.case_id = $1 ${after} ORDER BY k.granted_at DESC, k.id DESC LIMIT $${params.length}`, params);
      const now = new Date();
      const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.granted_key, r.id]));
      await this.audit.record(ctx, { action: 'CONSENTS_READ', outcome: 'ALLOWED', objectType: 'case', objectId: caseId, details: { count: page.items.length } });
      return { items: page.items.map((r) => this.toView(r, true, now)), nextCursor: page.nextCursor };
    }
  }

  async withdraw(ctx: RequestContext, consentId: string, dto: WithdrawConsentDto): Promise<ConsentView> {
    const actor = actorOf(ctx);
    return this.ds.transaction(async (m) => {
        const k = await selectOne<{ id: string; case_id: string; type: string; status: string; categories: string[]; expires_at: Date | null; withdrawn_at: Date | null; agency_codes: string[]; lead_agency_id: string; province_code: string; assigned_to_id: string | null; case_status: string }>(
          m,
          sql`SELECT k.id, k.case_id, k.type, k.status, k.categories, k.expires_at, k.withdrawn_at,
                     ARRAY(SELECT a.code FROM agency a WHERE a.id = ANY(k.agency_ids) ORDER BY a.code) AS agency_codes,
                     c.lead_agency_id, c.province_code, c.assigned_to_id, c.status AS case_status
                FROM consent k JOIN case_record c ON c.id = k.case_id
               WHERE k.id = ${consentId}::uuid AND ${consentAccess(actor, 'c')}
               FOR UPDATE OF k`,
        );
        if (!k) throw new NotFound();
        requireCaseEditor(actor, { ...k, status: k.case_status }, { closedToo: true });
        const now = new Date();
        const stored: ConsentStatus = k.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE';
        const state = consentEffectiveStatus({ status: stored, expiresAt: k.expires_at, withdrawnAt: k.withdrawn_at }, now);
        const decision = can(CONSENT_MACHINE, state, 'WITHDRAW', { roles: actor.roles, actorInLeadAgency: true, reason: dto.reason });
        if (!decision.ok) {
          const why = stored === 'WITHDRAWN' ? 'This consent is withdrawn already' : state === 'WITHDRAWN' ? 'This consent has expired: it counts as withdrawn' : 'This consent cannot be withdrawn by you';
          throw new Conflict(decision.reason, why);
        }
        await m.query(
          `UPDATE consent SET status = 'WITHDRAWN', withdrawn_at = clock_timestamp(), withdrawn_by_id = $2, withdrawal_reason_enc = $3
            WHERE id = $1 AND status = 'ACTIVE'`,
          [consentId, actor.userId, this.cipher.encrypt(dto.reason, WITHDRAWAL_REASON(consentId))],
        );
        // every agency that received data under this consent is told (the worker finds them)
        await this.outbox.add(m, 'consent.withdrawn', { consentId, caseId: k.case_id });
        await addCaseEvent(m, ctx, k.case_id, 'CONSENT_WITHDRAWN', { consentId, type: k.type, categories: k.categories, agencyCodes: k.agency_codes });
        await this.audit.record(
          ctx,
          {
            action: 'CONSENT_WITHDRAWN',
            outcome: 'ALLOWED',
            objectType: 'consent',
            objectId: consentId,
            details: { caseId: k.case_id, type: k.type, categories: k.categories, agencyCodes: k.agency_codes, fields: ['status', 'withdrawnAt', 'withdrawnById', 'withdrawalReason'] },
          },
          m,
        );
        return this.viewOne(m, consentId, true, now);
      });
  }

  /**
   * Which of `req.categories` are covered, for `req.agencyId` and `req.purpose`, by an active,
   * unexpired consent on the case. Runs in the caller's transaction and locks the consents it reads
   * (FOR SHARE), so that a withdrawal waits for the caller to commit and then sees what it created.
   * The caller has already established that the actor may see the case.
   */
  async activeConsentCovering(m: EntityManager, caseId: string, req: CoverageRequest, now: Date = new Date()): Promise<ConsentCoverage> {
    if (req.categories.length === 0) return { covered: [], missing: [], consentIds: [] };
    const rows: { id: string; status: string; agency_ids: string[]; purposes: string[]; categories: string[]; granted_at: Date; expires_at: Date | null; withdrawn_at: Date | null }[] = await m.query(
      `SELECT id, status, agency_ids, purposes, categories, granted_at, expires_at, withdrawn_at
         FROM consent
        WHERE case_id = $1 AND status = 'ACTIVE' AND $2::uuid = ANY(agency_ids) AND $3 = ANY(purposes) AND categories && $4::text[]
        ORDER BY id
        FOR SHARE`,
      [caseId, req.agencyId, req.purpose, req.categories],
    );
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

  /** The case, if the actor may see it (need-to-know in the WHERE clause), with what a grant needs. */
  private async loadCase(m: EntityManager, actor: Actor, caseId: string): Promise<ConsentCase | null> {
    return (
      (await selectOne<ConsentCase>(
        m,
        sql`SELECT c.id, c.lead_agency_id, c.province_code, c.assigned_to_id, c.status, ('CHILD' = ANY(c.flags) OR p.presumed_minor) AS is_child
              FROM case_record c JOIN person p ON p.id = c.person_id
             WHERE c.id = ${caseId}::uuid AND ${consentAccess(actor, 'c')}`,
      )) ?? null
    );
  }

  private async viewOne(m: EntityManager, id: string, isLead: boolean, now: Date): Promise<ConsentView> {
    const rows: ConsentRow[] = await m.query(`${CONSENT_SELECT} WHERE k.id = $1`, [id]);
    const r = rows[0];
    if (!r) throw new NotFound();
    return this.toView(r, isLead, now);
  }

  private toView(r: ConsentRow, isLead: boolean, now: Date): ConsentView {
    const parties = isLead && r.parties_enc ? this.cipher.decryptJson<ConsentParties>(r.parties_enc, PARTIES(r.id)) : null;
    const reason = r.withdrawal_reason_enc ? this.cipher.decrypt(r.withdrawal_reason_enc, WITHDRAWAL_REASON(r.id)) : r.withdrawal_reason;
    return toConsentView(r, now, parties, isLead, reason);
  }
}

