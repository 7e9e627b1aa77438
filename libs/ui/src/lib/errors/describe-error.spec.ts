import { HttpErrorResponse } from '@angular/common/http';
import { formatDate, formatDateTime, laoLocalToIso, laoToday, nowLocalInLaos } from '../dates/lao-dates';
import { toggle } from '../forms/form-values';
import { uiEn as en, uiLo } from '../i18n/ui-words';
import { describeError } from './describe-error';

const t = (key: keyof typeof en, params?: Readonly<Record<string, string | number>>) =>
  Object.entries(params ?? {}).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), en[key]);

describe('dates, errors and form values', () => {
  it('writes dates in Lao and English, in Lao time', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
    expect(formatDate('2026-03-01', 'lo')).toBe('1 ມີນາ 2026');
    expect(formatDateTime('2026-03-01T20:05:00Z', 'lo')).toBe('2 ມີນາ 2026, 03:05');
    expect(formatDateTime('2026-03-01T20:05:00Z', 'en')).toBe('2 Mar 2026, 03:05');
    // 20:00 UTC is already the next day in Vientiane
    expect(formatDate('2026-03-01T20:00:00Z', 'en')).toBe('2 March 2026');
    expect(laoToday(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(nowLocalInLaos(new Date('2026-03-01T20:05:00Z'))).toBe('2026-03-02T03:05');
    expect(laoLocalToIso('2026-03-02T03:05')).toBe('2026-03-02T03:05:00+07:00');
    expect(laoLocalToIso('yesterday')).toBeNull();
  });

  it('puts API refusals into words and names the bad fields', () => {
    const stale = new HttpErrorResponse({ status: 409, error: { code: 'STALE_VERSION' } });
    expect(describeError(stale, t, 'en')).toMatchObject({ code: 'STALE_VERSION', message: en['cases.err.stale'] });
    const editor = new HttpErrorResponse({ status: 409, error: { code: 'NOT_CASE_EDITOR' } });
    expect(describeError(editor, t, 'en').message).toBe(
      'Only the assigned caseworker or a supervisor may change this case',
    );
    const bad = new HttpErrorResponse({ status: 400, error: { details: [{ field: 'grantedAt', problems: ['x'] }] } });
    expect(describeError(bad, t, 'en')).toMatchObject({
      message: en['cases.err.invalid'],
      fields: { grantedAt: en['cases.err.field'] },
    });
    const taken = new HttpErrorResponse({ status: 409, error: { code: 'USERNAME_TAKEN' } });
    expect(describeError(taken, t, 'en', (c) => (c === 'USERNAME_TAKEN' ? 'taken' : null)).message).toBe('taken');
    expect(describeError(new HttpErrorResponse({ status: 0 }), t, 'en').message).toBe(en['cases.err.unavailable']);
  });

  it('toggles checkbox values', () => {
    expect(toggle(['A'], 'B', true)).toEqual(['A', 'B']);
    expect(toggle(['A', 'B'], 'A', false)).toEqual(['B']);
  });
});

describe("libs/ui's own words", () => {
  it('have the same keys in Lao and English, Lao in Lao script', () => {
    expect(Object.keys(uiLo).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(uiLo)) expect(/[\u0E80-\u0EFF]/.test(text), key).toBe(true);
  });
});
