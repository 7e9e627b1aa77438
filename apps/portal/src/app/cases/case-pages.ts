import { signal } from '@angular/core';
import type { Page } from '@ctms/domain';
import type { CaseStore } from './case-store';

/**
 * One keyset-paged list of a case section (notes, timeline, consents, access log, files): the
 * items so far, the next cursor, loading and the error in words. `load(true)` starts again from
 * the first page, `load(false)` appends the next one.
 */
export class CasePages<T> {
  readonly items = signal<T[]>([]);
  readonly cursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  constructor(
    private readonly store: CaseStore,
    private readonly fetch: (caseId: string, cursor: string | null) => Promise<Page<T>>,
  ) {}

  async load(reset: boolean): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetch(id, reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (e) {
      this.error.set(this.store.problem(e).message);
    } finally {
      this.loading.set(false);
    }
  }
}
