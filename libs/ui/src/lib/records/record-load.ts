import { effect, inject, signal, untracked } from '@angular/core';
import { describeErrorIn } from '../errors/describe-error';
import { I18n } from '../i18n/i18n.service';

/**
 * One record of a detail page, loaded by the route's id: the record (a step sets the one it answers),
 * and the words of the load error. Loads again whenever the id changes; `load` again after a stale
 * version. Made in an injection context (a field of the page, after its `id` input).
 */
export class RecordLoad<T> {
  private readonly i18n = inject(I18n);
  readonly value = signal<T | null>(null);
  readonly error = signal<string | null>(null);

  constructor(
    id: () => string,
    private readonly fetch: (id: string) => Promise<T>,
    private readonly describe: (err: unknown) => string = (e) => describeErrorIn(this.i18n, e).message,
  ) {
    effect(() => {
      const next = id();
      untracked(() => void this.load(next));
    });
  }

  async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.value.set(await this.fetch(id));
    } catch (e) {
      this.error.set(this.describe(e));
    }
  }
}
