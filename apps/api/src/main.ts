import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { type AnchorRef, AnchorFileError, anchorFile, anchorRef, readAnchor } from './platform/audit/audit-anchor';
import { verifyAuditChain } from './platform/audit/audit-verify';
import { ConfigError, loadConfig } from './platform/config/config';
import { createFieldCipher } from './platform/crypto/crypto.module';
import { FileCipher } from './platform/crypto/file-cipher';
import { formatRotationReport, rotateKeys } from './platform/crypto/key-rotation';
import { dbOptions } from './platform/database/db-options';
import { BackupError, backupDatabase, databaseOf, restoreDatabase } from './platform/database/backup';
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
 *   audit:verify [--anchor FILE | --anchor-block N --anchor-hash H | --no-anchor]
 *                     walk the audit hash chain, and check it still holds the anchored block
 *                     (AUDIT_ANCHOR_DIR/audit-anchor.json by default; decision 0028)
 *   backup [--dir D]  pg_dump (custom format, one exported snapshot) + manifest into BACKUP_DIR
 *   restore --from FILE --to NAME [--over-live]
 *                     restore into a NEW database and check it (counts, audit chain, keys)
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
      console.log(
        `${created ? 'created the database; ' : ''}${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`,
      );
      if (args.includes('--seed')) {
        const r = await seed(config);
        console.log(r.summary);
      }
      return;
    }
    case 'audit:verify': {
      const anchor = anchorFromArgs(args, config.auditAnchorDir);
      const r = await verifyAuditChain(config.databaseAdminUrl, { seal: true, anchor: anchor.ref });
      if (r.ok) {
        console.log(
          `audit chain intact: ${r.rows} rows in ${r.blocks} sealed blocks verified; ${r.unsealed} rows of transactions still running not yet sealed`,
        );
        console.log(
          anchor.ref
            ? `anchor matched: the chain still holds block ${anchor.ref.block} (${anchor.source})`
            : `NO ANCHOR (${anchor.source}): a rollback of the database cannot be detected`,
        );
      } else {
        console.error(`audit chain BROKEN (${r.rows} rows read${anchor.ref ? `; anchor ${anchor.source}` : ''}):`);
        for (const p of r.problems) console.error(`  ${p}`);
        process.exitCode = 1;
      }
      return;
    }
    case 'backup': {
      const dirArg = args.indexOf('--dir');
      const dir = dirArg >= 0 ? resolve(args[dirArg + 1] ?? '') : config.backupDir;
      const b = await backupDatabase(config.databaseAdminUrl, dir);
      const rows = Object.values(b.manifest.tables).reduce((a, n) => a + n, 0);
      console.log(
        `backup written: ${b.file} (${b.manifest.bytes} bytes, ${rows} rows in ${Object.keys(b.manifest.tables).length} tables, audit block ${b.manifest.audit?.block ?? 'none'})`,
      );
      console.log(`manifest: ${b.manifestFile}`);
      console.log(
        'the field keys are NOT in the dump: keep FIELD_KEYS and BLIND_INDEX_KEY backed up apart (docs/operations.md)',
      );
      return;
    }
    case 'restore': {
      const from = valueOf(args, '--from');
      const to = valueOf(args, '--to');
      if (!from || !to) throw new ConfigError('restore needs --from <dump file> and --to <new database name>');
      const r = await restoreDatabase(config.databaseAdminUrl, {
        file: resolve(from),
        target: to,
        live: databaseOf(config.databaseAdminUrl),
        overLive: args.includes('--over-live'),
        cipher: createFieldCipher(process.env, config.env),
        anchor: anchorFromArgs(args, config.auditAnchorDir).ref,
      });
      console.log(`restored ${r.manifest.dump} (taken ${r.manifest.createdAt}) into ${r.database}`);
      console.log(
        `row counts: ${r.countMismatches.length ? `${r.countMismatches.length} tables differ` : `all ${Object.keys(r.manifest.tables).length} tables equal the backup's snapshot`}`,
      );
      console.log(
        `audit: ${r.audit.rows} rows in ${r.audit.blocks} blocks${r.audit.anchored ? ', checked against the anchor' : ', no anchor'}`,
      );
      console.log(
        `encrypted values: ${r.decrypted} sampled values decrypt with the configured keys${r.undecryptable.length ? `; ${r.undecryptable.length} columns failed` : ''}`,
      );
      if (r.previousLive) console.log(`the previous live database is kept as ${r.previousLive}`);
      if (r.problems.length) {
        console.error(
          `restore NOT usable as it is (${r.database} is kept for inspection${args.includes('--over-live') ? '; the live database was NOT replaced' : ''}):`,
        );
        for (const p of r.problems) console.error(`  ${p}`);
        process.exitCode = 1;
      }
      return;
    }
    case 'keys:rotate': {
      const batchArg = args.indexOf('--batch');
      const batch = batchArg >= 0 ? Number(args[batchArg + 1]) : 500;
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
        throw new ConfigError('--batch must be an integer between 1 and 10000');
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
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
        throw new ConfigError('--batch must be an integer between 1 and 10000');
      const ds = new DataSource(dbOptions(config.databaseAdminUrl, { extra: { max: 1 } }));
      await ds.initialize();
      try {
        const started = Date.now();
        const r = await rekeyPersons(ds, new PersonRepository(createFieldCipher(process.env, config.env)), {
          batch,
          onBatch: (d) =>
            console.log(
              `re-keyed ${d.written} of ${d.read} persons read (${Math.round((Date.now() - started) / 1000)} s)`,
            ),
        });
        console.log(
          `persons:rekey: ${r.written} persons re-keyed, ${r.read} read, ${r.left} left on an older derivation`,
        );
        if (r.left > 0) process.exitCode = 1;
      } finally {
        await ds.destroy();
      }
      return;
    }
    default:
      console.error(
        `unknown command ${cmd}: use serve, worker, migrate [--seed], audit:verify, backup, restore, keys:rotate or persons:rekey`,
      );
      process.exitCode = 2;
  }
}

function valueOf(args: string[], flag: string): string | null {
  const i = args.indexOf(flag);
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

/** The anchor to check against: --anchor FILE, the e-mailed --anchor-block/--anchor-hash, --no-anchor, or AUDIT_ANCHOR_DIR's file. */
function anchorFromArgs(args: string[], dir: string): { ref: AnchorRef | null; source: string } {
  if (args.includes('--no-anchor')) return { ref: null, source: '--no-anchor' };
  const block = valueOf(args, '--anchor-block');
  const hash = valueOf(args, '--anchor-hash');
  if (block || hash) return { ref: anchorRef(block ?? '', hash ?? ''), source: 'given on the command line' };
  const file = resolve(valueOf(args, '--anchor') ?? anchorFile(dir));
  const ref = readAnchor(file);
  return { ref, source: ref ? file : `no anchor file at ${file}` };
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`configuration error: ${e.message}`);
  else if (e instanceof BackupError || e instanceof AnchorFileError) console.error(e.message);
  else console.error(e instanceof Error ? `${e.name}: ${e.message}` : 'failed');
  process.exit(1);
});
