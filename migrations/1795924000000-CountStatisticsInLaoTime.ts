import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics are released by whole calendar month, quarter or year in Lao time (decision 0014), so
 * the daily counts of `stats_daily` are now Lao days (Asia/Vientiane, UTC+07:00), no longer UTC
 * days. The rows counted by UTC day would be read as Lao days and put the cases of the first seven
 * hours of a month in the month before: they are dropped, and a summary counts everything live
 * until the worker's next recount (STATS_REFRESH_EVERY_SECONDS) refills the table by Lao day.
 * No column changes: `day` is now a Lao calendar day.
 */
export class CountStatisticsInLaoTime1795924000000 implements MigrationInterface {
  name = 'CountStatisticsInLaoTime1795924000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "stats_daily_state"`);
    await q.query(`DELETE FROM "stats_daily"`);
    await q.query(`COMMENT ON COLUMN "stats_daily"."day" IS 'calendar day in Lao time (Asia/Vientiane)'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // the previous code counts UTC days: drop the Lao days the same way
    await q.query(`COMMENT ON COLUMN "stats_daily"."day" IS NULL`);
    await q.query(`DELETE FROM "stats_daily_state"`);
    await q.query(`DELETE FROM "stats_daily"`);
  }
}
