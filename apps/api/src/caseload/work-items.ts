import { hasPermission, LAO_TIME_ZONE, type Permission, type WorkItemKind } from '@ctms/domain';
import {
  followUpRecord,
  identificationRequest,
  planTask,
  referralReceiver,
  screening,
  transfer,
} from '../platform/access/access';
import { visitOverdue } from '../follow-up/follow-up.repository';
import { join, raw, sql, type Sql } from '../platform/database/sql';
import type { Actor } from '../platform/http/request-context';

/**
 * The work item sources: every kind of due work, as one SELECT each over the records the caller may
 * open (the access layer's predicate in its WHERE), all with the same columns:
 *
 *   kind        a WorkItemKind (libs/domain caseload-views.ts)
 *   record_id   the referral, screening, request … the item is
 *   case_id     its case (NULL for a screening draft that has none yet)
 *   due_at      when it is due (NULL: no due date, e.g. a draft)
 *   worker_id   the user who carries it (the referral's assignee, the draft's interviewer), or NULL
 *               when it is the agency's to pick up (a referral to acknowledge, a transfer to answer)
 *
 * "My day" (GET /me/work) and the caseload (GET /caseload) read the union of these, nothing else, so
 * a new kind of due work is added HERE, in one place (docs/decisions/0034-caseload-and-reassignment.md,
 * "Adding a kind of work"):
 *   1. add its code to WORK_ITEM_KINDS and its labels to WORK_ITEM_KIND_LABELS (libs/domain);
 *   2. add an entry below: the permission a caller needs to act on it, and its SELECT with the
 *      access predicate of its record (platform/access/access.ts; a new kind of record gets its
 *      function there first) — PLAN_TASK and VISIT_DUE below are the pattern;
 *   3. run the statement snapshots (caseload.repository.spec.ts) and add the kind to the portal's
 *      link for an item (apps/portal/src/app/home/my-day.ts `linkOf`).
 * Both lists, the counts, the overdue flag and the Lao-time buckets then follow by themselves.
 */
interface WorkItemSource {
  /** the caller needs this permission (role and agency capability) to be given items of the source */
  permission: Permission;
  select(actor: Actor): Sql;
}

