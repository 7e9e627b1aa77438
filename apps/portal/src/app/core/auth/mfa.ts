/**
 * The pure parts of two-step sign-in (TOTP) in the portal: the shape of a code, the secret as it is
 * shown for typing, the QR code, and what a refusal of the API means for the user.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { MFA_CODE_PATTERN } from '@ctms/domain';
import { fieldProblems, type TranslationKey } from '@ctms/ui';

/** How long the API honours the challenge of a right password (POST /auth/mfa). */
export const MFA_TOKEN_TTL_MS = 5 * 60_000;

/** The code as typed, without the spaces some apps show in the middle ("123 456"). */
export function normalizeCode(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, '');
}

/** Exactly the digits of a code (after `normalizeCode`). */
export function isCodeShaped(raw: string | null | undefined): boolean {
  return MFA_CODE_PATTERN.test(normalizeCode(raw));
}

/** A base32 secret in groups of four for typing into an app: `JBSW Y3DP EHPK 3PXP`. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/[\s=-]+/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** The otpauth URI as a QR code: an SVG image as a data URL (for an <img>, no innerHTML). Null if it cannot be drawn. */
export async function qrCodeDataUrl(otpauthUri: string): Promise<string | null> {
  try {
    // a CommonJS package: the browser bundle exposes it as the default export only
    const mod = await import('qrcode');
    const qr: typeof mod = (mod as unknown as { default?: typeof mod }).default ?? mod;
    const svg = await qr.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  } catch {
    return null;
  }
}

/**
 * What a refused code at sign-in means for the user. A 401 is a wrong, reused or expired code; once
 * the challenge is older than the API keeps it, the code step cannot succeed any more and the user
 * must start again with the password (`restart`).
 */
export function mfaStepError(e: unknown, elapsedMs: number): { key: TranslationKey; restart: boolean } {
  if (e instanceof HttpErrorResponse) {
    if (e.status === 401)
      return elapsedMs >= MFA_TOKEN_TTL_MS
        ? { key: 'login.mfa.expired', restart: true }
        : { key: 'login.mfa.invalid', restart: false };
    if (e.status === 400) return { key: 'login.mfa.codeRequired', restart: false };
    if (e.status === 429) return { key: 'login.tooMany', restart: false };
  }
  return { key: 'login.unavailable', restart: false };
}

type Translate = (key: TranslationKey) => string;

export interface MfaRefusal {
  /** messages by field (`currentPassword`, `code`), in the user's language */
  fields: Record<string, string>;
  /** the message under the form */
  message: string;
  /** the API has no setup in progress (expired or never started): the setup must start again */
  noSetup: boolean;
  /** MFA is on already (e.g. turned on in another tab): the profile should be read again */
  already: boolean;
}

/** What a refusal of POST /me/mfa/setup or /me/mfa/enable means, without echoing anything the API said. */
export function mfaRefusal(err: unknown, t: Translate): MfaRefusal {
  const out: MfaRefusal = { fields: {}, message: t('profile.mfa.failed'), noSetup: false, already: false };
  if (!(err instanceof HttpErrorResponse)) return out;
  const body = (err.error ?? {}) as { code?: unknown; details?: unknown };
  if (err.status === 409 && body.code === 'MFA_ALREADY_ENABLED')
    return { ...out, message: t('profile.mfa.already'), already: true };
  // the pending secret was replaced meanwhile (a setup started in another tab): start again
  if (err.status === 409 && body.code === 'MFA_SETUP_CHANGED')
    return { ...out, message: t('profile.mfa.noSetup'), noSetup: true };
  if (err.status === 429) return { ...out, message: t('login.tooMany') };
  const problems = fieldProblems(err);
  if (problems['currentPassword']) out.fields['currentPassword'] = t('profile.mfa.wrongPassword');
  if (problems['code']?.some((p) => /no setup/i.test(p))) out.noSetup = true;
  else if (problems['code']) out.fields['code'] = t('profile.mfa.wrongCode');
  if (out.noSetup) out.message = t('profile.mfa.noSetup');
  else if (Object.keys(out.fields).length) out.message = t('profile.mfa.fix');
  return out;
}
