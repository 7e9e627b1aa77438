import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/translate.pipe';
import type { TranslationKey } from '../i18n/i18n.service';
import { HistoryPanel, type HistoryRow } from '../lists/history-panel';

/** The head of a loaded record, in words: its heading, its status code and the status's label. */
export interface RecordHead {
  heading: string;
  statusCode: string;
  status: string;
  /** the record's history, shown under the sections */
  history?: readonly HistoryRow[];
}

/** What a step on a record page left to say: done, or the error's words. */
export interface RecordNotice {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The frame of one record that agencies exchange (a referral, a handoff): the link back to its list,
 * then the load error, or the heading, the status chip and the polite notice line followed by the page's
 * sections (projected) and its history, or "loading" until the record is there. Test ids are `<testId>-page`, `-title`,
 * `-status` (with `data-status`) and `-notice`.
 */
@Component({
  selector: 'app-record-frame',
  imports: [HistoryPanel, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .chip {
      display: inline-block;
      padding: 0 8px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
    }
  `,
  template: `
    <section class="page wide" [attr.data-testid]="testId() + '-page'">
      <a [routerLink]="back()" class="back">{{ backKey() | t }}</a>
      @if (error(); as e) {
        <h1 class="page-title">{{ titleKey() | t }}</h1>
        <p role="alert" class="error">{{ e }}</p>
      } @else if (head(); as h) {
        <h1 class="page-title" [attr.data-testid]="testId() + '-title'">{{ h.heading }}</h1>
        <p>
          <span class="chip" [attr.data-testid]="testId() + '-status'" [attr.data-status]="h.statusCode">{{
            h.status
          }}</span>
        </p>
        <div role="status" aria-live="polite">
          @if (notice(); as n) {
            <p class="notice" [class.error]="n.kind === 'error'" [attr.data-testid]="testId() + '-notice'">
              {{ n.text }}
            </p>
          }
        </div>
        <ng-content />
        @if (h.history) {
          <app-history-panel [headingId]="historyId()" [rows]="h.history" />
        }
      } @else {
        <p role="status">{{ 'list.loading' | t }}</p>
      }
    </section>
  `,
})
export class RecordFrame {
  /** the prefix of the frame's test ids, e.g. `referral` */
  readonly testId = input.required<string>();
  /** the list the record belongs to, and the words of the link back to it */
  readonly back = input.required<string>();
  readonly backKey = input.required<TranslationKey>();
  /** the heading shown above a load error */
  readonly titleKey = input.required<TranslationKey>();
  readonly error = input<string | null>(null);
  /** null until the record is loaded: "loading" shows instead of the sections */
  readonly head = input<RecordHead | null>(null);
  readonly notice = input<RecordNotice | null>(null);
  /** the id of the history's heading */
  readonly historyId = input('history');
}
