/**
 * Per-account login throttling, as a pure rule so it can be tested at its edges.
 * - the first 5 failures in the trailing hour cost nothing;
 * - after that each attempt must wait 2^(n-5) seconds after the last failure, capped at 60 s;
 * - at 100 failures in the trailing hour no further attempt is taken until the oldest ages out.
 * Nothing locks an account permanently: time always reopens it.
 */
export const FREE_FAILURES = 5;
export const MAX_FAILURES_PER_HOUR = 100;
export const MAX_DELAY_SECONDS = 60;

export function requiredWaitSeconds(
  failuresInLastHour: number,
  lastFailureAt: Date | null,
  oldestFailureAt: Date | null,
  now: Date,
): number {
  if (failuresInLastHour >= MAX_FAILURES_PER_HOUR && oldestFailureAt) {
    return Math.max(1, Math.ceil((oldestFailureAt.getTime() + 3600_000 - now.getTime()) / 1000));
  }
  if (failuresInLastHour < FREE_FAILURES || !lastFailureAt) return 0;
  const delay = Math.min(2 ** (failuresInLastHour - FREE_FAILURES), MAX_DELAY_SECONDS);
  const elapsed = (now.getTime() - lastFailureAt.getTime()) / 1000;
  return elapsed >= delay ? 0 : Math.ceil(delay - elapsed);
}
