import { Injectable, inject, signal } from '@angular/core';
import { CaseApi } from './case-api';
import type { CaseDetailView } from '@ctms/domain';
import { actionState, type Problem, type TranslationKey } from '@ctms/ui';

/**
 * The case open on the page, shared by its sections (provided by the case page). Every write goes
 * through `write`/`run` (libs/ui's ActionState): success replaces the case and says so; a 409
 * STALE_VERSION reloads the case and tells the user their change was not saved; other refusals are
 * put into words.
 */
@Injectable()
export class CaseStore {
  private readonly api = inject(CaseApi);
  private readonly act = actionState({
    onDone: () => this.revision.update((r) => r + 1),
    onStale: () => this.reload(),
  });

  readonly case = signal<CaseDetailView | null>(null);
  readonly loadError = signal<string | null>(null);
  readonly notice = this.act.notice;
  readonly busy = this.act.busy;
  /** field → message, from the last 400 */
  readonly fieldErrors = this.act.fieldErrors;
  /** bumped after every successful write, so that lists (notes, timeline, consents) reload */
  readonly revision = signal(0);
  /** a province transfer another section prepared (a return's handover province): the transfer dialog opens with it */
  readonly transferPrefill = signal<{ toAgencyId: string; toProvinceCode: string } | null>(null);
  /** the error code of the last failed write (e.g. STALE_VERSION) */
  readonly lastCode = this.act.lastCode;
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
  run<T>(fn: () => Promise<T>, okKey: TranslationKey): Promise<T | null> {
    return this.act.run(fn, okKey);
  }

  problem(e: unknown): Problem {
    return this.act.problem(e);
  }
}
