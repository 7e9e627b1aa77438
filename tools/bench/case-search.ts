/**
 * npm run bench:cases -- [--cases 1000000] [--cases-db ctms_syn_cases_1m] [--seconds 10] [--case-connections 1,20] [--samples 100]
 *
 * The case search of issue 15 item 4 (decision 0030) at scale: by exact case number and by a
 * person's name (Lao script and romanised), timed through the real service (`CaseSearchService.search`,
 * the SQL the API runs: for a name the ranking of `PersonSearchService.rank` over the keyed name
 * indexes, the persons the caller may see, then the case list with `caseLead` of the access layer;
 * the audit row), as bench.caseworker (MOPS_ATD, CASEWORKER, province 13 only: the lead-agency,
 * province and RESTRICTED predicates all cut), and beside it the bare SQL: the one index lookup
 * with no access layer (`case_number = $1`; for a name, the persons whose `name_bidx` holds the
 * blind index of the name's keys, joined to their cases, first page). Also runs from `npm run bench`
 * (rows `case-search-1m-*`). Seeds its own database with `seed-cases.ts` (cases and their persons
 * only) unless a finished one of the same size is there (`synthetic_marker.kind = 'cases-only'`),
 * and writes the EXPLAIN (ANALYZE, BUFFERS) of every statement of one search of each kind.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { CaseRepository } from '../../apps/api/src/cases/case.repository';
import { CaseSearchService } from '../../apps/api/src/cases/case-search.service';
import { keyBlindIndex, keysOfName } from '../../apps/api/src/persons/name-index';
import { PersonRepository } from '../../apps/api/src/persons/person.repository';
import { PersonSearchService } from '../../apps/api/src/persons/person-search.service';
import { AuditService } from '../../apps/api/src/platform/audit/audit.service';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
import type { Actor, RequestContext } from '../../apps/api/src/platform/http/request-context';
import { adminUrl, appUrl, intArg, loadRefs, parseArgs, syntheticEnv } from '../synthetic/db';
import { variantOf, type VariantKind } from '../synthetic/names';
import { planCase } from '../synthetic/plan';
import { Rng } from '../synthetic/rng';
import { casesOnlySize, DEFAULT_CASES_DB, seedCases } from '../synthetic/seed-cases';
import { benchConfig, UNLIMITED } from '../synthetic/services';
import { percentile } from './loadgen';
import { RecordingDataSource, type Statement } from './recorder';

export interface Timing {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

export interface CaseSearchRow {
  key: string;
  what: string;
  target: string;
  connections: number;
  service: Timing;
  bare: Timing;
  ratioP50: number;
  ratioP95: number;
  /** share of searches whose page 1 holds the case the name or number was drawn from */
  found: number;
  /** what the EXPLAIN of the service's statements and of the bare SQL used */
  plan: string;
  /** the 1-minute load average when the row ended (the machine may be shared) */
  load: number;
  note?: string;
}

export interface CaseSearchResult {
  db: string;
  cases: number;
  seeded: 'reused' | number;
  loadAverage: number[];
  rows: CaseSearchRow[];
}

export interface CaseSearchOptions {
  db: string;
  cases: number;
  seconds: number;
  connections: readonly number[];
  out: string;
  /** how many of the caller's cases are drawn (each asked by number and by two names) */
  samples: number;
  only?: readonly string[];
}

function log(msg: string): void {
  console.log(`[bench:cases ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 10) / 10);
}

/** Calls `fns` in turn on `connections` concurrent loops for `seconds`; latencies in ms. */
async function timeFor(
  fns: readonly (() => Promise<unknown>)[],
  connections: number,
  seconds: number,
): Promise<Timing> {
  const lat: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const fn = fns[next++ % fns.length];
        if (!fn) return;
        const t0 = performance.now();
        try {
          await fn();
          lat.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return {
    count: lat.length,
    errors,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    rps: lat.length / ((performance.now() - start) / 1000),
  };
}

const INDEX_RE = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([A-Za-z0-9_]+)"?/g;
const SEQ_RE = /Seq Scan on "?([A-Za-z0-9_]+)"?/g;

/** EXPLAIN (ANALYZE, BUFFERS) of each SELECT: the text, and the indexes and sequential scans it shows. */
async function explain(
  pool: Pool,
  statements: readonly Statement[],
): Promise<{ text: string; indexes: string[]; seqScans: string[]; ms: number[] }> {
  let text = '';
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const ms: number[] = [];
  for (const s of statements) {
    if (!/^\s*(SELECT|WITH)\b/i.test(s.sql)) continue;
    const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.sql}`, s.params);
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    text += `-- ${s.sql.replace(/\s+/g, ' ').slice(0, 300)}\n${plan}\n\n`;
    for (const m of plan.matchAll(INDEX_RE)) if (m[1]) indexes.add(m[1]);
    for (const m of plan.matchAll(SEQ_RE)) if (m[1]) seqScans.add(m[1]);
    const t = /Execution Time: ([\d.]+) ms/.exec(plan);
    if (t?.[1]) ms.push(Number(t[1]));
  }
  return { text, indexes: [...indexes].sort(), seqScans: [...seqScans].sort(), ms };
}

