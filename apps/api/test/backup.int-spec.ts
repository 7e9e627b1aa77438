import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { anchorFile, type AuditAnchor, readAnchor } from '../src/platform/audit/audit-anchor';
import { sealAudit, verifyAuditChain } from '../src/platform/audit/audit-verify';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { backupDatabase, BackupError, type BackupResult, restoreDatabase } from '../src/platform/database/backup';
import { AuditAnchorJob } from '../src/sla/audit-anchor.job';
import { adminUrl, cloneTemplate, dropDatabase, RUN_ID, withAdmin } from './db';
import { readMails, startStack, startWorker, TestStack } from './harness';
import { seedCases } from './seed-cases';

/**
 * Backups that restore (decision 0028): a dump taken while inserts, updates and audited reads run
 * restores into a new database equal to the dump's snapshot (every table's count), whose audit chain
 * verifies and whose encrypted values decrypt; the daily anchor (file 0600 + e-mail to the system
 * admin) makes a restored older backup fail `audit:verify`.
 */
describe('backup and restore', () => {
  let s: TestStack;
  let cipher: FieldCipher;
  let worker: INestApplicationContext | null = null;
  let agency = '';
  let token = '';
  const backupDir = join(mkdtempSync(join(tmpdir(), 'ctms-backup-')), 'backups');
  const anchorDir = join(mkdtempSync(join(tmpdir(), 'ctms-anchor-')), 'anchor');
  const extraDbs: string[] = [];
  const newDb = () => {
    const name = `ctms_t_${RUN_ID}_${randomUUID().slice(0, 8)}`;
    extraDbs.push(name);
    return name;
  };
  const count = async (db: string, table: string) =>
    withAdmin(db, async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n));
  const read = (caseId: string) =>
    s
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .set({ Authorization: `Bearer ${token}` });
  /** waits for the next second, so two backups never share a file name */
  const nextSecond = async () => {
    const now = Math.floor(Date.now() / 1000);
    while (Math.floor(Date.now() / 1000) === now) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    s = await startStack({ BACKUP_DIR: backupDir, AUDIT_ANCHOR_DIR: anchorDir, AUDIT_ANCHOR_EVERY_SECONDS: '86400' });
    cipher = s.app.get(FieldCipher);
    agency = (await s.admin.query<{ id: string }>(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id;
    token = (await s.login('atd.supervisor')).accessToken;
  });

  afterAll(async () => {
    await worker?.close();
    for (const db of extraDbs) await dropDatabase(db);
    await s?.close();
    rmSync(join(backupDir, '..'), { recursive: true, force: true });
    rmSync(join(anchorDir, '..'), { recursive: true, force: true });
  });

  let first: BackupResult;
  const known = new Map<string, string>();
  let knownCases: string[] = [];

  it('restores a backup taken while writes run into a new database equal to the dump snapshot', async () => {
    // persons whose names the test knows, to read back from the restored copy
    knownCases = await seedCases(
      s.admin,
      cipher,
      Array.from({ length: 5 }, (_, i) => ({ agencyId: agency, province: '01', givenNameLo: `ນາງ ສຳຮອງ ${i}` })),
      { prefix: 'BKK' },
    );
    const persons = (
      await s.admin.query<{ id: string; case_id: string }>(
        `SELECT person_id AS id, id AS case_id FROM case_record WHERE id = ANY($1::uuid[]) ORDER BY case_number`,
        [knownCases],
      )
    ).rows;
    persons.forEach((p, i) => known.set(p.id, `ນາງ ສຳຮອງ ${i}`));
    const updated = persons[0].id;
    const before = { person: await count(s.dbName, 'person'), audit: await count(s.dbName, 'audit_event') };

    // three writers until the dump is done: person+case inserts in one transaction each, updates of
    // one person's encrypted identity, and audited reads through the API
    let stop = false;
    let insertsWhenDumped = 0;
    const done = { inserts: 0, updates: 0, reads: 0 };
    const inserter = new Client({ connectionString: adminUrl(s.dbName) });
    const updater = new Client({ connectionString: adminUrl(s.dbName) });
    await inserter.connect();
    await updater.connect();
    const writers = [
      (async () => {
        while (!stop) {
          await inserter.query('BEGIN');
          await seedCases(
            inserter,
            cipher,
            [{ agencyId: agency, province: '01', givenNameLo: `ນາງ ຂຽນລະຫວ່າງ ${done.inserts}` }],
            { prefix: `BKW${done.inserts}` },
          );
          await inserter.query('COMMIT');
          done.inserts++;
        }
      })(),
      (async () => {
        while (!stop) {
          const k = done.updates + 1;
          const v = cipher.encryptJson(
            { givenNameLo: `ປ່ຽນ ${k}`, latinNames: [], dateOfBirth: '1999-01-02', dobPrecision: 'DAY' },
            { table: 'person', column: 'identity_enc', rowId: updated },
          );
          await updater.query(`UPDATE person SET identity_enc = $2 WHERE id = $1`, [updated, v]);
          done.updates = k;
        }
      })(),
      (async () => {
        while (!stop) {
          expect((await read(knownCases[1 + (done.reads % 4)])).status).toBe(200);
          done.reads++;
        }
      })(),
    ];
    try {
      while (done.inserts < 3 || done.updates < 3 || done.reads < 3) await new Promise((r) => setTimeout(r, 20));
      first = await backupDatabase(adminUrl(s.dbName), backupDir);
      insertsWhenDumped = done.inserts;
      stop = true;
      await Promise.all(writers);
    } finally {
      stop = true;
      await inserter.end();
      await updater.end();
    }

    // the files: 0600 in a 0700 directory, named by the time only
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(backupDir).sort()).toEqual([first.manifest.dump, first.manifestFile.split('/').pop()].sort());
    expect(first.manifest.dump).toMatch(/^ctms-\d{8}T\d{6}Z\.dump$/);
    for (const f of [first.file, first.manifestFile]) expect(statSync(f).mode & 0o777).toBe(0o600);
    const manifestText = readFileSync(first.manifestFile, 'utf8');
    for (const name of known.values()) expect(manifestText).not.toContain(name);

    // writes ran on both sides of the snapshot: the manifest's counts lie strictly between
    const after = { person: await count(s.dbName, 'person'), audit: await count(s.dbName, 'audit_event') };
    expect(first.manifest.tables['person']).toBeGreaterThan(before.person);
    expect(first.manifest.tables['person']).toBeLessThan(after.person);
    // and inserts committed after the snapshot, before pg_dump had finished
    expect(insertsWhenDumped).toBeGreaterThan(first.manifest.tables['person'] - before.person);
    expect(first.manifest.tables['audit_event']).toBeGreaterThan(before.audit);
    expect(first.manifest.tables['audit_event']).toBeLessThan(after.audit);

    const target = newDb();
    const r = await restoreDatabase(adminUrl(s.dbName), { file: first.file, target, live: s.dbName, cipher });
    expect(r.problems).toEqual([]);
    expect(r.database).toBe(target);
    expect(r.countMismatches).toEqual([]);
    expect(r.decrypted).toBeGreaterThan(5);
    expect(r.audit.ok).toBe(true);

    // compared here again, table by table: the restored copy is the snapshot, not the live database
    for (const t of ['person', 'case_record', 'audit_event', 'app_user', 'outbox'])
      expect(await count(target, t)).toBe(first.manifest.tables[t]);
    // internally consistent: no person without its case (each pair was one transaction)
    await withAdmin(target, async (c) => {
      const orphans = await c.query(
        `SELECT count(*)::int AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM case_record c WHERE c.person_id = p.id)`,
      );
      expect(orphans.rows[0].n).toBe(0);
      // a sample of decrypted values: the known names, and the updated identity at one of its versions
      const rows = (
        await c.query<{ id: string; v: string }>(
          `SELECT id, identity_enc AS v FROM person WHERE id = ANY($1::uuid[])`,
          [[...known.keys()]],
        )
      ).rows;
      expect(rows).toHaveLength(known.size);
      for (const row of rows) {
        const identity = cipher.decryptJson<{ givenNameLo: string }>(row.v, {
          table: 'person',
          column: 'identity_enc',
          rowId: row.id,
        }) ?? { givenNameLo: '' };
        if (row.id === updated) {
          const k = Number(/^ປ່ຽນ (\d+)$/.exec(identity.givenNameLo)?.[1]);
          expect(k).toBeGreaterThanOrEqual(1);
          expect(k).toBeLessThan(done.updates);
        } else expect(identity.givenNameLo).toBe(known.get(row.id));
      }
    });
    // the restored chain verifies by itself, sealed or not
    const chain = await verifyAuditChain(adminUrl(target), { seal: true });
    expect(chain.problems).toEqual([]);
    expect(chain.rows + chain.unsealed).toBe(first.manifest.tables['audit_event']);
  });

  it('refuses to restore over the live database, into an existing one, or from a damaged dump', async () => {
    await expect(
      restoreDatabase(adminUrl(s.dbName), { file: first.file, target: s.dbName, live: s.dbName, cipher }),
    ).rejects.toThrow(/is the live database.*--over-live/);
    await expect(
      restoreDatabase(adminUrl(s.dbName), { file: first.file, target: extraDbs[0], live: s.dbName, cipher }),
    ).rejects.toThrow(/exists already/);
    await expect(
      restoreDatabase(adminUrl(s.dbName), { file: first.file, target: 'Bad-Name', live: s.dbName, cipher }),
    ).rejects.toThrow(BackupError);
    const damaged = join(mkdtempSync(join(tmpdir(), 'ctms-damaged-')), first.manifest.dump);
    writeFileSync(damaged, Buffer.concat([readFileSync(first.file), Buffer.from('x')]));
    writeFileSync(damaged.replace(/\.dump$/, '.manifest.json'), readFileSync(first.manifestFile));
    await expect(
      restoreDatabase(adminUrl(s.dbName), { file: damaged, target: newDb(), live: s.dbName, cipher }),
    ).rejects.toThrow(/checksum/);
    rmSync(join(damaged, '..'), { recursive: true, force: true });
  });

  it('anchors the newest audit block outside the database, and a restored older backup fails verification', async () => {
    await nextSecond();
    const old = await backupDatabase(adminUrl(s.dbName), backupDir);
    // the live chain moves on past the backup: reads after it, sealed (the sealer waits for the
    // oldest transaction running anywhere on the server, so this may take a moment under load)
    for (let i = 0; i < 3; i++) expect((await read(knownCases[i])).status).toBe(200);
    await withAdmin(s.dbName, async (c) => {
      const newestRow = (await c.query<{ x: string }>(`SELECT max(xact)::text AS x FROM audit_event`)).rows[0].x;
      const sealedPast = async () =>
        (await c.query(`SELECT 1 FROM audit_seal WHERE xact_to > $1`, [newestRow])).rowCount;
      const until = Date.now() + 60_000;
      while (!(await sealedPast()) && Date.now() < until) {
        await sealAudit(c);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await sealedPast()).toBe(1);
    });

    worker = await startWorker();
    const job = worker.get(AuditAnchorJob);
    expect(await job.run({ force: true })).toBe(1);
    const file = anchorFile(anchorDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(anchorDir).mode & 0o777).toBe(0o700);
    const anchor = readAnchor(file) as AuditAnchor;
    const newest = (
      await s.admin.query<{ block: string; hash: string }>(
        `SELECT block::text AS block, encode(hash, 'hex') AS hash FROM audit_seal ORDER BY audit_seal.block DESC LIMIT 1`,
      )
    ).rows[0];
    expect({ block: anchor.block, hash: anchor.hash }).toEqual(newest);
    expect(Object.keys(anchor).sort()).toEqual(['block', 'format', 'hash', 'sealedAt', 'writtenAt', 'xactTo']);
    expect(BigInt(anchor.block)).toBeGreaterThan(BigInt(old.manifest.audit?.block ?? '0'));
    // a second run the same day leaves it as it is
    expect(await job.run()).toBe(0);

    // the e-mail to the system admin: block and hash, nothing personal
    const until = Date.now() + 30_000;
    let mail = readMails(s.mailDir).find((m) => m.text.includes(anchor.hash));
    while (!mail && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      mail = readMails(s.mailDir).find((m) => m.text.includes(anchor.hash));
    }
    expect(mail).toBeDefined();
    const admin = (await s.admin.query<{ email: string }>(`SELECT email FROM app_user WHERE username = 'sysadmin'`))
      .rows[0].email;
    expect(mail?.to).toContain(admin);
    expect(mail?.text).toContain(`Block: ${anchor.block}`);
    for (const name of known.values()) expect(mail?.text).not.toContain(name);
    expect(mail?.text).not.toMatch(/BKK|BKW|sysadmin/);
    expect(readMails(s.mailDir).filter((m) => m.text.includes(anchor.hash))).toHaveLength(1);

    // the live database holds the anchored block
    const live = await verifyAuditChain(adminUrl(s.dbName), { seal: true, anchor });
    expect(live.problems).toEqual([]);
    expect(live.anchored).toBe(true);

    // the older backup restores and verifies by itself, but not against the anchor
    const target = newDb();
    const alone = await restoreDatabase(adminUrl(s.dbName), { file: old.file, target, live: s.dbName, cipher });
    expect(alone.problems).toEqual([]);
    const rolledBack = await verifyAuditChain(adminUrl(target), { seal: true, anchor });
    expect(rolledBack.ok).toBe(false);
    // the restored copy either ends before the anchored block, or (having sealed its own rows since) holds another one
    expect(rolledBack.problems[0]).toMatch(
      new RegExp(
        `^(ROLLED BACK: the anchor written ${anchor.writtenAt} names block ${anchor.block} .* but its chain ends at block \\d+|REWRITTEN: block ${anchor.block} does not match the anchor written ${anchor.writtenAt} .*): this database was restored from a backup older than the anchor`,
      ),
    );
    // restore itself says so when given the anchor
    const checked = await restoreDatabase(adminUrl(s.dbName), {
      file: old.file,
      target: newDb(),
      live: s.dbName,
      cipher,
      anchor,
    });
    expect(checked.problems.join('\n')).toMatch(/audit: (ROLLED BACK|REWRITTEN): /);
    // the e-mailed copy (block and hash alone) detects it just as well
    expect((await verifyAuditChain(adminUrl(target), { anchor: { block: anchor.block, hash: anchor.hash } })).ok).toBe(
      false,
    );

    // the daily job never overwrites an anchor the database no longer matches
    const ahead: AuditAnchor = { ...anchor, block: String(BigInt(anchor.block) + 100n) };
    writeFileSync(file, JSON.stringify(ahead), { mode: 0o600 });
    await expect(job.run({ force: true })).rejects.toThrow('AUDIT_ANCHOR_MISMATCH');
    expect(readAnchor(file)).toEqual(ahead);
  });

  it('with --over-live, swaps the checked copy in and keeps the previous live database', async () => {
    const liveDb = newDb();
    await cloneTemplate(liveDb);
    await nextSecond();
    const b = await backupDatabase(adminUrl(liveDb), backupDir);
    await withAdmin(liveDb, (c) =>
      c.query(`INSERT INTO audit_event (at, action, outcome) VALUES (clock_timestamp(), 'SEEDED', 'ALLOWED')`),
    );
    const r = await restoreDatabase(adminUrl(liveDb), {
      file: b.file,
      target: liveDb,
      live: liveDb,
      cipher,
      overLive: true,
    });
    expect(r.problems).toEqual([]);
    expect(r.database).toBe(liveDb);
    expect(r.previousLive).toMatch(new RegExp(`^${liveDb}_before_restore_`));
    extraDbs.push(r.previousLive as string);
    expect(await count(liveDb, 'audit_event')).toBe(b.manifest.tables['audit_event']);
    expect(await count(r.previousLive as string, 'audit_event')).toBe(b.manifest.tables['audit_event'] + 1);
  });
});