const SOURCES: Record<WorkItemKind, WorkItemSource> = {
  /** A referral to the caller's agency waiting for acceptance: the agency's, due by its acknowledgement SLA. */
  REFERRAL_TO_ACKNOWLEDGE: {
    permission: 'referral:respond',
    select: (a) =>
      sql`SELECT 'REFERRAL_TO_ACKNOWLEDGE'::text AS kind, r.id AS record_id, r.case_id, r.acknowledge_by AS due_at, NULL::uuid AS worker_id
            FROM referral r JOIN case_record c ON c.id = r.case_id
           WHERE r.status = 'PENDING' AND ${referralReceiver(a, 'r', 'c')}`,
  },
  /** An accepted referral whose first service is due: its assignee's. */
  REFERRAL_TO_SERVE: {
    permission: 'referral:respond',
    select: (a) =>
      sql`SELECT 'REFERRAL_TO_SERVE'::text AS kind, r.id AS record_id, r.case_id, r.services_due_by AS due_at, r.assigned_to_id AS worker_id
            FROM referral r JOIN case_record c ON c.id = r.case_id
           WHERE r.status = 'ACCEPTED' AND ${referralReceiver(a, 'r', 'c')}`,
  },
  /** A screening draft (or one returned for changes) of the agency: its interviewer's; no due date. */
  SCREENING_DRAFT: {
    permission: 'screening:update',
    select: (a) =>
      sql`SELECT 'SCREENING_DRAFT'::text AS kind, s.id AS record_id, s.case_id, NULL::timestamptz AS due_at, s.interviewer_id AS worker_id
            FROM screening s
           WHERE s.status IN ('DRAFT', 'RETURNED') AND ${screening(a, 's')}`,
  },
  /** A case sent to the caller's agency for formal identification: the agency's, due by its due date. */
  IDENTIFICATION_TO_DECIDE: {
    permission: 'case:identify',
    select: (a) =>
      sql`SELECT 'IDENTIFICATION_TO_DECIDE'::text AS kind, ir.id AS record_id, ir.case_id, ir.due_at, NULL::uuid AS worker_id
            FROM identification_request ir JOIN case_record c ON c.id = ir.case_id
           WHERE ir.status = 'REQUESTED' AND ir.to_agency_id = ${a.agencyId}::uuid AND ${identificationRequest(a, 'ir', 'c')}`,
  },
  /** A case transfer the caller's agency (or province office) is asked to take: the agency's, due by its answer date. */
  TRANSFER_TO_ANSWER: {
    permission: 'case:transfer',
    select: (a) =>
      sql`SELECT 'TRANSFER_TO_ANSWER'::text AS kind, t.id AS record_id, t.case_id, t.respond_by AS due_at, NULL::uuid AS worker_id
            FROM case_transfer t
           WHERE t.status = 'REQUESTED' AND t.to_agency_id = ${a.agencyId}::uuid AND ${transfer(a, 't')}`,
  },
  /** An open task of the caller's agency in a case plan (decision 0031): its worker's, or the agency's while nobody is named; due by the end of its due day. */
  PLAN_TASK: {
    permission: 'case:update',
    select: (a) =>
      sql`SELECT 'PLAN_TASK'::text AS kind, t.id AS record_id, t.case_id, ${endOfLaoDay(raw('t.due_date'))} AS due_at, t.assignee_id AS worker_id
            FROM case_plan_task t JOIN case_plan_goal g ON g.id = t.goal_id JOIN case_record c ON c.id = t.case_id
           WHERE t.status IN ('OPEN', 'IN_PROGRESS') AND t.agency_id = ${a.agencyId}::uuid AND c.status <> 'CLOSED' AND ${planTask(a, 't', 'g', 'c')}`,
  },
  /**
   * The next visit the caller's agency expects on a case (decision 0032): the next-visit date of its
   * latest visit, while no later visit exists (visitOverdue's rule with no "before today"); the
   * worker who recorded it carries it.
   */
  VISIT_DUE: {
    permission: 'case:update',
    select: (a) =>
      sql`SELECT 'VISIT_DUE'::text AS kind, v.id AS record_id, v.case_id, ${endOfLaoDay(raw('v.next_visit_due'))} AS due_at, v.recorded_by_id AS worker_id
            FROM follow_up_visit v JOIN case_record c ON c.id = v.case_id
           WHERE v.agency_id = ${a.agencyId}::uuid AND c.status <> 'CLOSED' AND ${visitOverdue('v', raw(`'infinity'::date`))}
             AND ${followUpRecord(a, 'CONTACT_LOCATION', 'v', 'c')}`,
  },
};

/** The last second of the Lao calendar day `day` (a date), as a timestamptz: when a task or visit due that day is still due today. */
function endOfLaoDay(day: Sql): Sql {
  return sql`((${day} + 1)::timestamp - interval '1 second') AT TIME ZONE '${raw(LAO_TIME_ZONE)}'`;
}

/**
 * The union of the sources the caller holds the permission for, as one subquery (kind, record_id,
 * case_id, due_at, worker_id); an empty set when the caller holds none.
 */
export function workItems(actor: Actor): Sql {
  const selects = Object.values(SOURCES)
    .filter((s) => hasPermission(actor, s.permission))
    .map((s) => sql`(${s.select(actor)})`);
  if (!selects.length)
    return raw(
      `SELECT NULL::text AS kind, NULL::uuid AS record_id, NULL::uuid AS case_id, NULL::timestamptz AS due_at, NULL::uuid AS worker_id WHERE false`,
    );
  return join(selects, ' UNION ALL ');
}

/** The start of the Lao calendar day `days` days after today, as a timestamptz. */
function laoDayStart(days: number): Sql {
  return raw(
    `(((now() AT TIME ZONE '${LAO_TIME_ZONE}')::date + ${Math.trunc(days)})::timestamp AT TIME ZONE '${LAO_TIME_ZONE}')`,
  );
}

/** When item `w` is due (WorkItemBucket), in Lao time: overdue, today, within seven days, later, or undated. */
export function bucketOf(w = 'w'): Sql {
  const due = raw(`${w}.due_at`);
  return sql`(CASE WHEN ${due} IS NULL THEN 'UNDATED' WHEN ${due} < now() THEN 'OVERDUE'
                   WHEN ${due} < ${laoDayStart(1)} THEN 'TODAY' WHEN ${due} < ${laoDayStart(7)} THEN 'WEEK' ELSE 'LATER' END)`;
}
