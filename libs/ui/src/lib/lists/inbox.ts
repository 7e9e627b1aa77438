import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '../i18n/translate.pipe';
import { KeysetTable, type KeysetList } from './keyset-list';

/** Which side of an exchange between agencies a box shows; null: both. */
export type InboxBox = 'incoming' | 'outgoing' | null;

/** A status the inbox may be filtered by, with its words. */
export interface InboxStatus {
  code: string;
  text: string;
}

/**
 * An inbox of what agencies send each other (referrals, handoffs): masked (case number only), the
 * boxes as tabs (links with `?box=`), a status filter, and the keyset-paged table (projected).
 * `apply` gives the status chosen; the page navigates, and reloads from the query.
 */
@Component({
  selector: 'app-inbox',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, KeysetTable, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .tabs {
      display: flex;
      gap: 8px;
      margin: 8px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tabs a {
      padding: 8px 16px;
      text-decoration: none;
      color: inherit;
      border-bottom: 3px solid transparent;
    }
    .tabs a[aria-current='page'] {
      border-bottom-color: var(--mat-sys-primary);
      font-weight: 600;
    }
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
    <nav class="tabs" [attr.aria-label]="boxesLabel() || title()">
      @for (b of boxes(); track b) {
        <a
          [routerLink]="path()"
          [queryParams]="b ? { box: b } : {}"
          [attr.aria-current]="box() === b ? 'page' : null"
          [attr.data-testid]="tabTestId() + (b ?? 'all')"
          >{{ (b === 'incoming' ? 'list.incoming' : b === 'outgoing' ? 'list.outgoing' : 'list.all') | t }}</a
        >
      }
    </nav>
    <form class="filters" role="search" (ngSubmit)="apply.emit(status())">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'list.status' | t }}</mat-label>
        <mat-select
          name="status"
          [ngModel]="status()"
          (ngModelChange)="status.set($event)"
          [attr.data-testid]="statusTestId()"
        >
          <mat-option value="">{{ 'list.anyStatus' | t }}</mat-option>
          @for (s of statuses(); track s.code) {
            <mat-option [value]="s.code">{{ s.text }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="submit">{{ 'list.apply' | t }}</button>
    </form>
    <app-keyset-table [list]="list()" [label]="title()" [emptyTestId]="emptyTestId()">
      <ng-content />
    </app-keyset-table>
  `,
})
export class Inbox {
  readonly title = input.required<string>();
  readonly boxesLabel = input<string>('');
  /** the list's route, for the tabs' links */
  readonly path = input.required<string>();
  readonly boxes = input.required<readonly InboxBox[]>();
  readonly box = input.required<InboxBox>();
  readonly statuses = input.required<readonly InboxStatus[]>();
  /** the status chosen in the filter ('' any), applied on submit */
  readonly status = model('');
  readonly list = input.required<KeysetList<unknown>>();
  readonly tabTestId = input('box-');
  readonly statusTestId = input<string | null>(null);
  readonly emptyTestId = input<string | null>(null);
  readonly apply = output<string>();
}
