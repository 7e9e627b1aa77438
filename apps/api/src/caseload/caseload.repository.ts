import { Injectable } from '@nestjs/common';
import {
  CASE_ASSIGNEE_ROLES,
  MY_WORK_LIMIT,
  type CaseStatus,
  type Role,
  type WorkItemBucket,
  type WorkItemKind,
} from '@ctms/domain';
import { caseLead } from '../platform/access/access';
import { exec, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import type { Actor } from '../platform/http/request-context';
import { bucketOf, workItems } from './work-items';

/** One worker's row of the caseload. */
export interface CaseloadWorkerRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  active_cases: number;
  open_items: number;
  overdue_items: number;
}

/** What nobody active carries. */
export interface CaseloadUnassignedRow {
  active_cases: number;
  open_items: number;
  overdue_items: number;
}

export interface WorkItemRow {
  kind: WorkItemKind;
  record_id: string;
  case_id: string | null;
  case_number: string | null;
  due_at: Date | null;
  overdue: boolean;
  bucket: WorkItemBucket;
}

/** A case a bulk reassignment moves, locked. */
export interface ReassignCaseRow {
  id: string;
  status: CaseStatus;
  province_code: string;
  lead_agency_id: string;
  /** the assignee on the row, active or not (the audit row's `previous`) */
  assigned_to_id: string | null;
}

/** The order of the buckets in "my day": overdue first, undated last. */
const BUCKET_RANK = sql`CASE w.bucket WHEN 'OVERDUE' THEN 0 WHEN 'TODAY' THEN 1 WHEN 'WEEK' THEN 2 ELSE 3 END`;

/** The work items of the caller's sources with their case number, overdue flag and bucket. */
function items(actor: Actor): Sql {
  return sql`SELECT i.kind, i.record_id, i.case_id, i.due_at, i.worker_id, wc.case_number,
                    (i.due_at IS NOT NULL AND i.due_at < now()) AS overdue
               FROM (${workItems(actor)}) i LEFT JOIN case_record wc ON wc.id = i.case_id`;
}

/** Active users of the caller's agency who may carry cases and whose province scope meets the caller's. */
function workers(actor: Actor): Sql {
  return sql`SELECT u.id, u.username, u.display_name, u.roles FROM app_user u
              WHERE u.agency_id = ${actor.agencyId}::uuid AND u.status = 'ACTIVE' AND u.roles && ${[...CASE_ASSIGNEE_ROLES]}::text[]
                AND (${actor.allProvinces}::boolean OR u.all_provinces OR u.provinces && ${actor.provinces}::text[])`;
}

/** The statements, pure: caseload.repository.spec.ts snapshots each one's text. */
export const caseloadSql = {
  /**
   * Per worker: the open cases the caller's agency leads in the caller's scope assigned to them, and
   * their work items (open, overdue), from the caller's sources (so within what the caller may open).
   */
  workers: (actor: Actor): Sql =>
    sql`WITH items AS (${items(actor)}),
             loads AS (SELECT c.assigned_to_id AS worker_id, count(*)::int AS n FROM case_record c
                        WHERE ${caseLead(actor, 'c')} AND c.status <> 'CLOSED' AND c.assigned_to_id IS NOT NULL GROUP BY 1),
             work AS (SELECT worker_id, count(*)::int AS open, (count(*) FILTER (WHERE overdue))::int AS overdue FROM items
                       WHERE worker_id IS NOT NULL GROUP BY 1)
        SELECT w.id, w.username, w.display_name, w.roles, coalesce(l.n, 0) AS active_cases,
               coalesce(k.open, 0) AS open_items, coalesce(k.overdue, 0) AS overdue_items
          FROM (${workers(actor)}) w LEFT JOIN loads l ON l.worker_id = w.id LEFT JOIN work k ON k.worker_id = w.id
         ORDER BY w.display_name, w.id`,

  /**
   * What nobody active carries: the open cases with no assignee or a disabled one (decided here, at
   * read time: disabling a user rewrites no case), and the items of no active worker.
   */
  unassigned: (actor: Actor): Sql =>
    sql`WITH items AS (${items(actor)})
        SELECT (SELECT count(*)::int FROM case_record c LEFT JOIN app_user cu ON cu.id = c.assigned_to_id AND cu.status = 'ACTIVE'
                 WHERE ${caseLead(actor, 'c')} AND c.status <> 'CLOSED' AND cu.id IS NULL) AS active_cases,
               count(*)::int AS open_items, (count(*) FILTER (WHERE i.overdue))::int AS overdue_items
          FROM items i LEFT JOIN app_user iu ON iu.id = i.worker_id AND iu.status = 'ACTIVE'
         WHERE iu.id IS NULL`,

  /**
   * The caller's day: the items they carry and their agency's items nobody carries, due within seven
   * Lao days, overdue or undated; overdue first, then by due time, undated last.
   */
  myWork: (actor: Actor): Sql =>
    sql`SELECT w.kind, w.record_id, w.case_id, w.case_number, w.due_at, w.overdue, w.bucket
          FROM (SELECT x.*, ${bucketOf('x')} AS bucket FROM (${items(actor)}) x
                 WHERE x.worker_id = ${actor.userId}::uuid OR x.worker_id IS NULL) w
         WHERE w.bucket <> 'LATER'
         ORDER BY ${BUCKET_RANK}, w.due_at NULLS LAST, w.kind, w.record_id
         LIMIT ${MY_WORK_LIMIT + 1}`,

  /**
   * The cases of a bulk reassignment that the caller's agency leads in scope (RESTRICTED: only for
   * its named users), locked in id order: two reassignments over overlapping sets lock in the same
   * order, so one waits for the other and neither deadlocks.
   */
  lockCases: (actor: Actor, ids: readonly string[]): Sql =>
    sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id
          FROM case_record c
         WHERE c.id = ANY(${[...ids]}::uuid[]) AND ${caseLead(actor, 'c')}
         ORDER BY c.id FOR UPDATE OF c`,

  /** The new assignee on cases the caller holds locked. */
  reassign: (ids: readonly string[], assigneeId: string): Sql =>
    sql`UPDATE case_record SET assigned_to_id = ${assigneeId}::uuid, version = version + 1, updated_at = now()
         WHERE id = ANY(${[...ids]}::uuid[])`,
};

/** The caseload's and my day's data access (decision 0018). */
@Injectable()
export class CaseloadRepository {
  workers(m: Runner, actor: Actor): Promise<CaseloadWorkerRow[]> {
    return select<CaseloadWorkerRow>(m, caseloadSql.workers(actor));
  }

  async unassigned(m: Runner, actor: Actor): Promise<CaseloadUnassignedRow> {
    return (
      (await selectOne<CaseloadUnassignedRow>(m, caseloadSql.unassigned(actor))) ?? {
        active_cases: 0,
        open_items: 0,
        overdue_items: 0,
      }
    );
  }

  myWork(m: Runner, actor: Actor): Promise<WorkItemRow[]> {
    return select<WorkItemRow>(m, caseloadSql.myWork(actor));
  }

  lockCases(m: Runner, actor: Actor, ids: readonly string[]): Promise<ReassignCaseRow[]> {
    return select<ReassignCaseRow>(m, caseloadSql.lockCases(actor, ids));
  }

  reassign(m: Runner, ids: readonly string[], assigneeId: string): Promise<number> {
    return exec(m, caseloadSql.reassign(ids, assigneeId));
  }
}
