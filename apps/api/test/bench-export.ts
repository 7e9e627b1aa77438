/**
 * `npm run bench:export`: seeds 10,000 cases (BENCH_CASES to change) into a fresh database, exports
 * them as CSV and XLSX through the real job code (ExportRunner), prints the time, the row count,
 * the file size and the peak RSS of this process (sampled every 20 ms: this process is the worker
 * for the run), then drops the database. Needs PostgreSQL and Redis as for `npm start`.
 */
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

register({
  baseUrl: resolve(__dirname, '../../..'),
  paths: { '@ctms/domain': ['libs/domain/src/index.ts'], '@ctms/migrations': ['migrations/index.ts'] },
});

async function main(): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { Client } = await import('pg');
  const { NestFactory } = await import('@nestjs/core');
  const { DataSource } = await import('typeorm');
  const { ensureDatabase, migrate } = await import('../src/platform/database/migrate');
  const { seed } = await import('../src/platform/database/seed');
  const { loadConfig } = await import('../src/platform/config/config');
  const { ExportRunner } = await import('../src/exports/export-runner');
  const { FieldCipher } = await import('../src/platform/crypto/field-cipher');
  const { WorkerModule } = await import('../src/worker.module');
  const { seedCases } = await import('./seed-cases');

  const count = Number(process.env['BENCH_CASES'] ?? 10_000);
  const host = process.env['BENCH_PG_HOST'] ?? '127.0.0.1:5432';
  const db = `ctms_bench_export_${process.pid}`;
  const admin = `postgres://postgres@${host}/${db}`;
  const dir = mkdtempSync(join(tmpdir(), 'ctms-bench-export-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DEMO_PASSWORD: 'demo-password-2026',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `postgres://ctms_app@${host}/${db}`,
    DATABASE_ADMIN_URL: admin,
    QUEUE_PREFIX: `bench-${db}`,
    EXPORTS_DIR: dir,
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  try {
    await ensureDatabase(admin);
    await migrate(admin);
    await seed(loadConfig(), { demoUsers: true });
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    const pg = new Client({ connectionString: admin });
    await pg.connect();
    try {
      const agency = (await pg.query<{ id: string }>(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id;
      const user = (await pg.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.supervisor'`)).rows[0]
        .id;
      const approver = (await pg.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.investigator'`))
        .rows[0].id;
      const t0 = Date.now();
      const provinces = ['01', '02', '03', '05', '06'];
      await seedCases(
        pg,
        worker.get(FieldCipher),
        Array.from({ length: count }, (_, i) => ({
          agencyId: agency,
          province: provinces[i % provinces.length],
          givenNameLo: `ສົມພອນ ${i}`,
          familyNameLo: 'ວົງສະຫວັນ',
          latinNames: [`Somphone ${i}`],
        })),
        { prefix: 'BEN' },
      );
      console.log(`seeded ${count} cases (identity encrypted per row) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await pg.query(`ANALYZE`);
      const runner = worker.get(ExportRunner);
      const ds = worker.get(DataSource);
      for (const kind of ['CASE_LIST_CSV', 'CASE_LIST_XLSX'] as const) {
        for (const identity of [false, true]) {
          const id = (await ds.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
          await pg.query(
            `INSERT INTO export_job (id, kind, status, requested_by_id, agency_id, include_identity, approved_by_id, approved_at)
             VALUES ($1, $2, 'QUEUED', $3, $4, $5, $6, CASE WHEN $5 THEN now() END)`,
            [id, kind, user, agency, identity, identity ? approver : null],
          );
          peak = process.memoryUsage().rss;
          const before = peak;
          const started = process.hrtime.bigint();
          const outcome = await runner.run(id);
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const row = (
            await pg.query<{ row_count: number; size_bytes: string }>(
              `SELECT row_count, size_bytes FROM export_job WHERE id = $1`,
              [id],
            )
          ).rows[0];
          console.log(
            `${kind.padEnd(15)} identity=${String(identity).padEnd(5)} ${outcome}: ${row.row_count} rows, ${mb(Number(row.size_bytes))} in ${(ms / 1000).toFixed(2)} s` +
              ` (${Math.round((row.row_count / ms) * 1000)} rows/s); worker RSS ${mb(before)} before, peak ${mb(peak)}`,
          );
        }
      }
    } finally {
      await pg.end();
      await worker.close();
    }
  } finally {
    clearInterval(sampler);
    const c = new Client({ connectionString: `postgres://postgres@${host}/postgres` });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
    console.log(`dropped ${db}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
