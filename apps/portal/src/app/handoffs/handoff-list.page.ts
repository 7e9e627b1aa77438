import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { HANDOFF_STATUS_LABELS, HANDOFF_STATUSES, isOneOf, label, type HandoffSummaryView } from '@ctms/domain';
import { IaPipe } from '../referrals/ia-translate';
import { InterAgencyApi, type Box } from '../referrals/interagency-api';
import { AgencyNames, describeError, formatDateTime, I18n, sortByDue } from '@ctms/ui';

/** The prosecution handoffs of the agency (both boxes, or one), masked: case number only. */
@Component({
  selector: 'app-handoff-list-page',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, IaPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .tabs { display: flex; gap: 8px; margin: 8px 0 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .tabs a { padding: 8px 16px; text-decoration: none; color: inherit; border-bottom: 3px solid transparent; }
    .tabs a[aria-current='page'] { border-bottom-color: var(--mat-sys-primary); font-weight: 600; }
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .overdue { color: var(--mat-sys-error); font-weight: 600; }
    table { min-width: 720px; }
  `,
  template: `
    <section class="page wide" data-testid="handoff-list">
      <h1 class="page-title">{{ 'ho.title' | ia }}</h1>
      <p class="hint">{{ 'ia.masked' | ia }}</p>
      <nav class="tabs" [attr.aria-label]="'ho.title' | ia">
        <a routerLink="/handoffs" [attr.aria-current]="box() === null ? 'page' : null" data-testid="hbox-all">{{ 'audit.any' | ia }}</a>
        <a routerLink="/handoffs" [queryParams]="{ box: 'incoming' }" [attr.aria-current]="box() === 'incoming' ? 'page' : null" data-testid="hbox-incoming">{{ 'ref.incoming' | ia }}</a>
        <a routerLink="/handoffs" [queryParams]="{ box: 'outgoing' }" [attr.aria-current]="box() === 'outgoing' ? 'page' : null" data-testid="hbox-outgoing">{{ 'ref.outgoing' | ia }}</a>
      </nav>
      <form class="filters" role="search" (ngSubmit)="apply()">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'ia.status' | ia }}</mat-label>
          <mat-select name="status" [(ngModel)]="status">
            <mat-option value="">{{ 'ia.anyStatus' | ia }}</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ statusLabel(s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-flat-button type="submit">{{ 'ia.apply' | ia }}</button>
      </form>
      <div role="status" aria-live="polite">
        @if (loading()) {
          {{ 'ia.loading' | ia }}
        } @else if (error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (items().length === 0) {
          {{ 'ia.empty' | ia }}
        } @else {
          {{ 'ia.count' | ia: { count: items().length } }}
        }
      </div>
      @if (items().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'ho.title' | ia">
          <table class="cards" data-testid="handoff-table">
            <thead>
              <tr>
                <th scope="col">{{ 'ia.case' | ia }}</th>
                <th scope="col">{{ 'ia.from' | ia }}</th>
                <th scope="col">{{ 'ia.to' | ia }}</th>
                <th scope="col">{{ 'ia.status' | ia }}</th>
                <th scope="col">{{ 'ho.receiveBy' | ia }}</th>
                <th scope="col">{{ 'ia.createdAt' | ia }}</th>
              </tr>
            </thead>
            <tbody>
              @for (h of rows(); track h.id) {
                <tr data-testid="handoff-row" [attr.data-id]="h.id" [attr.data-case]="h.caseNumber" [attr.data-status]="h.status">
                  <th scope="row"><a [routerLink]="['/handoffs', h.id]" data-testid="handoff-link">{{ h.caseNumber }}</a></th>
                  <td [attr.data-label]="'ia.from' | ia">{{ h.fromName }}</td>
                  <td [attr.data-label]="'ia.to' | ia">{{ h.toName }}</td>
                  <td class="lead" [attr.data-label]="'ia.status' | ia">{{ h.statusLabel }}</td>
                  <td class="lead" [attr.data-label]="'ho.receiveBy' | ia" [class.overdue]="h.overdue">{{ h.receiveByText }} @if (h.overdue) { — {{ 'ho.overdue' | ia }} }</td>
                  <td [attr.data-label]="'ia.createdAt' | ia">{{ h.created }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (cursor()) {
        <button mat-stroked-button type="button" [disabled]="loading()" (click)="load(false)">{{ 'ia.loadMore' | ia }}</button>
      }
    </section>
  `,
})
export class HandoffListPage {
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly names = inject(AgencyNames);

  protected readonly statuses = HANDOFF_STATUSES;
  protected readonly box = signal<Box | null>(null);
  protected status = '';
  private statusFilter: string | null = null;
  protected readonly items = signal<HandoffSummaryView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    // what is due first: a handoff waiting to be received, by its receive-by deadline
    return sortByDue(this.items(), (h) => (h.status === 'SUBMITTED' ? h.receiveBy : null)).map((h) => ({
      ...h,
      fromName: this.names.agency(h.fromAgency.code, lang),
      toName: this.names.agency(h.toAgency.code, lang),
      statusLabel: label(HANDOFF_STATUS_LABELS, h.status, lang),
      receiveByText: h.receivedAt ? formatDateTime(h.receivedAt, lang) : formatDateTime(h.receiveBy, lang),
      created: formatDateTime(h.createdAt, lang),
    }));
  });

  constructor() {
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      this.box.set(q['box'] === 'incoming' || q['box'] === 'outgoing' ? q['box'] : null);
      this.statusFilter = isOneOf(HANDOFF_STATUSES, q['status']) ? q['status'] : null;
      this.status = this.statusFilter ?? '';
      void this.load(true);
    });
  }

  protected statusLabel(s: string): string {
    return label(HANDOFF_STATUS_LABELS, s, this.i18n.language());
  }

  protected apply(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { box: this.box(), status: this.status || null } });
  }

  protected async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.handoffs(this.box(), this.statusFilter, reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (e) {
      if (reset) this.items.set([]);
      this.error.set(describeError(e, (k, p) => this.i18n.t(k, p), this.i18n.language()).message);
    } finally {
      this.loading.set(false);
    }
  }
}
