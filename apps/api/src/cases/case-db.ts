import { UnauthorizedException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseEditorRefusal, LAO_TIME_ZONE, leadsCase, provinceByCode, todayInLaos, type CaseFacts } from '@ctms/domain';
import { Conflict } from '../platform/http/errors';
import type { Actor, RequestContext } from '../platform/http/request-context';
import type { TimelineEventKind } from './case-codes';

export { LAO_TIME_ZONE };

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new UnauthorizedException();
  return ctx.actor;
}

export const staleVersion = () => new Conflict('STALE_VERSION', 'Someone else changed this case; reload it and try again');

/**
 * Appends one timeline event to each given case (codes, ids and field names only, never a
 * protected value). The one writer of case_event, for every feature.
 */
export async function addCaseEvent(
  m: EntityManager,
  ctx: RequestContext,
  caseIds: string | readonly string[],
  kind: TimelineEventKind,
  details: Record<string, unknown> | null = null,
): Promise<void> {
  const ids = typeof caseIds === 'string' ? [caseIds] : caseIds;
  if (ids.length === 0) return;
  await m.query(
    `INSERT INTO case_event (case_id, at, actor_id, actor_agency_id, kind, details)
     SELECT c, clock_timestamp(), $2::uuid, $3::uuid, $4::text, $5::jsonb FROM unnest($1::uuid[]) AS c`,
    [ids, ctx.actor?.userId ?? null, ctx.actor?.agencyId ?? null, kind, details ? JSON.stringify(details) : null],
  );
}

/** Today's date in Laos, YYYY-MM-DD (the rule lives in libs/domain, shared with the portal). */
export { todayInLaos };

/** The year in Laos. */
export function yearInLaos(now = new Date()): number {
  return Number(todayInLaos(now).slice(0, 4));
}

/** `VT-2026-00042`: the ISO 3166-2 suffix of the province, the year, the sequence (never a name). */
export function formatCaseNumber(provinceCode: string, year: number, sequence: number): string {
  const province = provinceByCode(provinceCode);
  if (!province) throw new Error(`unknown province code ${provinceCode}`);
  const suffix = province.iso.split('-')[1] ?? province.iso;
  return `${suffix}-${year}-${String(sequence).padStart(5, '0')}`;
}

/** Is the actor in the case's lead agency, with a province scope covering the case? (libs/domain leadsCase) */
export function inLeadAgency(actor: Actor, c: { lead_agency_id: string; province_code: string }): boolean {
  return leadsCase(actor, { leadAgencyId: c.lead_agency_id, provinceCode: c.province_code });
}

/** A case row as the domain's access rules read it (the editor rule). */
export function caseFacts(c: { lead_agency_id: string; province_code: string; assigned_to_id: string | null; status: string }): CaseFacts {
  return { leadAgencyId: c.lead_agency_id, provinceCode: c.province_code, assignedToId: c.assigned_to_id, status: c.status };
}

type CaseFactsRow = { lead_agency_id: string; province_code: string; assigned_to_id: string | null; status: string };

/**
 * The editor rule (libs/domain caseEditorRefusal) for every write on a case and its records: the
 * assigned caseworker or a supervisor of the lead agency in scope, on a case that is not closed
 * (`closedToo`: consents may still be recorded and withdrawn on a closed case). 409 with the reason.
 */
export function requireCaseEditor(actor: Actor, c: CaseFactsRow, opts: { closedToo?: boolean } = {}): void {
  const refusal = caseEditorRefusal(actor, caseFacts(c), opts);
  if (refusal === 'NOT_LEAD_AGENCY') throw new Conflict(refusal, 'Only the lead agency does this on its case');
  if (refusal === 'NOT_CASE_EDITOR') throw new Conflict(refusal, 'Only the assigned caseworker or a supervisor of the lead agency does this');
  if (refusal) throw new Conflict(refusal, 'A closed case is not changed; reopen it first');
}
