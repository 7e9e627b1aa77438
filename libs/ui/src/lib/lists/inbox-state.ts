import { computed, inject, signal, type Signal, type WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { isOneOf, label, type LabelMap } from '@ctms/domain';
import { describeErrorIn } from '../errors/describe-error';
import { I18n } from '../i18n/i18n.service';
import { KeysetList, type KeysetPage } from './keyset-list';
import type { InboxBox } from './inbox-tabs';

/** A status the inbox may be filtered by, with its words. */
export interface InboxStatus {
  code: string;
  text: string;
}

/** What an inbox lists: its boxes (the first when the query names none), its statuses and how to fetch a page. */
export interface InboxOptions<T, S extends string, B extends InboxBox> {
  boxes: readonly B[];
  statuses: readonly S[];
  statusLabels: LabelMap<S>;
  fetch: (box: B, status: S | null, cursor: string | null) => Promise<KeysetPage<T>>;
  /** after each first page (a new box or filter) */
  loaded?: () => void;
}

/**
 * The state of an inbox page, read from the route's query (`?box=&status=`): the box, the status
 * filter, the keyset-paged list that reloads whenever the query changes, the statuses in words.
 * `apply` navigates to the status chosen. Made in an injection context (a field of the page).
 */
export class InboxState<T, S extends string = string, B extends InboxBox = InboxBox> {
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private statusFilter: S | null = null;

  readonly boxes: readonly B[];
  readonly box: WritableSignal<B>;
  /** the status chosen in the filter ('' any), applied with `apply` */
  readonly status = signal('');
  readonly list: KeysetList<T>;
  readonly statusOptions: Signal<InboxStatus[]>;

  constructor(options: InboxOptions<T, S, B>) {
    this.boxes = options.boxes;
    this.box = signal<B>(options.boxes[0]);
    this.list = new KeysetList<T>(
      (cursor) => options.fetch(this.box(), this.statusFilter, cursor),
      (e) => describeErrorIn(this.i18n, e).message,
    );
    this.statusOptions = computed(() =>
      options.statuses.map((code) => ({ code, text: label(options.statusLabels, code, this.i18n.language()) })),
    );
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      const box: unknown = q['box'] ?? null;
      this.box.set(options.boxes.find((b) => b === box) ?? options.boxes[0]);
      this.statusFilter = isOneOf(options.statuses, q['status']) ? q['status'] : null;
      this.status.set(this.statusFilter ?? '');
      void this.list.load(true).then(() => options.loaded?.());
    });
  }

  apply(status: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { box: this.box(), status: status || null } });
  }
}
