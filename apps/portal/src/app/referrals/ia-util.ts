import { HttpErrorResponse } from '@angular/common/http';
import { DATA_CATEGORIES, type ConsentView, type DataCategory } from '@ctms/domain';
import { emptyConsentDraft, type ConsentDraft } from '../cases/case-consents';

/** Time left until a deadline, in whole hours and minutes; negative when overdue. */
export function slaClock(deadline: string, now: number): { overdue: boolean; h: number; m: number } {
  const ms = new Date(deadline).getTime() - now;
  const abs = Math.abs(ms);
  return { overdue: ms < 0, h: Math.floor(abs / 3_600_000), m: Math.floor((abs % 3_600_000) / 60_000) };
}

/**
 * The categories an active REFERRAL_SHARING consent covers for this agency (what the API's
 * `activeConsentCovering` checks): status ACTIVE, not expired, the agency among its agencies,
 * REFERRAL_SHARING among its purposes.
 */
export function coveredCategories(
  consents: readonly ConsentView[],
  agencyId: string | null,
  purpose = 'REFERRAL_SHARING',
): Set<DataCategory> {
  const out = new Set<DataCategory>();
  if (!agencyId) return out;
  for (const c of consents) {
    if (c.status !== 'ACTIVE' || c.expired) continue;
    if (!c.agencies.some((a) => a.id === agencyId)) continue;
    if (!(c.purposes as readonly string[]).includes(purpose)) continue;
    for (const k of c.categories) out.add(k);
  }
  return out;
}

/**
 * The consent a referral form records inline when the chosen agency is not covered (issue 17): a
 * REFERRAL_SHARING consent for that one agency and purpose, for the categories the person agrees to
 * (the case summary always among them, since every referral carries it).
 */
export function referralConsentDraft(
  agencyId: string,
  categories: readonly DataCategory[],
  givenBy: string,
  form: string,
  grantedAt: string,
): ConsentDraft {
  const cats = categories.includes('CASE_SUMMARY') ? [...categories] : ['CASE_SUMMARY' as DataCategory, ...categories];
  return {
    ...emptyConsentDraft(grantedAt),
    type: 'REFERRAL_SHARING',
    agencyIds: [agencyId],
    purposes: ['REFERRAL_SHARING'],
    categories: DATA_CATEGORIES.filter((k) => cats.includes(k)),
    givenBy: givenBy as ConsentDraft['givenBy'],
    form: form as ConsentDraft['form'],
  };
}

/** The categories a 409 CONSENT_NOT_COVERING names in its details. */
export function missingCategories(err: unknown): DataCategory[] {
  if (!(err instanceof HttpErrorResponse)) return [];
  const body = (err.error ?? {}) as { code?: unknown; details?: unknown };
  if (body.code !== 'CONSENT_NOT_COVERING' || !Array.isArray(body.details)) return [];
  const text = JSON.stringify(body.details);
  return DATA_CATEGORIES.filter((k) => new RegExp(`\\b${k}\\b`).test(text));
}

/** "2026-03-01, 2026-03-05" → ['2026-03-01', '2026-03-05'] (blank pieces dropped). */
export function splitDates(s: string): string[] {
  return s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}
