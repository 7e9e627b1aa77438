import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily counts for the statistics summary (issue 7, docs/performance.md): at 1,000,000 cases the
 * summary counted every case and referral on each request (1.4 s, target 1 s). The worker now
 * recounts whole UTC days into `stats_daily` every STATS_REFRESH_EVERY_SECONDS; a request adds
 * the days in its range from there and counts live only the partial days at its edges and
 * everything since the last refresh's day began (StatsService).
 *
 * Counts only: no id, no name, nothing that points at a case. Small cells are withheld when a
 * summary is read, as before.
 */
export class AddDailyStatistics1795913000000 implements MigrationInterface {
  name = 'AddDailyStatistics1795913000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "stats_daily" (
        "subject" varchar(16) NOT NULL,
        "dimension" varchar(32) NOT NULL,
        "day" date NOT NULL,
        "key" varchar(64) NOT NULL,
        "n" integer NOT NULL,
        CONSTRAINT "PK_stats_daily" PRIMARY KEY ("subject", "day", "dimension", "key"),
        CONSTRAINT "CHK_stats_daily_subject" CHECK ("subject" IN ('case', 'referral')),
        CONSTRAINT "CHK_stats_daily_n" CHECK ("n" > 0)
      )`);
    // one row: the days before `complete_before` are in stats_daily, as counted at `refreshed_at`
    await q.query(`
      CREATE TABLE "stats_daily_state" (
        "id" smallint NOT NULL DEFAULT 1,
        "complete_before" date NOT NULL,
        "refreshed_at" timestamptz NOT NULL,
        CONSTRAINT "PK_stats_daily_state" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_stats_daily_state_one" CHECK ("id" = 1)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "stats_daily_state"`);
    await q.query(`DROP TABLE "stats_daily"`);
  }
}
