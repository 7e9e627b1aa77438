import { Injectable, inject, signal } from '@angular/core';
import { CaseApi } from './case-api';
import type { CaseDetailView } from '@ctms/domain';
import { describeErrorIn, I18n, type Problem, type TranslationKey } from '@ctms/ui';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The case open on the page, shared by its sections (provided by the case page). Every write goes
 * through `write`/`run`: success replaces the case and says so; a 409 STALE_VERSION reloads the
 * case and tells the user their change was not saved; other refusals are put into words.
 */
@Injectable()
export class CaseStore {
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  readonly case = signal<CaseDetailView | null>(null);
  readonly loadError = signal<string | null>(null);
  readonly notice = signal<Notice | null>(null);
  readonly busy = signal(false);
  /** field → message, from the last 400 */
  readonly fieldErrors = signal<Record<string, string>>({});
  /** bumped after every successful write, so that lists (notes, timeline, consents) reload */
  readonly revision = signal(0);
  /** the error code of the last failed write (e.g. STALE_VERSION) */
  readonly lastCode = signal<string | null>(null);
  private id: string | null = null;

  async load(id: string): Promise<void> {
    this.id = id;
    this.loadError.set(null);
    try {
      this.case.set(await this.api.get(id));
    } catch (e) {
      this.case.set(null);
      this.loadError.set(this.problem(e).message);
    }
  }

  async reload(): Promise<void> {
    if (this.id) await this.load(this.id);
  }

  /** A write that answers the case (PATCH, assign, transition, identification, close, reopen). */
  async write(fn: (c: CaseDetailView) => Promise<CaseDetailView>, okKey: TranslationKey): Promise<boolean> {
    const c = this.case();
    if (!c) return false;
    const done = await this.run(() => fn(c), okKey);
    if (done) this.case.set(done);
    return done !== null;
  }

  /** Any other write on the case (a note, a consent). Resolves with the answer, or null on failure. */
  async run<T>(fn: () => Promise<T>, okKey: TranslationKey): Promise<T | null> {
    this.busy.set(true);
    this.notice.set(null);
    this.fieldErrors.set({});
    this.lastCode.set(null);
    try {
      const out = await fn();
      this.notice.set({ kind: 'ok', text: this.i18n.t(okKey) });
      this.revision.update((r) => r + 1);
      return out;
    } catch (e) {
      const p = this.problem(e);
      this.fieldErrors.set(p.fields);
      this.lastCode.set(p.code);
      this.notice.set({ kind: 'error', text: p.message });
      if (p.code === 'STALE_VERSION') await this.reload();
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  problem(e: unknown): Problem {
    return describeErrorIn(this.i18n, e);
  }
}
