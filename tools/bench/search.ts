/**
 * npm run bench:search -- [--db NAME] [--pairs 250]
 *
 * A labelled set of name pairs drawn from the generator: a person as stored, and the same person
 * written differently (Lao spelling variants, Lao typed with zero-width spaces, another
 * romanisation, a Latin typo, nickname + family name, a silent vowel or h inserted or dropped, a
 * final -sa/-xay syllable added or dropped, a Lao-only person asked in Latin letters). Each query goes through the real ranking
 * behind POST /persons/search (PersonSearchService.scoreCandidates) over every person, before the access
 * layer keeps the caller's own (decision 0016); recall@20 = the person is among the 20 candidates. Prints recall per kind and latency.
 *
 * Each pair is asked twice: as the screening form's duplicate check asks (the name and the birth
 * year the second clerk was told: the stored year, one year off for an estimated one, none when the
 * first record has no birth date) and by the name alone. The first is the headline figure; the
 * name-only figure shows what a name can do when dozens of people share it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import type { PersonSearchDto } from '../../apps/api/src/persons/dto/person.dto';
import { benchConfig, UNLIMITED } from '../synthetic/services';
import { PersonSearchService } from '../../apps/api/src/persons/person-search.service';
import { PersonRepository } from '../../apps/api/src/persons/person.repository';
import { AuditService } from '../../apps/api/src/platform/audit/audit.service';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';

import { adminUrl, assertSynthetic, DEFAULT_DB, intArg, loadRefs, parseArgs, syntheticEnv } from '../synthetic/db';
import { SPELLING_KINDS, variantOf, type VariantKind } from '../synthetic/names';
import { planCase } from '../synthetic/plan';
import { Rng } from '../synthetic/rng';
import { percentile } from './loadgen';
import { RecordingDataSource } from './recorder';

const KINDS: VariantKind[] = [
  'LAO_VARIANT',
  'LAO_TYPING',
  'ROMANISATION',
  'LATIN_TYPO',
  'NICKNAME_AND_FAMILY',
  'SILENT_VOWEL',
  'FINAL_SYLLABLE',
  'LAO_ONLY_LATIN',
];
/** Give up looking for a person that fits a kind after this many draws (a database seeded before Lao-only persons existed has none). */
const MAX_REDRAWS = 2000;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = args.get('db') ?? DEFAULT_DB;
  const pairs = Math.max(1, intArg(args, 'pairs', 250));
  await assertSynthetic(db);
  const pool = new Pool({ connectionString: adminUrl(db), max: 4 });
  try {
    const marker = (
      await pool.query<{ seed: number; cases: number }>(`SELECT seed, cases FROM synthetic_marker LIMIT 1`)
    ).rows[0];
    if (!marker) throw new Error('synthetic_marker is empty');
    const c = await pool.connect();
    const refs = await loadRefs(c).finally(() => c.release());
    const ds = new RecordingDataSource(pool);
    const cipher = createFieldCipher(syntheticEnv(), 'production');
    const persons = new PersonSearchService(
      ds.asDataSource(),
      new PersonRepository(cipher),
      cipher,
      new AuditService(ds.asDataSource(), cipher),
      UNLIMITED,
      benchConfig(),
    );
    const rng = new Rng(marker.seed, 777);
    type Result = {
      kind: VariantKind;
      personId: string;
      stored: string;
      query: string;
      year: string | null;
      hit: boolean;
      rank: number | null;
      ms: number;
    };
    const results: Result[] = [];
    const nameOnly: Result[] = [];
    const ask = async (
      kind: VariantKind,
      stored: string,
      personId: string,
      query: string,
      year: string | null,
    ): Promise<Result> => {
      const dto = { name: query, limit: 20, ...(year ? { dateOfBirth: year } : {}) } as PersonSearchDto;
      ds.calls = [];
      const t0 = performance.now();
      // the ranking itself, over every person (the API then shows the caller only the persons it may see)
      const r = {
        candidates: (
          await persons.scoreCandidates({ name: dto.name, dateOfBirth: dto.dateOfBirth }, async (ids) => new Set(ids))
        ).visible.slice(0, dto.limit ?? 20),
      };
      const ms = performance.now() - t0;
      const rank = r.candidates.findIndex((x) => x.personId === personId);
      return { kind, personId, stored, query, year, hit: rank >= 0, rank: rank >= 0 ? rank + 1 : null, ms };
    };
    let redraws = 0;
    for (let i = 0; i < pairs; i++) {
      const plan = planCase(marker.seed, rng.int(marker.cases), refs);
      const kind = KINDS[i % KINDS.length] ?? 'LAO_VARIANT';
      const fits =
        kind === 'NICKNAME_AND_FAMILY'
          ? plan.person.name.nicknames.length > 0
          : kind === 'LAO_ONLY_LATIN'
            ? plan.person.name.latinNames.length === 0
            : true;
      if (!fits && redraws++ < MAX_REDRAWS) {
        i--;
        continue;
      }
      if (!fits) continue;
      const query = variantOf(rng, plan.person.name, kind);
      const { identity } = plan.person;
      const storedYear = identity.dateOfBirth ? Number(identity.dateOfBirth.slice(0, 4)) : null;
      const year =
        storedYear === null
          ? null
          : String(identity.dobPrecision === 'ESTIMATED' ? storedYear + rng.int(3) - 1 : storedYear);
      const stored = `${identity.givenNameLo} ${identity.familyNameLo ?? ''} / ${(identity.latinNames ?? []).join(', ')} / ${identity.dobPrecision} ${storedYear ?? ''}`;
      results.push(await ask(kind, stored, plan.person.id, query, year));
      nameOnly.push(await ask(kind, stored, plan.person.id, query, null));
    }
    const lat = results.map((r) => r.ms).sort((a, b) => a - b);
    const recall = (rs: Result[]): number => rs.filter((r) => r.hit).length / Math.max(1, rs.length);
    const byKind = KINDS.map((k) => {
      const rs = results.filter((r) => r.kind === k);
      return {
        kind: k,
        pairs: rs.length,
        recallAt20: recall(rs),
        nameOnlyRecallAt20: recall(nameOnly.filter((r) => r.kind === k)),
      };
    });
    const summary = {
      db,
      cases: marker.cases,
      pairs: results.length,
      recallAt20: recall(results),
      withYear: results.filter((r) => r.year !== null).length,
      nameOnlyRecallAt20: recall(nameOnly),
      byKind,
      spellingNameOnlyRecallAt20: recall(nameOnly.filter((r) => SPELLING_KINDS.includes(r.kind))),
      latencyMs: { p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99) },
      nameOnlyLatencyMs: (() => {
        const l = nameOnly.map((r) => r.ms).sort((a, b) => a - b);
        return { p50: percentile(l, 50), p95: percentile(l, 95), p99: percentile(l, 99) };
      })(),
      note: 'single queries, one after another, through PersonSearchService.scoreCandidates (the ranking behind POST /persons/search, before the access layer keeps the caller’s own persons); recallAt20: name + birth year as the screening form asks; nameOnlyRecallAt20: the same names without the year',
    };
    const out = resolve('tmp-artifacts/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'search.json'),
      JSON.stringify(
        {
          summary,
          misses: results.filter((r) => !r.hit).slice(0, 50),
          nameOnlyMisses: nameOnly.filter((r) => !r.hit).slice(0, 50),
        },
        null,
        2,
      ),
    );
    const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)} %`;
    console.log(
      `recall@20 ${pct(summary.recallAt20)} over ${results.length} labelled pairs, name + birth year as the screening form asks (${summary.withYear} with a year; ${db}, ${marker.cases} cases)`,
    );
    console.log(
      `recall@20 ${pct(summary.nameOnlyRecallAt20)} by the name alone; ${pct(summary.spellingNameOnlyRecallAt20)} over the spelling and romanisation kinds (all but nickname + family)`,
    );
    console.log(`  ${'kind'.padEnd(20)} ${'name+year'.padStart(9)}  ${'name only'.padStart(9)}`);
    for (const k of byKind)
      console.log(
        `  ${k.kind.padEnd(20)} ${pct(k.recallAt20).padStart(9)}  ${pct(k.nameOnlyRecallAt20).padStart(9)}  (${k.pairs} pairs)`,
      );
    const ms = (l: { p50: number; p95: number; p99: number }): string =>
      `p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`;
    console.log(`latency name + year ${ms(summary.latencyMs)}; name only ${ms(summary.nameOnlyLatencyMs)}`);
    console.log(`wrote ${join(out, 'search.json')} (misses listed there)`);
  } finally {
    await pool.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
