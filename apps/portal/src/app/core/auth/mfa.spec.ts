import { HttpErrorResponse } from '@angular/common/http';
import {
  groupSecret,
  isCodeShaped,
  MFA_TOKEN_TTL_MS,
  mfaRefusal,
  mfaStepError,
  normalizeCode,
  qrCodeDataUrl,
} from './mfa';

const t = (k: string) => `[${k}]`;
const refused = (status: number, body: object = {}) =>
  new HttpErrorResponse({ status, error: { statusCode: status, error: 'x', message: 'x', ...body } });

describe('MFA codes and secrets', () => {
  it('accepts exactly six digits, ignoring the spaces apps show', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(isCodeShaped('123456')).toBe(true);
    expect(isCodeShaped('123 456')).toBe(true);
    expect(isCodeShaped('12345')).toBe(false);
    expect(isCodeShaped('1234567')).toBe(false);
    expect(isCodeShaped('12a456')).toBe(false);
    expect(isCodeShaped('')).toBe(false);
    expect(isCodeShaped(null)).toBe(false);
  });

  it('shows the secret in groups of four, upper case, without padding', () => {
    expect(groupSecret('jbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEHPK3PXPAB==')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('JBSW Y3DP')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
    // typed back without the spaces, it is the secret again
    expect(groupSecret('JBSWY3DPEHPK3PXP').replace(/ /g, '')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('draws the otpauth URI as an SVG data URL for an <img>', async () => {
    const url = await qrCodeDataUrl('otpauth://totp/CTMS:lwu.caseworker?secret=JBSWY3DPEHPK3PXP&issuer=CTMS');
    expect(url).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(decodeURIComponent(url ?? '')).toContain('<svg');
  });
});

describe('a refused code at sign-in', () => {
  it('keeps the code step for a wrong or reused code, restarts once the challenge has expired', () => {
    expect(mfaStepError(refused(401), 10_000)).toEqual({ key: 'login.mfa.invalid', restart: false });
    expect(mfaStepError(refused(401), MFA_TOKEN_TTL_MS + 1)).toEqual({ key: 'login.mfa.expired', restart: true });
  });

  it('names a malformed code, throttling and an unreachable server', () => {
    expect(mfaStepError(refused(400, { details: [{ field: 'code', problems: ['must be 6 digits'] }] }), 0).key).toBe(
      'login.mfa.codeRequired',
    );
    expect(mfaStepError(refused(429), 0).key).toBe('login.tooMany');
    expect(mfaStepError(new HttpErrorResponse({ status: 0 }), 0).key).toBe('login.unavailable');
    expect(mfaStepError(new Error('boom'), 0).key).toBe('login.unavailable');
  });
});

describe('a refused MFA setup', () => {
  it('says plainly that the password is wrong, at its field', () => {
    const r = mfaRefusal(refused(400, { details: [{ field: 'currentPassword', problems: ['does not match'] }] }), t);
    expect(r).toEqual({
      fields: { currentPassword: '[profile.mfa.wrongPassword]' },
      message: '[profile.mfa.fix]',
      noSetup: false,
      already: false,
    });
  });

  it('tells a wrong code from a setup that is gone', () => {
    expect(
      mfaRefusal(refused(400, { details: [{ field: 'code', problems: ['is not the current code'] }] }), t),
    ).toMatchObject({
      fields: { code: '[profile.mfa.wrongCode]' },
      noSetup: false,
    });
    expect(mfaRefusal(refused(400, { details: [{ field: 'code', problems: ['no setup in progress'] }] }), t)).toEqual({
      fields: {},
      message: '[profile.mfa.noSetup]',
      noSetup: true,
      already: false,
    });
  });

  it('knows MFA is already on, and falls back to a general message otherwise', () => {
    expect(mfaRefusal(refused(409, { code: 'MFA_ALREADY_ENABLED' }), t)).toMatchObject({
      already: true,
      message: '[profile.mfa.already]',
    });
    expect(mfaRefusal(refused(409, { code: 'MFA_SETUP_CHANGED' }), t)).toMatchObject({
      noSetup: true,
      message: '[profile.mfa.noSetup]',
    });
    expect(mfaRefusal(refused(409, { code: 'SOMETHING_ELSE' }), t)).toMatchObject({
      already: false,
      message: '[profile.mfa.failed]',
    });
    expect(mfaRefusal(refused(429), t).message).toBe('[login.tooMany]');
    expect(mfaRefusal(refused(500), t)).toEqual({
      fields: {},
      message: '[profile.mfa.failed]',
      noSetup: false,
      already: false,
    });
    expect(mfaRefusal(new Error('offline'), t).message).toBe('[profile.mfa.failed]');
    expect(mfaRefusal(refused(400, { details: [{ field: 'other', problems: ['x'] }] }), t)).toMatchObject({
      fields: {},
      message: '[profile.mfa.failed]',
    });
  });
});
