/**
 * npm run stress:stats -- [--years 400] [--from 1000] [--dense]
 *
 * The release rule (decision 0014) against the exact attacker on many random years: each year has
 * 1–12 ended months of 0 to ~2×scale records (scale cycling 2…160, or 300/600 with --dense) with
 * keys skewed three ways, for cases or referrals. Prints every withheld non-zero count the attacker
 * pins (there should be none) or whose bounds exclude the truth, and exits 1 if there is one.
 * A longer run of what the domain unit test "release rule under attack" does on six years.
 */
import { CASE_STAT_DIMENSIONS, REFERRAL_STAT_DIMENSIONS, releaseYear } from '@ctms/domain';
import { attackReleases, countKey, randomMonth, seededRandom, trueCounts } from '@ctms/domain/testing';
import { intArg, parseArgs } from '../synthetic/db';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const years = intArg(args, 'years', 400);
  const from = intArg(args, 'from', 1000);
  const dense = args.get('dense') === 'true';
  const started = performance.now();
  let pinned = 0;
  let hiddenCounts = 0;
  let small = 0;
  for (let seed = from; seed < from + years; seed++) {
    const rng = seededRandom(seed);
    const dims = seed % 5 === 0 ? REFERRAL_STAT_DIMENSIONS : CASE_STAT_DIMENSIONS;
    const scale = dense ? [300, 600][seed % 2] : [2, 5, 10, 20, 40, 80, 160][seed % 7];
    const skew = [0.8, 1.5, 3][seed % 3];
    const months = Array.from({ length: 12 }, () =>
      randomMonth(rng, dims, Math.floor(rng() * rng() * scale * 2), skew),
    );
    const ended = months.slice(0, 1 + Math.floor(rng() * 12));
    const truth = trueCounts(2026, ended, dims);
    const hidden = await attackReleases(releaseYear(2026, ended, dims), dims, (u) => (truth.get(countKey(u)) ?? 0) > 0);
    hiddenCounts += hidden.length;
    for (const u of hidden) {
      const n = truth.get(countKey(u)) ?? 0;
      if (n < 11) small++;
      if (u.min === u.max || u.min > n || u.max < n) {
        pinned++;
        console.log(`seed ${seed}: ${countKey(u)} = ${n}, attacker's bounds ${u.min}..${u.max}`);
      }
    }
  }
  console.log(
    `${years} random years (seeds ${from}–${from + years - 1}${dense ? ', dense' : ''}): ${hiddenCounts} withheld non-zero counts (${small} below 11) attacked, ${pinned} pinned, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (pinned > 0) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
