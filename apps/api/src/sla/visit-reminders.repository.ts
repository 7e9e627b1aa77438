import { Injectable } from '@nestjs/common';
import { visitOverdue } from '../follow-up/follow-up.repository';
import { select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';

/**
 * The overdue-visit clock's memory (decision 0032), like `sla_event`: one row per visit and due date
 * (the primary key), so however often or concurrently the scan runs, one reminder goes out.
 */
export const followUpReminderTable = table('follow_up_reminder', {
  visit_id: col('uuid'),
  due_on: col('date'),
  created_at: col('timestamptz'),
});

export type RaisedVisitRow = PickRow<typeof followUpReminderTable, 'visit_id'>;

/** Who hears of an overdue visit: its case and agency, and its recorder while they may still open the case. */
export type OverdueVisitFacts = { case_id: string; agency_id: string; recorder_id: string | null };

/** The statements, pure: visit-reminders.repository.spec.ts snapshots each one's text. */
export const visitReminderSql = {
  /**
   * Raises up to `batch` reminders: a visit whose next visit was due before today (Lao date of
   * `now`) with no later visit of its agency on the case, on a case not closed, while its agency is
   * still the lead or has an active referral of the case.
   */
  raise: (now: Date, batch: number): Sql => {
    const today: Sql = sql`(${now}::timestamptz AT TIME ZONE 'Asia/Vientiane')::date`;
    return sql`INSERT INTO follow_up_reminder (visit_id, due_on)
        SELECT v.id, v.next_visit_due FROM follow_up_visit v JOIN case_record c ON c.id = v.case_id
         WHERE ${visitOverdue('v', today)} AND c.status <> 'CLOSED'
           AND (c.lead_agency_id = v.agency_id OR EXISTS (SELECT 1 FROM referral r WHERE r.case_id = v.case_id AND r.to_agency_id = v.agency_id AND r.status IN ('ACCEPTED', 'IN_PROGRESS')))
           AND NOT EXISTS (SELECT 1 FROM follow_up_reminder e WHERE e.visit_id = v.id AND e.due_on = v.next_visit_due)
         ORDER BY v.next_visit_due, v.id
         LIMIT ${batch}
        ON CONFLICT (visit_id, due_on) DO NOTHING
        RETURNING visit_id::text AS visit_id`;
  },

  facts: (visitId: string): Sql =>
    sql`SELECT v.case_id, v.agency_id,
               (SELECT u.id FROM app_user u
                 WHERE u.id = v.recorded_by_id AND u.agency_id = v.agency_id AND u.status = 'ACTIVE'
                   AND (u.all_provinces OR c.province_code = ANY(u.provinces)) AND case_restriction_allows(c.id, u.id)) AS recorder_id
          FROM follow_up_visit v JOIN case_record c ON c.id = v.case_id
         WHERE v.id = ${visitId}::uuid`,
};

/** Overdue-visit reminders (decision 0018). */
@Injectable()
export class VisitReminderRepository {
  raise(m: Runner, now: Date, batch: number): Promise<RaisedVisitRow[]> {
    return select<RaisedVisitRow>(m, visitReminderSql.raise(now, batch));
  }

  facts(m: Runner, visitId: string): Promise<OverdueVisitFacts | undefined> {
    return selectOne<OverdueVisitFacts>(m, visitReminderSql.facts(visitId));
  }
}
