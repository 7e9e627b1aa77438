import type { ApiFailure } from './screenings.api';
import type { TranslationKey } from '@ctms/ui';

/** 409 codes the API sends for screenings; each has its message in the dictionary (scr.err.<CODE>). */
export const SCREENING_CONFLICT_CODES = [
  'STALE_VERSION',
  'NOT_INTERVIEWER',
  'ACTION_NOT_ALLOWED_IN_STATE',
  'INTERVIEW_CONSENT_INCOMPLETE',
  'CHILD_CONSENT_GIVER_REQUIRED',
  'BIO_DATA_REQUIRED',
  'INTERVIEWER_ASSESSMENT_REQUIRED',
  'OWN_SCREENING',
  'ROLE_NOT_ALLOWED',
] as const;

export function failureMessageKey(f: ApiFailure): TranslationKey {
  if (f.status === 0) return 'scr.err.offline';
  if (f.status === 400) return 'scr.err.invalid';
  if (f.status === 404) return 'scr.err.notFound';
  if (f.code && (SCREENING_CONFLICT_CODES as readonly string[]).includes(f.code))
    return `scr.err.${f.code}` as TranslationKey;
  return 'scr.err.generic';
}
