import { TestBed } from '@angular/core/testing';
import { CORE_WORDS, DICTIONARIES, en, lo } from './dictionaries';
import { I18n, LANGUAGE_STORAGE_KEY, provideTranslations } from '@ctms/ui';

const LAO_SCRIPT = /[\u0E80-\u0EFF]/;

describe('dictionaries', () => {
  const enKeys = Object.keys(en).sort();
  const loKeys = Object.keys(lo).sort();

  it('have exactly the same keys in Lao and English', () => {
    expect(loKeys).toEqual(enKeys);
  });

  it.each(['lo', 'en'] as const)('have no empty strings in %s', (lang) => {
    for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
      expect(typeof text, key).toBe('string');
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('write Lao in Lao script (only the English language name may stay Latin)', () => {
    for (const [key, text] of Object.entries(lo)) {
      if (key === 'lang.en') continue;
      expect(LAO_SCRIPT.test(text), `${key}: ${text}`).toBe(true);
    }
  });

  it('use the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of enKeys as (keyof typeof en)[]) {
      expect(holes(lo[key]), key).toEqual(holes(en[key]));
    }
  });
});

describe('I18n', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideTranslations(CORE_WORDS)] });
  });

  it('defaults to Lao and sets <html lang>', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.language()).toBe('lo');
    expect(document.documentElement.lang).toBe('lo');
    expect(i18n.t('login.title')).toBe(lo['login.title']);
  });

  it('switches instantly, follows with <html lang> and remembers the choice before sign-in', () => {
    const i18n = TestBed.inject(I18n);
    i18n.use('en');
    expect(i18n.t('login.title')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('starts in the language remembered on this device', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(TestBed.inject(I18n).language()).toBe('en');
  });

  it('ignores a remembered value that is not a language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(TestBed.inject(I18n).language()).toBe('lo');
  });

  it('fills placeholders', () => {
    const i18n = TestBed.inject(I18n);
    i18n.use('en');
    expect(i18n.t('home.greeting', { name: 'Noy' })).toBe('Welcome, Noy');
    i18n.use('lo');
    expect(i18n.t('home.greeting', { name: 'ນ້ອຍ' })).toBe('ສະບາຍດີ, ນ້ອຍ');
  });
});
