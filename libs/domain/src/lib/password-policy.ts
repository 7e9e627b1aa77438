/**
 * Password policy (docs/quality.md "Passwords"; OWASP ASVS 5.0 V6.2): at least 12 characters counted
 * as Unicode code points (so a Lao passphrase counts what the user typed, not UTF-16 units or bytes),
 * at most 256, not a common password, no context words. No composition rules, ever.
 * The password is checked exactly as typed: no trimming, no normalisation.
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** Context words shorter than this are ignored (they would refuse too many good passphrases). */
export const PASSWORD_CONTEXT_MIN_LENGTH = 4;

/** REUSED is the API's: the new password is the one it replaces (a password is changed to a different one). */
export const PASSWORD_PROBLEMS = ['TOO_SHORT', 'TOO_LONG', 'COMMON', 'CONTEXT', 'REUSED'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/**
 * Words always refused inside a password: the application's name, its subject, and the agency
 * codes of at least 4 letters (ASVS 6.2.11: "lao", agency names, "trafficking").
 */
export const APP_CONTEXT_WORDS: readonly string[] = [
  'ctms',
  'counter-trafficking',
  'trafficking',
  'mops',
  'molsw',
  'ospp',
];

/** Length in Unicode code points (a Lao vowel sign or tone mark counts as one). */
export function codePointLength(s: string): number {
  return Array.from(s).length;
}

/**
 * The words a context string contributes: the whole string and each of its parts split on anything
 * that is not a letter, a combining mark or a digit, lower-cased, keeping those of at least
 * PASSWORD_CONTEXT_MIN_LENGTH code points. Lao is not split on anything but such separators.
 */
export function contextTokens(contextWords: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of [...contextWords, ...APP_CONTEXT_WORDS]) {
    if (typeof raw !== 'string') continue;
    const whole = raw.trim().toLowerCase();
    const parts = [whole, ...whole.split(/[^\p{L}\p{M}\p{N}]+/u)];
    for (const p of parts) if (codePointLength(p) >= PASSWORD_CONTEXT_MIN_LENGTH) out.add(p);
  }
  return [...out];
}

/** Is the password on the shipped common-password list (case-insensitive)? */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/**
 * The problems with a candidate password, as codes (empty when acceptable). `contextWords` are the
 * user's username, its parts, display name and the like; app words are added here.
 */
export function checkPassword(password: string, contextWords: readonly string[] = []): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = codePointLength(password);
  if (length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('TOO_LONG');
  if (isCommonPassword(password)) problems.push('COMMON');
  const lower = password.toLowerCase();
  if (contextTokens(contextWords).some((w) => lower.includes(w))) problems.push('CONTEXT');
  return problems;
}
