import { COMMON_PASSWORDS } from './common-passwords';
import {
  checkPassword,
  codePointLength,
  contextTokens,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
} from './password-policy';

describe('password policy', () => {
  it('ships a common-password list of at least 10,000 lower-case entries', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(10_000);
    const bad = [...COMMON_PASSWORDS].filter((p) => p !== p.toLowerCase() || p.length === 0);
    expect(bad).toEqual([]);
    expect(COMMON_PASSWORDS.has('password')).toBe(true);
  });

  it('refuses 11 characters and accepts 12', () => {
    expect(checkPassword('gvzk-mqtr-w8')).toEqual([]);
    expect(codePointLength('gvzk-mqtr-w8')).toBe(12);
    expect(checkPassword('gvzk-mqtr-w')).toEqual(['TOO_SHORT']);
  });

  it('counts Lao characters as code points, not UTF-16 units or bytes', () => {
    // 11 code points of Lao (each is one UTF-16 unit and three UTF-8 bytes): too short.
    const eleven = 'ສະບາຍດີເດີ້';
    expect(codePointLength(eleven)).toBe(11);
    expect(new TextEncoder().encode(eleven).length).toBe(33);
    expect(checkPassword(eleven)).toEqual(['TOO_SHORT']);
    // 12 code points, including vowel signs and tone marks: long enough.
    const twelve = 'ຂອບໃຈຫຼາຍເດີ';
    expect(codePointLength(twelve)).toBe(12);
    expect(checkPassword(twelve)).toEqual([]);
  });

  it('counts astral characters once', () => {
    const emoji = '🐘🐘🐘🐘🐘🐘🐘🐘🐘🐘🐘'; // 11 code points, 22 UTF-16 units
    expect(emoji.length).toBe(22);
    expect(checkPassword(emoji)).toEqual(['TOO_SHORT']);
    expect(checkPassword(emoji + '🐘')).toEqual([]);
  });

  it('accepts 256 code points and refuses 257', () => {
    expect(checkPassword('a'.repeat(PASSWORD_MAX_LENGTH - 1) + 'z')).toEqual([]);
    expect(checkPassword('ກ'.repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(['TOO_LONG']);
  });

  it('refuses a common password, whatever its case', () => {
    const common = [...COMMON_PASSWORDS].find((p) => codePointLength(p) >= 12);
    expect(common).toBeDefined();
    if (!common) return;
    expect(checkPassword(common)).toEqual(['COMMON']);
    expect(checkPassword(common.toUpperCase())).toEqual(['COMMON']);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(checkPassword('password')).toEqual(['TOO_SHORT', 'COMMON']);
  });

  it('refuses a context word, case-insensitively', () => {
    const ctx = ['atd.supervisor', 'atd', 'supervisor', 'Khamphone Phommachak'];
    expect(checkPassword('my Supervisor is kind', ctx)).toEqual(['CONTEXT']);
    expect(checkPassword('xx phommachak rocks!', ctx)).toEqual(['CONTEXT']);
    expect(checkPassword('ATD.SUPERVISOR-2026', ctx)).toEqual(['CONTEXT']);
  });

  it('refuses a Lao display name inside the password', () => {
    expect(checkPassword('ຄຳພອນ-2026-ປີໃໝ່', ['ຄຳພອນ ພົມມະຈັກ'])).toEqual(['CONTEXT']);
  });

  it('ignores context words shorter than 4 characters', () => {
    expect(checkPassword('the atd and lwu teams', ['atd', 'lwu', 'ab'])).toEqual([]);
  });

  it('always refuses the application words', () => {
    expect(checkPassword('i love my ctms account')).toEqual(['CONTEXT']);
    expect(checkPassword('stop trafficking now!')).toEqual(['CONTEXT']);
    expect(contextTokens([])).toEqual(expect.arrayContaining(['ctms', 'trafficking', 'counter']));
  });

  it('splits context strings on separators, not inside Lao words', () => {
    expect(contextTokens(['john.smith-jr'])).toEqual(expect.arrayContaining(['john.smith-jr', 'john', 'smith']));
    expect(contextTokens(['ສົມພອນ ວົງສະຫວັນ'])).toEqual(expect.arrayContaining(['ສົມພອນ', 'ວົງສະຫວັນ']));
  });

  it('accepts a long passphrase', () => {
    expect(checkPassword('correct horse battery staple on the mekong', ['atd.caseworker', 'ສົມພອນ ວົງສະຫວັນ'])).toEqual(
      [],
    );
  });

  it('reports every problem at once', () => {
    expect(checkPassword('ctms', ['ctms'])).toEqual(['TOO_SHORT', 'CONTEXT']);
  });

  it('imposes no composition rule', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual([]);
    expect(checkPassword('123498765432123498765')).toEqual([]);
  });
});