/** The cases-only database of `cases` cases, seeded unless a finished one is there. */
async function ensureDatabase(db: string, cases: number): Promise<'reused' | number> {
  const size = await casesOnlySize(db);
  if (size === cases) {
    log(`reusing ${db} (cases-only, ${cases} cases)`);
    return 'reused';
  }
  log(`seeding ${db} with ${cases} cases and their persons (was: ${size === null ? 'none' : `${size} cases`})`);
  return seedCases(db, cases, { fresh: true });
}

export async function caseSearchBench(o: CaseSearchOptions): Promise<CaseSearchResult> {
  const seeded = await ensureDatabase(o.db, o.cases);
  const pool = new Pool({ connectionString: appUrl(o.db), max: Math.max(...o.connections) * 2 + 5 });
  const admin = new Pool({ connectionString: adminUrl(o.db), max: 2 });
  try {
    // cases from `planned` on are copies of case (index mod planned) (seed-cases.ts `copyCases`)
    const marker = (
      await admin.query<{ seed: number; planned: number }>(
        `SELECT seed, coalesce((to_jsonb(m) ->> 'planned')::int, cases) AS planned FROM synthetic_marker m LIMIT 1`,
      )
    ).rows[0];
    const u = (
      await admin.query<{ id: string; agency_id: string; provinces: string[]; roles: string[] }>(
        `SELECT id, agency_id, provinces, roles FROM app_user WHERE username = 'bench.caseworker'`,
      )
    ).rows[0];
    if (!marker || !u) throw new Error(`${o.db} has no synthetic_marker or no bench.caseworker`);
    const actor: Actor = {
      userId: u.id,
      username: 'bench.caseworker',
      agencyId: u.agency_id,
      agencyCode: 'MOPS_ATD',
      capabilities: ['SCREEN', 'FORMAL_IDENTIFICATION', 'INVESTIGATE'],
      roles: ['CASEWORKER'],
      allProvinces: false,
      provinces: u.provinces,
    };
    const ctx: RequestContext = { actor, requestId: 'bench-cases', sourceIp: '127.0.0.1' };
    // the caller's own cases (lead agency, province, and named on the RESTRICTED ones), drawn at random
    const own = (
      await admin.query<{ case_number: string; id: string; restricted: boolean }>(
        `SELECT c.case_number, c.id, 'RESTRICTED' = ANY(c.flags) AS restricted FROM case_record c
          WHERE c.lead_agency_id = $1 AND c.province_code = ANY($2::text[]) AND case_restriction_allows(c.id, $3)
          ORDER BY md5(c.id::text) LIMIT $4`,
        [u.agency_id, u.provinces, u.id, o.samples],
      )
    ).rows;
    const scope = (
      await admin.query<{ n: number; r: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE 'RESTRICTED' = ANY(flags))::int AS r FROM case_record
          WHERE lead_agency_id = $1 AND province_code = ANY($2::text[])`,
        [u.agency_id, u.provinces],
      )
    ).rows[0];
    log(
      `caller bench.caseworker (MOPS_ATD, provinces ${u.provinces.join(',')}): ${scope?.n ?? 0} cases in its scope of ${o.cases} (${scope?.r ?? 0} RESTRICTED, named on some); ${own.length} drawn`,
    );
    const c = await admin.connect();
    const refs = await loadRefs(c).finally(() => c.release());
    const rng = new Rng(marker.seed, 151515);
    const indexOf = (n: string) => Number(/S(\d+)$/.exec(n)?.[1] ?? -1) % marker.planned;
    const named = (kinds: VariantKind[]) =>
      own.map((x) => ({
        caseId: x.id,
        name: variantOf(rng, planCase(marker.seed, indexOf(x.case_number), refs).person.name, rng.pick(kinds)),
      }));
    const lao = named(['LAO_VARIANT', 'LAO_TYPING']);
    const latin = named(['ROMANISATION', 'LATIN_TYPO']);

    const cipher = createFieldCipher(syntheticEnv(), 'production');
    const rec = new RecordingDataSource(pool);
    const audit = new AuditService(rec.asDataSource(), cipher);
    const persons = new PersonSearchService(
      rec.asDataSource(),
      new PersonRepository(cipher),
      cipher,
      audit,
      UNLIMITED,
      benchConfig(),
    );
    const finder = new CaseSearchService(
      rec.asDataSource(),
      audit,
      cipher,
      new CaseRepository(cipher),
      persons,
      UNLIMITED,
      benchConfig(),
    );
    const search = async (q: { number?: string; name?: string }) => {
      const page = await finder.search(ctx, { ...q, limit: 25 });
      // the recorder keeps statements per recorded call only; nothing accumulates here
      rec.calls = [];
      return page;
    };
    const BARE_NUMBER = `SELECT c.id FROM case_record c WHERE c.case_number = $1`;
    const BARE_NAME = `SELECT c.id FROM person p JOIN case_record c ON c.person_id = p.id
       WHERE p.name_bidx && $1::text[] ORDER BY c.updated_at DESC, c.id DESC LIMIT 26`;
    const bidxOf = (name: string) =>
      keysOfName(name)
        .map((k) => keyBlindIndex(cipher, k))
        .filter((b): b is string => b !== null);

    interface Kind {
      key: string;
      what: string;
      target: string;
      items: { caseId: string; q: { number?: string; name?: string }; bare: Statement }[];
    }
    const kinds: Kind[] = [
      {
        key: 'case-search-1m-number',
        what: 'case search by exact number',
        target: 'p95 < 100 ms (the case list)',
        items: own.map((x) => ({
          caseId: x.id,
          q: { number: x.case_number },
          bare: { sql: BARE_NUMBER, params: [x.case_number] },
        })),
      },
      {
        key: 'case-search-1m-lao',
        what: 'case search by name, Lao script (spelling variants, typing)',
        target: '< 50 ms single; p95 < 150 ms at 20 (the person search)',
        items: lao.map((x) => ({
          caseId: x.caseId,
          q: { name: x.name },
          bare: { sql: BARE_NAME, params: [bidxOf(x.name)] },
        })),
      },
      {
        key: 'case-search-1m-latin',
        what: 'case search by name, romanised (other romanisation, typo)',
        target: '< 50 ms single; p95 < 150 ms at 20 (the person search)',
        items: latin.map((x) => ({
          caseId: x.caseId,
          q: { name: x.name },
          bare: { sql: BARE_NAME, params: [bidxOf(x.name)] },
        })),
      },
    ];
    const rows: CaseSearchRow[] = [];
    let explainText = '';
    for (const k of kinds) {
      if (o.only && !o.only.includes(k.key)) continue;
      // found: page 1 holds the case the question was drawn from (one pass over every sample, warming the cache too)
      let hits = 0;
      for (const it of k.items) {
        const page = await search(it.q);
        if (page.items.some((x) => x.id === it.caseId)) hits++;
        await pool.query(it.bare.sql, it.bare.params);
      }
      const found = hits / Math.max(1, k.items.length);
      // EXPLAIN of one search's statements (the service's, recorded) and of its bare SQL
      const sample = k.items[0];
      let plan = '';
      if (sample) {
        rec.calls = [];
        await rec.record(() => finder.search(ctx, { ...sample.q, limit: 25 }));
        const svc = await explain(pool, rec.calls[0]?.statements ?? []);
        const bare = await explain(pool, [sample.bare]);
        rec.calls = [];
        explainText += `==== ${k.key}: service (${k.what}) ====\n${svc.text}==== ${k.key}: bare SQL ====\n${bare.text}`;
        plan = `service: ${svc.ms.length} SELECTs, ${svc.ms.map((x) => x.toFixed(1)).join(' + ')} ms, indexes ${svc.indexes.join(', ')}${
          svc.seqScans.length ? `; seq scans ${svc.seqScans.join(', ')}` : ''
        }; bare: ${bare.ms.map((x) => x.toFixed(1)).join(' + ')} ms, indexes ${bare.indexes.join(', ')}${
          bare.seqScans.length ? `; seq scans ${bare.seqScans.join(', ')}` : ''
        }`;
        log(`${k.key} EXPLAIN: ${plan}`);
      }
      for (const conns of o.connections) {
        log(`${k.what}: ${conns} connection(s), ${o.seconds} s service then ${o.seconds} s bare SQL`);
        const service = await timeFor(
          k.items.map((it) => () => search(it.q)),
          conns,
          o.seconds,
        );
        const bare = await timeFor(
          k.items.map((it) => () => pool.query(it.bare.sql, it.bare.params)),
          conns,
          o.seconds,
        );
        const row: CaseSearchRow = {
          key: k.key,
          what: k.what,
          target: k.target,
          connections: conns,
          service,
          bare,
          ratioP50: service.p50 / bare.p50,
          ratioP95: service.p95 / bare.p95,
          found,
          plan,
          load: loadAverage()[0] ?? 0,
        };
        rows.push(row);
        log(
          `  service p50 ${service.p50.toFixed(1)} p95 ${service.p95.toFixed(1)} p99 ${service.p99.toFixed(1)} ms (${service.rps.toFixed(0)}/s, errors ${service.errors}); bare p50 ${bare.p50.toFixed(2)} p95 ${bare.p95.toFixed(2)} ms; ratio p50 ${row.ratioP50.toFixed(1)} p95 ${row.ratioP95.toFixed(1)}; found ${(found * 100).toFixed(0)} %`,
        );
      }
    }
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'case-search-explain.txt'), explainText);
    return { db: o.db, cases: o.cases, seeded, loadAverage: loadAverage(), rows };
  } finally {
    await pool.end();
    await admin.end();
  }
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');

export function caseSearchMarkdown(r: CaseSearchResult): string {
  const lines = [
    `## Case search at ${r.cases.toLocaleString('en')} cases (${r.db}; ${r.seeded === 'reused' ? 'database reused' : `seeded in ${f(r.seeded, 0)} s`}; load average after: ${r.loadAverage.join(' / ')})`,
    '',
    'Service: `CaseSearchService.search` in process as bench.caseworker (MOPS_ATD, province 13), the SQL the API runs with the access layer, and its audit row. Bare SQL: the one index lookup, no access layer.',
    '',
    '| row | target | conns | service p50 / p95 / p99 ms | service op/s | bare SQL p50 / p95 / p99 ms | service/bare p50 | service/bare p95 | found | load | plan |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const x of r.rows)
    lines.push(
      `| ${x.what} | ${x.target} | ${x.connections} | ${f(x.service.p50)} / ${f(x.service.p95)} / ${f(x.service.p99)} | ${f(x.service.rps, 0)} | ${f(x.bare.p50, 2)} / ${f(x.bare.p95, 2)} / ${f(x.bare.p99, 2)} | ${f(x.ratioP50)} | ${f(x.ratioP95)} | ${f(x.found * 100, 0)} % | ${f(x.load)} | ${x.plan} |`,
    );
  return lines.join('\n') + '\n';
}

/** --cases (or BENCH_CASES), --cases-db, --seconds, --connections 1,20 */
export function caseSearchOptions(args: Map<string, string>, out: string): CaseSearchOptions {
  const env = process.env['BENCH_CASES'];
  const cases = intArg(args, 'cases', env ? Number(env) : 1_000_000);
  const conns = (args.get('case-connections') ?? '1,20')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return {
    db: args.get('cases-db') ?? (cases === 1_000_000 ? DEFAULT_CASES_DB : `ctms_syn_cases_${cases}`),
    cases,
    seconds: intArg(args, 'seconds', 10),
    connections: conns.length ? conns : [1],
    out,
    samples: Math.max(1, intArg(args, 'samples', 100)),
    only: args.get('only')?.split(','),
  };
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(args.get('out') ?? 'tmp-artifacts/bench');
  caseSearchBench(caseSearchOptions(args, out))
    .then((r) => {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'case-search.json'), JSON.stringify(r, null, 2));
      const md = caseSearchMarkdown(r);
      writeFileSync(join(out, 'case-search.md'), md);
      console.log('\n' + md);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    });
}
