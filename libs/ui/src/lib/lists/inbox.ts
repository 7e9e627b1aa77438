import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '../i18n/translate.pipe';
import { KeysetTable } from './keyset-list';
import { InboxTabs } from './inbox-tabs';
import type { InboxState } from './inbox-state';

/**
 * An inbox of what agencies send each other (referrals, handoffs): masked (case number only), the
 * boxes as tabs (`InboxTabs`), a status filter, and the keyset-paged table (projected).
 * The state (`InboxState`) reads the query; "apply" navigates, and the list reloads from the query.
 */
@Component({
  selector: 'app-inbox',
  imports: [FormsModule, InboxTabs, MatButtonModule, MatFormFieldModule, MatSelectModule, KeysetTable, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
  `,
  template: `
    <h1 class="page-title">{{ title() }}</h1>
    <p class="hint">{{ 'list.masked' | t }}</p>
    <app-inbox-tabs
      [path]="path()"
      [boxes]="state().boxes"
      [box]="state().box()"
      [label]="boxesLabel() || title()"
      [tabTestId]="tabTestId()"
    />
    <form class="filters" role="search" (ngSubmit)="state().apply(state().status())">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'list.status' | t }}</mat-label>
        <mat-select
          name="status"
          [ngModel]="state().status()"
          (ngModelChange)="state().status.set($event)"
          [attr.data-testid]="statusTestId()"
        >
          <mat-option value="">{{ 'list.anyStatus' | t }}</mat-option>
          @for (s of state().statusOptions(); track s.code) {
            <mat-option [value]="s.code">{{ s.text }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="submit">{{ 'list.apply' | t }}</button>
    </form>
    <app-keyset-table [list]="state().list" [label]="title()" [emptyTestId]="emptyTestId()">
      <ng-content />
    </app-keyset-table>
  `,
})
export class Inbox {
  readonly title = input.required<string>();
  readonly boxesLabel = input<string>('');
  /** the list's route, for the tabs' links */
  readonly path = input.required<string>();
  /** the box, the status filter and the list, from the route's query */
  readonly state = input.required<InboxState<unknown>>();
  readonly tabTestId = input('box-');
  readonly statusTestId = input<string | null>(null);
  readonly emptyTestId = input<string | null>(null);
}
