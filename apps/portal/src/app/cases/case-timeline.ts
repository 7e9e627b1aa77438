import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  CLOSURE_REASON_LABELS,
  label,
  type CaseEventView,
  type Language,
} from '@ctms/domain';
import { TIMELINE_EVENT_LABELS } from '../core/i18n/dict-cases';
import { CaseApi } from './case-api';
import { CasePages } from './case-pages';
import { CaseStore } from './case-store';
import { formatDateTime, I18n, personName, TranslatePipe } from '@ctms/ui';

/** A short, translated line for an event's coded details (no free text, no names). */
export function eventDetail(e: CaseEventView, lang: Language): string {
  const d = e.details ?? {};
  const str = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  switch (e.kind) {
    case 'STATUS_CHANGED': {
      const from = str('from');
      const to = str('to');
      return from && to
        ? `${label(CASE_STATUS_LABELS, from, lang)} → ${label(CASE_STATUS_LABELS, to, lang)}`
        : str('action')
          ? label(CASE_ACTION_LABELS, str('action') ?? '', lang)
          : '';
    }
    case 'CASE_CLOSED':
      return str('closureReason') ? label(CLOSURE_REASON_LABELS, str('closureReason') ?? '', lang) : '';
    case 'CASE_UPDATED':
      return Array.isArray(d['fields'])
        ? (d['fields'] as unknown[]).filter((f) => typeof f === 'string').join(', ')
        : '';
    default:
      return '';
  }
}

/** Everything that happened to the case, oldest first. */
@Component({
  selector: 'app-case-timeline',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <div class="tab-body" data-testid="case-timeline">
      <h2 class="sub">{{ 'cases.timeline.title' | t }}</h2>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      <ol class="items">
        @for (e of rows(); track e.id) {
          <li data-testid="timeline-event">
            <div class="meta">{{ e.when }} · {{ e.actor ?? ('cases.timeline.system' | t) }}</div>
            <div>
              <strong>{{ e.kindLabel }}</strong>
              @if (e.detail) {
                — {{ e.detail }}
              }
            </div>
          </li>
        } @empty {
          @if (!loading()) {
            <li>{{ 'cases.timeline.empty' | t }}</li>
          }
        }
      </ol>
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="load(false)">{{ 'cases.loadMore' | t }}</button>
      }
    </div>
  `,
})
export class CaseTimeline {
  private readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  private readonly pages = new CasePages<CaseEventView>(this.store, (id, cursor) => this.api.timeline(id, cursor));
  protected readonly events = this.pages.items;
  protected readonly cursor = this.pages.cursor;
  protected readonly loading = this.pages.loading;
  protected readonly error = this.pages.error;

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.events().map((e) => ({
      id: e.id,
      when: formatDateTime(e.at, lang),
      actor: e.actor ? personName(e.actor) : null,
      kindLabel: label(TIMELINE_EVENT_LABELS, e.kind, lang),
      detail: eventDetail(e, lang),
    }));
  });

  constructor() {
    effect(() => {
      // reload after every write on the case
      this.store.revision();
      if (this.store.case()?.id) untracked(() => void this.load(true));
    });
  }

  protected load(reset: boolean): Promise<void> {
    return this.pages.load(reset);
  }
}
