import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { verifyAuditChain } from './platform/audit/audit-verify';
import { ConfigError, loadConfig } from './platform/config/config';
import { createFieldCipher } from './platform/crypto/crypto.module';
import { FileCipher } from './platform/crypto/file-cipher';
import { formatRotationReport, rotateKeys } from './platform/crypto/key-rotation';
import { dbOptions } from './platform/database/db-options';
import { ensureDatabase, migrate } from './platform/database/migrate';
import { rekeyPersons } from './persons/person-rekey';
import { PersonRepository } from './persons/person.repository';
import { seed } from './platform/database/seed';
import { configureApp } from './platform/http/configure-app';
import { assertEveryRouteDeclaresAccess } from './platform/auth/route-audit';
import { WorkerModule } from './worker.module';

/**
 * One bundle, several commands:
 *   serve (default)   API + portal on PORT
 *   worker            the BullMQ worker on its own
 *   migrate [--seed]  create the database if missing, migrate under an advisory lock, seed
 *   audit:verify      walk the audit hash chain
 *   keys:rotate [--batch N] [--dry-run]
 *                     re-encrypt rows and files under FIELD_KEY_CURRENT, report what is left
 *   persons:rekey [--batch N]
 *                     re-derive the search keys of persons keyed by an older derivation (resumable)
 */
async function main(): Promise<void> {
  const [cmd = 'serve', ...args] = process.argv.slice(2);
  const config = loadConfig();
  switch (cmd) {
    case 'serve': {
      const app = await NestFactory.create(AppModule, { bufferLogs: true });
      app.useLogger(app.get(Logger));
      configureApp(app, { portalDir: config.portalDir ?? join(__dirname, '..', 'portal', 'browser') });
      assertEveryRouteDeclaresAccess(app);
      await app.listen(config.port, '0.0.0.0');
      new NestLogger('main').log(`listening on http://localhost:${config.port}`);
      return;
    }
    case 'worker': {
      const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
      app.useLogger(app.get(Logger));
      app.enableShutdownHooks();
      new NestLogger('worker').log('worker started');
      return;
    }
    case 'migrate': {
      const created = await ensureDatabase(config.databaseAdminUrl);
      const applied = await migrate(config.databaseAdminUrl, { cipher: createFieldCipher(process.env, config.env) });
      console.log(`${created ? 'created the database; ' : ''}${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
      if (args.includes('--seed')) {
        const r = await seed(config);
        console.log(r.summary);
      }
      return;
    }
    case 'audit:verify': {
      const r = await verifyAuditChain(config.databaseAdminUrl, { seal: true });
      if (r.ok) console.log(`audit chain intact: ${r.rows} rows in ${r.blocks} sealed blocks verified; ${r.unsealed} rows of transactions still running not yet sealed`);
      else {
        console.error(`audit chain BROKEN (${r.rows} rows read):`);
        for (const p of r.problems) console.error(`  ${p}`);
        process.exitCode = 1;
      }
      return;
    }
    case 'keys:rotate': {
      const batchArg = args.indexOf('--batch');
      const batch = batchArg >= 0 ? Number(args[batchArg + 1]) : 500;
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new ConfigError('--batch must be an integer between 1 and 10000');
      const cipher = createFieldCipher(process.env, config.env);
      const pool = new Pool({ connectionString: config.databaseAdminUrl, max: 2 });
      try {
        const report = await rotateKeys(pool, cipher, new FileCipher(cipher), {
          batch,
          dryRun: args.includes('--dry-run'),
          attachmentsDir: config.attachmentsDir,
          exportsDir: config.exportsDir,
        });
        for (const l of formatRotationReport(report)) console.log(l);
        if (report.lines.some((l) => l.failed.length)) process.exitCode = 1;
      } finally {
        await pool.end();
      }
      return;
    }
    case 'persons:rekey': {
      const batchArg = args.indexOf('--batch');
      const batch = batchArg >= 0 ? Number(args[batchArg + 1]) : 1000;
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new ConfigError('--batch must be an integer between 1 and 10000');
      const ds = new DataSource(dbOptions(config.databaseAdminUrl, { extra: { max: 1 } }));
      await ds.initialize();
      try {
        const started = Date.now();
        const r = await rekeyPersons(ds, new PersonRepository(createFieldCipher(process.env, config.env)), {
          batch,
          onBatch: (d) => console.log(`re-keyed ${d.written} of ${d.read} persons read (${Math.round((Date.now() - started) / 1000)} s)`),
        });
        console.log(`persons:rekey: ${r.written} persons re-keyed, ${r.read} read, ${r.left} left on an older derivation`);
        if (r.left > 0) process.exitCode = 1;
      } finally {
        await ds.destroy();
      }
      return;
    }
    default:
      console.error(`unknown command ${cmd}: use serve, worker, migrate [--seed], audit:verify, keys:rotate or persons:rekey`);
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`configuration error: ${e.message}`);
  else console.error(e instanceof Error ? `${e.name}: ${e.message}` : 'failed');
  process.exit(1);
});
