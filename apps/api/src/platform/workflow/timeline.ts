import type { TimelineEventKind } from '@ctms/domain';
import type { RequestContext } from '../http/request-context';
import { exec, sql, type Runner } from '../database/sql';

/**
 * Appends one timeline event to each given case (codes, ids and field names only, never a
 * protected value). The one writer of case_event, for every feature.
 */
export async function addCaseEvent(
  m: Runner,
  ctx: RequestContext,
  caseIds: string | readonly string[],
  kind: TimelineEventKind,
  details: Record<string, unknown> | null = null,
): Promise<void> {
  const ids = typeof caseIds === 'string' ? [caseIds] : caseIds;
  if (ids.length === 0) return;
  await exec(
    m,
    sql`INSERT INTO case_event (case_id, at, actor_id, actor_agency_id, kind, details)
        SELECT c, clock_timestamp(), ${ctx.actor?.userId ?? null}::uuid, ${ctx.actor?.agencyId ?? null}::uuid, ${kind}::text, ${details ? JSON.stringify(details) : null}::jsonb
        FROM unnest(${[...ids]}::uuid[]) AS c`,
  );
}
