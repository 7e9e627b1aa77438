import { DOCUMENT } from '@angular/common';
import { Injectable, computed, inject, signal } from '@angular/core';
import { isOneOf, LANGUAGES, type Language } from '@ctms/domain';
import { DICTIONARIES, type Dictionary, type TranslationKey } from './dictionaries';

/** Where the choice made before signing in is remembered (a language code, nothing personal). */
export const LANGUAGE_STORAGE_KEY = 'ctms.language';
export const DEFAULT_LANGUAGE: Language = 'lo';

/**
 * A small signal-based translation service: `t(key)` reads the current language signal, so
 * templates and computed signals that use it update the moment the language changes.
 * `<html lang>` always follows the current language.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.initialLanguage());

  readonly language = this.current.asReadonly();
  readonly dictionary = computed<Dictionary>(() => DICTIONARIES[this.current()]);

  constructor() {
    this.applyToDocument(this.current());
  }

  /** The translation of `key` in the current language; `{name}` placeholders are filled from `params`. */
  t(key: TranslationKey, params?: Readonly<Record<string, string | number>>): string {
    const text = this.dictionary()[key] ?? key;
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
    this.document.title = DICTIONARIES[lang]['app.title'];
  }
}
