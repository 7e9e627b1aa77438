import { inject, signal } from '@angular/core';
import { label, type LabelMap } from '@ctms/domain';
import { describeErrorIn, type Problem } from '../errors/describe-error';
import { I18n, type TranslationKey } from '../i18n/i18n.service';

/** What a page says after a save: done, or the failure in words. */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface ActionStateOptions {
  /** the feature's own refusal codes in words (e.g. USERNAME_TAKEN), beside the shared ones */
  codeLabels?: LabelMap<string>;
  /** puts a failure into words instead of `describeError` (a page with its own field messages) */
  describe?: (e: unknown) => Problem;
  /** after every success, once the notice is set (e.g. lists reload) */
  onDone?: () => void;
  /** after a 409 STALE_VERSION: reload what the page shows; awaited before the action ends */
  onStale?: () => Promise<unknown> | void;
}

/**
 * The one way a page runs a save: `busy` while it runs, then a notice (the success message, or the
 * failure put into words by `describeError`), the per-field messages of a 400, and the refusal code.
 * Loads use `fail` for their errors, so that load and save speak the same way.
 */
export class ActionState {
  readonly busy = signal(false);
  readonly notice = signal<Notice | null>(null);
  /** field → message, from the last 400 */
  readonly fieldErrors = signal<Record<string, string>>({});
  /** the error code of the last failure (e.g. STALE_VERSION) */
  readonly lastCode = signal<string | null>(null);

  constructor(
    private readonly i18n: I18n,
    private readonly options: ActionStateOptions = {},
  ) {}

  /**
   * Runs `fn`; resolves with its answer, or null when it failed. `ok` is the success message: a
   * dictionary key, or a function for words kept elsewhere.
   */
  async run<T>(fn: () => Promise<T>, ok: TranslationKey | (() => string)): Promise<T | null> {
    this.busy.set(true);
    this.clear();
    try {
      const out = await fn();
      this.notice.set({ kind: 'ok', text: typeof ok === 'function' ? ok() : this.i18n.t(ok) });
      this.options.onDone?.();
      return out;
    } catch (e) {
      const p = this.fail(e);
      if (p.code === 'STALE_VERSION') await this.options.onStale?.();
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  /** Shows a failure (of a save or a load): its message, its fields, its code. */
  fail(e: unknown): Problem {
    const p = this.problem(e);
    this.fieldErrors.set(p.fields);
    this.lastCode.set(p.code);
    this.notice.set({ kind: 'error', text: p.message });
    return p;
  }

  /** A failure in words, in the interface's language, without showing it. */
  problem(e: unknown): Problem {
    if (this.options.describe) return this.options.describe(e);
    const labels = this.options.codeLabels;
    const lang = this.i18n.language();
    return describeErrorIn(this.i18n, e, (code) =>
      labels && Object.prototype.hasOwnProperty.call(labels, code) ? label(labels, code, lang) : null,
    );
  }

  /** Forgets the last outcome (a new form opens). */
  clear(): void {
    this.notice.set(null);
    this.fieldErrors.set({});
    this.lastCode.set(null);
  }
}

/** An ActionState for the component or service being created (call it in a field initializer). */
export function actionState(options?: ActionStateOptions): ActionState {
  return new ActionState(inject(I18n), options);
}
