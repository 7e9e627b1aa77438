import { HttpErrorResponse } from '@angular/common/http';
import { label, WORKFLOW_REFUSAL_LABELS, type Language } from '@ctms/domain';
import type { I18n, TranslationKey } from '../i18n/i18n.service';

/** What went wrong with an API call, for the user: one message, and per-field problems for 400s. */
export interface Problem {
  status: number;
  code: string | null;
  message: string;
  fields: Record<string, string>;
}

type Translate = (key: TranslationKey, params?: Readonly<Record<string, string | number>>) => string;

interface ErrorBody {
  code?: unknown;
  details?: unknown;
}

/** The problem codes a 400 names per field (`details: [{field, problems}]`); empty for any other answer. */
export function fieldProblems(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(err instanceof HttpErrorResponse) || err.status !== 400) return out;
  const details = ((err.error ?? {}) as ErrorBody).details;
  if (!Array.isArray(details)) return out;
  for (const d of details as { field?: unknown; problems?: unknown }[]) {
    if (typeof d?.field !== 'string') continue;
    out[d.field] = Array.isArray(d.problems) ? d.problems.filter((p): p is string => typeof p === 'string') : [];
  }
  return out;
}

/**
 * Turns an HttpErrorResponse into words. `codeLabel` may translate feature-specific 409 codes;
 * the shared workflow refusals are labelled from `@ctms/domain`.
 */
export function describeError(
  err: unknown,
  t: Translate,
  lang: Language,
  codeLabel?: (code: string) => string | null,
): Problem {
  if (!(err instanceof HttpErrorResponse))
    return { status: -1, code: null, message: t('cases.err.failed'), fields: {} };
  const body = (err.error ?? {}) as ErrorBody;
  const code = typeof body.code === 'string' ? body.code : null;
  const fields: Record<string, string> = {};
  for (const field of Object.keys(fieldProblems(err))) fields[field] = t('cases.err.field');
  let message: string;
  if (err.status === 0) message = t('cases.err.unavailable');
  else if (code === 'STALE_VERSION') message = t('cases.err.stale');
  else if (code && codeLabel?.(code)) message = codeLabel(code) ?? code;
  else if (code && Object.prototype.hasOwnProperty.call(WORKFLOW_REFUSAL_LABELS, code))
    message = label(WORKFLOW_REFUSAL_LABELS, code, lang);
  else if (err.status === 400) message = t('cases.err.invalid');
  else if (err.status === 403) message = t('cases.err.forbidden');
  else if (err.status === 404) message = t('cases.err.notFound');
  else if (err.status === 409) message = t('cases.err.conflict', { code: code ?? '' });
  else message = t('cases.err.failed');
  return { status: err.status, code, message, fields };
}

/** `describeError` in the interface's language: what a page shows for a failed call. */
export function describeErrorIn(i18n: I18n, err: unknown, codeLabel?: (code: string) => string | null): Problem {
  return describeError(err, (key, params) => i18n.t(key, params), i18n.language(), codeLabel);
}
