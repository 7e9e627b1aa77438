import { authenticator } from 'otplib';
import { MFA_CODE_DIGITS, MFA_CODE_PATTERN, MFA_PERIOD_SECONDS } from '@ctms/domain';
import { tokenKey } from '../platform/auth/token-claims';
import type { FieldBinding } from '../platform/crypto/field-cipher';

/** The name an authenticator app shows next to the code. */
export const MFA_ISSUER = 'Lao CTMS';
/** How long the challenge of a right password stays good for entering a code. */
export const MFA_TOKEN_TTL_SECONDS = 300;

export const MFA_SECRET = (rowId: string): FieldBinding => ({ table: 'app_user', column: 'mfa_secret_enc', rowId });
export const MFA_PENDING_SECRET = (rowId: string): FieldBinding => ({
  table: 'app_user',
  column: 'mfa_pending_secret_enc',
  rowId,
});

/** Claims of the challenge token that login answers when the account has MFA. */
export interface MfaChallengeClaims {
  typ: 'mfa';
  sub: string;
  /** the user's auth_version when the password was checked: a reset in between voids the challenge */
  av: number;
}

/**
 * The key that signs challenge tokens: derived from JWT_SECRET but never equal to it, so a challenge
 * can never pass the access-token check (JwtStrategy), whatever claims it carries.
 */
export function mfaTokenKey(jwtSecret: string): string {
  return tokenKey(jwtSecret, 'mfa');
}

/** RFC 6238 with the parameters every authenticator app accepts; one step of clock drift either way. */
const TOTP = authenticator.clone({ digits: MFA_CODE_DIGITS, step: MFA_PERIOD_SECONDS, window: 1 });

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newMfaSecret(): string {
  return TOTP.generateSecret(20);
}

/** otpauth://totp/… for the authenticator app's QR code. */
export function otpauthUri(username: string, secret: string): string {
  return TOTP.keyuri(username, MFA_ISSUER, secret);
}

/** The code for `secret` at `atMs` (tests and tools; the API only checks codes). */
export function mfaCodeAt(secret: string, atMs: number): string {
  return TOTP.clone({ epoch: atMs }).generate(secret);
}

/**
 * The time step of `code` if it is right now (one step of clock drift either way) and later than
 * `afterStep`, the last step accepted for this account (so each code works once); otherwise null.
 */
export function acceptedStep(
  secret: string,
  code: string,
  afterStep: number | null,
  nowMs = Date.now(),
): number | null {
  if (!MFA_CODE_PATTERN.test(code)) return null;
  const delta = TOTP.clone({ epoch: nowMs }).checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / MFA_PERIOD_SECONDS) + delta;
  return afterStep === null || step > afterStep ? step : null;
}
