import { Injectable } from '@nestjs/common';
import type { Urgency } from '@ctms/domain';
import { exec, select, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type RowOf } from '../platform/database/table';

/** The hours of both SLA clocks per urgency (one row per urgency, seeded by the migration). */
export const slaSettingTable = table('sla_setting', {
  urgency: col('varchar').of<Urgency>(),
  /** accept or decline within this many hours of the referral being sent */
  acknowledge_hours: col('int4'),
  /** the first service within this many hours of the acceptance */
  services_hours: col('int4'),
  updated_at: col('timestamptz').nullable(),
  updated_by_id: col('uuid').nullable(),
});

export type SlaSettingRow = RowOf<typeof slaSettingTable>;

/** The statements, pure: sla-settings.repository.spec.ts snapshots each one's text. */
export const slaSettingSql = {
  all: (lock: boolean): Sql =>
    sql`SELECT ${slaSettingTable.select('s')} FROM sla_setting s ORDER BY s.urgency${lock ? sql` FOR UPDATE` : sql``}`,

  update: (urgency: Urgency, acknowledgeHours: number, servicesHours: number, userId: string): Sql =>
    sql`UPDATE sla_setting SET ${slaSettingTable.set({ acknowledge_hours: acknowledgeHours, services_hours: servicesHours, updated_at: sql`clock_timestamp()`, updated_by_id: userId })}
         WHERE urgency = ${urgency}`,
};

/** Reference data, no case content: every caller's clocks read it, only the system administrator changes it. */
@Injectable()
export class SlaSettingsRepository {
  all(m: Runner, lock = false): Promise<SlaSettingRow[]> {
    return select<SlaSettingRow>(m, slaSettingSql.all(lock));
  }

  async update(
    m: Runner,
    urgency: Urgency,
    acknowledgeHours: number,
    servicesHours: number,
    userId: string,
  ): Promise<void> {
    await exec(m, slaSettingSql.update(urgency, acknowledgeHours, servicesHours, userId));
  }
}
