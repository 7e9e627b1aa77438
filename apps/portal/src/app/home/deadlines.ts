import type { ReferralClock } from '@ctms/domain';

/**
 * The SLA clock of the dashboard, from what the list routes return: a PENDING referral is due by
 * `acknowledgeBy`, an ACCEPTED one by `servicesDueBy`, a SUBMITTED handoff by `receiveBy`, both counted from `createdAt`. "Near" is the
 * API's reminder point (apps/api/src/sla/sla.service.ts: SLA_REMINDER_PERCENT, 25 by default): a
 * quarter or less of the period left.
 */
export const REMINDER_SHARE = 0.25;

export type DeadlineState = 'OVERDUE' | 'NEAR' | 'ON_TIME';
export type DeadlineKind = 'REFERRAL_IN' | 'REFERRAL_OUT' | 'HANDOFF_IN' | 'HANDOFF_OUT';

export interface DeadlineItem {
  kind: DeadlineKind;
  id: string;
  caseNumber: string;
  /** the route of the item's page, e.g. ['/referrals', id] */
  link: readonly string[];
  startedAt: string;
  dueAt: string;
  /** a referral's clock: acknowledgement (PENDING) or services (ACCEPTED) */
  referralClock?: ReferralClock;
}

export interface Clock {
  state: DeadlineState;
  /** whole hours and minutes to the deadline (or past it when OVERDUE) */
  h: number;
  m: number;
}

/** Where a deadline stands at `now` (ms). An unreadable date counts as on time, never as overdue. */
export function clockOf(startedAt: string, dueAt: string, now: number): Clock {
  const due = Date.parse(dueAt);
  const start = Date.parse(startedAt);
  if (Number.isNaN(due)) return { state: 'ON_TIME', h: 0, m: 0 };
  const left = due - now;
  const abs = Math.abs(left);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  if (left <= 0) return { state: 'OVERDUE', h, m };
  const period = Number.isNaN(start) ? 0 : due - start;
  const near = period > 0 ? left <= period * REMINDER_SHARE : false;
  return { state: near ? 'NEAR' : 'ON_TIME', h, m };
}

/** The items whose deadline is near or past, the most urgent first (earliest deadline). */
export function dueSoon(items: readonly DeadlineItem[], now: number): (DeadlineItem & { clock: Clock })[] {
  const seen = new Set<string>();
  return items
    .filter((i) => (seen.has(i.kind + i.id) ? false : (seen.add(i.kind + i.id), true)))
    .map((i) => ({ ...i, clock: clockOf(i.startedAt, i.dueAt, now) }))
    .filter((i) => i.clock.state !== 'ON_TIME')
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
