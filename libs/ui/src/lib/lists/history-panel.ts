import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '../i18n/translate.pipe';

/** One step of a record's history, already in words. */
export interface HistoryRow {
  key: string | number;
  at: string;
  who: string;
  what: string;
  status: string;
}

/** A record's history (referral, handoff): when, who, what, and the status it left, oldest first. */
@Component({
  selector: 'app-history-panel',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <section class="panel">
      <h2 [id]="headingId()" class="sub">{{ 'history.title' | t }}</h2>
      <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'history.title' | t">
        <table>
          <thead>
            <tr>
              <th scope="col">{{ 'history.when' | t }}</th>
              <th scope="col">{{ 'history.who' | t }}</th>
              <th scope="col">{{ 'history.what' | t }}</th>
              <th scope="col">{{ 'history.status' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (h of rows(); track h.key) {
              <tr>
                <td>{{ h.at }}</td>
                <td>{{ h.who }}</td>
                <td>{{ h.what }}</td>
                <td>{{ h.status }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
})
export class HistoryPanel {
  readonly rows = input.required<readonly HistoryRow[]>();
  readonly headingId = input('history');
}
