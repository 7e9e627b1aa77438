import type { Page } from '@ctms/domain';
import { KeysetList } from '@ctms/ui';
import type { CaseStore } from './case-store';

/**
 * One keyset-paged list of a case section (notes, timeline, consents, access log, files): the
 * shared `KeysetList` of the open case, whose errors the case store words. Nothing loads while no
 * case is open; a failed reload leaves the rows shown.
 */
export class CasePages<T> extends KeysetList<T> {
  constructor(
    private readonly store: CaseStore,
    fetch: (caseId: string, cursor: string | null) => Promise<Page<T>>,
  ) {
    super(
      (cursor) => fetch(store.case()?.id ?? '', cursor),
      (e) => store.problem(e).message,
      { keepOnError: true },
    );
  }

  override async load(reset: boolean): Promise<void> {
    if (!this.store.case()?.id) return;
    await super.load(reset);
  }
}
