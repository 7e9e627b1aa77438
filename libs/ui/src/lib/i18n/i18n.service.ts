import { DOCUMENT } from '@angular/common';
import { type EnvironmentProviders, Injectable, inject, provideEnvironmentInitializer, signal } from '@angular/core';
import { isOneOf, LANGUAGES, type Language } from '@ctms/domain';
import { uiEn, UI_WORDS } from './ui-words';

/** Where the choice made before signing in is remembered (a language code, nothing personal). */
export const LANGUAGE_STORAGE_KEY = 'ctms.language';
export const DEFAULT_LANGUAGE: Language = 'lo';

/**
 * Every translation key of the portal. Each chunk of words adds its keys to this interface where it
 * is declared (`declare module '@ctms/ui' { interface TranslationKeys extends Record<keyof typeof
 * homeEn, true> {} }`), so a template that names a key no chunk has fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- merged with every chunk's keys
export interface TranslationKeys extends Record<keyof typeof uiEn, true> {}
export type TranslationKey = Extract<keyof TranslationKeys, string>;

/** One chunk of words: the same keys in English and Lao. */
export interface Translations {
  readonly en: Readonly<Record<string, string>>;
  readonly lo: Readonly<Record<string, string>>;
}

/**
 * The one translation service: `t(key)` reads the current language signal, so templates and
 * computed signals that use it update the moment the language changes, and the registered words,
 * so a page whose chunk of words arrives with its lazy route shows them once registered.
 * `<html lang>` always follows the current language.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.initialLanguage());
  private readonly words = signal<{ en: Record<string, string>; lo: Record<string, string> }>({
    en: { ...UI_WORDS.en },
    lo: { ...UI_WORDS.lo },
  });
  private readonly chunks = new Set<Translations>();

  readonly language = this.current.asReadonly();

  constructor() {
    this.applyToDocument(this.current());
  }

  /** Adds a chunk of words (once; a chunk registered again is ignored). */
  register(chunk: Translations): void {
    if (this.chunks.has(chunk)) return;
    this.chunks.add(chunk);
    this.words.update((w) => ({ en: { ...w.en, ...chunk.en }, lo: { ...w.lo, ...chunk.lo } }));
    this.applyToDocument(this.current());
  }

  /** The translation of `key` in the current language; `{name}` placeholders are filled from `params`. */
  t(key: TranslationKey, params?: Readonly<Record<string, string | number>>): string {
    const text = this.words()[this.current()][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  }

  /** Pick whichever of two values belongs to the current language (e.g. `nameLo` / `nameEn`). */
  pick<T>(lo: T, en: T): T {
    return this.current() === 'lo' ? lo : en;
  }

  /** Switches the UI language at once. `remember` keeps it on this device for the next visit before sign-in. */
  use(lang: Language, remember = true): void {
    if (!isOneOf(LANGUAGES, lang)) return;
    this.current.set(lang);
    this.applyToDocument(lang);
    if (remember) {
      try {
        localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
      } catch {
        /* storage may be unavailable (private mode): the choice still applies to this page */
      }
    }
  }

  private initialLanguage(): Language {
    try {
      const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
      if (isOneOf(LANGUAGES, saved)) return saved;
    } catch {
      /* no storage: default */
    }
    return DEFAULT_LANGUAGE;
  }

  private applyToDocument(lang: Language): void {
    this.document.documentElement.lang = lang;
    const title = this.words()[lang]['app.title'];
    if (title) this.document.title = title;
  }
}

/**
 * Registers chunks of words when an injector is created: in the app's providers for the words of
 * every page, in a lazy route's `providers` for the words that arrive with that route's chunk.
 */
export function provideTranslations(...chunks: Translations[]): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const i18n = inject(I18n);
    for (const chunk of chunks) i18n.register(chunk);
  });
}
