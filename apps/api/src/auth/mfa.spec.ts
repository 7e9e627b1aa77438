import { acceptedStep, mfaCodeAt, mfaTokenKey, newMfaSecret, otpauthUri } from './mfa';

const T0 = Date.UTC(2026, 10, 29, 6, 0, 15); // 15 s into a 30-second step
const at = (secret: string, ms: number) => mfaCodeAt(secret, ms);
const stepOf = (ms: number) => Math.floor(ms / 1000 / 30);

describe('TOTP codes', () => {
  const secret = newMfaSecret();

  it('accepts the current code, and one step of clock drift either way, never further', () => {
    expect(acceptedStep(secret, at(secret, T0), null, T0)).toBe(stepOf(T0));
    expect(acceptedStep(secret, at(secret, T0 - 30_000), null, T0)).toBe(stepOf(T0) - 1);
    expect(acceptedStep(secret, at(secret, T0 + 30_000), null, T0)).toBe(stepOf(T0) + 1);
    expect(acceptedStep(secret, at(secret, T0 - 90_000), null, T0)).toBeNull();
    expect(acceptedStep(secret, at(secret, T0 + 90_000), null, T0)).toBeNull();
  });

  it('accepts a code once: not again, nor an older one, after its step was used', () => {
    const code = at(secret, T0);
    const step = acceptedStep(secret, code, null, T0);
    expect(step).not.toBeNull();
    expect(acceptedStep(secret, code, step, T0 + 5_000)).toBeNull();
    expect(acceptedStep(secret, at(secret, T0 - 30_000), step, T0)).toBeNull();
    expect(acceptedStep(secret, at(secret, T0 + 30_000), step, T0 + 30_000)).toBe((step ?? 0) + 1);
  });

  it('refuses anything but six digits, and a code of another secret', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456', '12 456'])
      expect(acceptedStep(secret, bad, null, T0)).toBeNull();
    expect(acceptedStep(newMfaSecret(), at(secret, T0), null, T0)).toBeNull();
  });

  it('makes 160-bit secrets, an otpauth URI for the app, and a challenge key that is not the access-token key', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newMfaSecret()).not.toBe(secret);
    const uri = new URL(otpauthUri('atd.caseworker', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Lao CTMS');
    expect(mfaTokenKey('s'.repeat(40))).not.toBe('s'.repeat(40));
    expect(mfaTokenKey('s'.repeat(40))).toBe(mfaTokenKey('s'.repeat(40)));
  });
});
