import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  isOneOf,
  label,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  SERVICE_TYPE_LABELS,
  URGENCY_LABELS,
  type ReferralSummaryView,
} from '@ctms/domain';
import { IaPipe, iaT } from './ia-translate';
import { InterAgencyApi, type Box } from './interagency-api';
import { slaClock } from './ia-util';
import { AgencyNames, describeError, formatDateTime, I18n, sortByDue } from '@ctms/ui';

/** The referral boxes: incoming and outgoing, masked (case number only), with the SLA clock of pending ones. */
@Component({
  selector: 'app-referral-list-page',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, IaPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .tabs { display: flex; gap: 8px; margin: 8px 0 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .tabs a { padding: 8px 16px; text-decoration: none; color: inherit; border-bottom: 3px solid transparent; }
    .tabs a[aria-current='page'] { border-bottom-color: var(--mat-sys-primary); font-weight: 600; }
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .overdue { color: var(--mat-sys-error); font-weight: 600; }
    table { min-width: 760px; }
  `,
  template: `
    <section class="page wide" data-testid="referral-list">
      <h1 class="page-title">{{ 'ref.title' | ia }}</h1>
      <p class="hint">{{ 'ia.masked' | ia }}</p>
      <nav class="tabs" [attr.aria-label]="'ref.boxes' | ia">
        <a routerLink="/referrals" [queryParams]="{ box: 'incoming' }" [attr.aria-current]="box() === 'incoming' ? 'page' : null" data-testid="box-incoming">{{ 'ref.incoming' | ia }}</a>
        <a routerLink="/referrals" [queryParams]="{ box: 'outgoing' }" [attr.aria-current]="box() === 'outgoing' ? 'page' : null" data-testid="box-outgoing">{{ 'ref.outgoing' | ia }}</a>
      </nav>
      <form class="filters" role="search" (ngSubmit)="apply()">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'ia.status' | ia }}</mat-label>
          <mat-select name="status" [(ngModel)]="status" data-testid="referral-filter-status">
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
          <span data-testid="referral-list-empty">{{ 'ia.empty' | ia }}</span>
        } @else {
          {{ 'ia.count' | ia: { count: items().length } }}
        }
      </div>
      @if (items().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'ref.title' | ia">
          <table class="cards" data-testid="referral-table">
            <thead>
              <tr>
                <th scope="col">{{ 'ia.case' | ia }}</th>
                <th scope="col">{{ 'ia.from' | ia }}</th>
                <th scope="col">{{ 'ia.to' | ia }}</th>
                <th scope="col">{{ 'ref.services' | ia }}</th>
                <th scope="col">{{ 'ref.urgency' | ia }}</th>
                <th scope="col">{{ 'ia.status' | ia }}</th>
                <th scope="col">{{ 'ref.sla' | ia }}</th>
                <th scope="col">{{ 'ia.createdAt' | ia }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr data-testid="referral-row" [attr.data-id]="r.id" [attr.data-case]="r.caseNumber" [attr.data-status]="r.status">
                  <th scope="row"><a [routerLink]="['/referrals', r.id]" data-testid="referral-link">{{ r.caseNumber }}</a></th>
                  <td [attr.data-label]="'ia.from' | ia">{{ r.fromName }}</td>
                  <td [attr.data-label]="'ia.to' | ia">{{ r.toName }}</td>
                  <td [attr.data-label]="'ref.services' | ia">{{ r.services }}</td>
                  <td class="lead" [attr.data-label]="'ref.urgency' | ia">{{ r.urgencyLabel }}</td>
                  <td class="lead" [attr.data-label]="'ia.status' | ia" data-testid="referral-status">{{ r.statusLabel }}</td>
                  <td class="lead" [attr.data-label]="'ref.sla' | ia" data-testid="sla-clock" [class.overdue]="r.overdue" [attr.data-overdue]="r.overdue">{{ r.sla }}</td>
                  <td [attr.data-label]="'ia.createdAt' | ia">{{ r.created }}</td>
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
export class ReferralListPage {
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly names = inject(AgencyNames);

  protected readonly statuses = REFERRAL_STATUSES;
  protected readonly box = signal<Box>('incoming');
  protected status = '';
  private statusFilter: string | null = null;
  protected readonly items = signal<ReferralSummaryView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly now = signal(Date.now());

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const now = this.now();
    // what is due first: a pending referral, by its acknowledge-by deadline (the overdue ones on top)
    return sortByDue(this.items(), (r) => (r.status === 'PENDING' ? r.acknowledgeBy : null)).map((r) => {
      const pending = r.status === 'PENDING';
      const clock = slaClock(r.acknowledgeBy, now);
      return {
        ...r,
        fromName: this.names.agency(r.fromAgency.code, lang),
        toName: this.names.agency(r.toAgency.code, lang),
        services: r.serviceTypes.map((s) => label(SERVICE_TYPE_LABELS, s, lang)).join(', '),
        urgencyLabel: label(URGENCY_LABELS, r.urgency, lang),
        statusLabel: label(REFERRAL_STATUS_LABELS, r.status, lang),
        overdue: pending && clock.overdue,
        sla: pending ? iaT(this.i18n, clock.overdue ? 'ref.sla.overdue' : 'ref.sla.left', { h: clock.h, m: clock.m }) : iaT(this.i18n, 'ref.sla.done'),
        created: formatDateTime(r.createdAt, lang),
      };
    });
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      this.box.set(q['box'] === 'outgoing' ? 'outgoing' : 'incoming');
      this.statusFilter = isOneOf(REFERRAL_STATUSES, q['status']) ? q['status'] : null;
      this.status = this.statusFilter ?? '';
      void this.load(true);
    });
  }

  protected statusLabel(s: string): string {
    return label(REFERRAL_STATUS_LABELS, s, this.i18n.language());
  }

  protected apply(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { box: this.box(), status: this.status || null } });
  }

  protected async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.referrals(this.box(), this.statusFilter, reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
      this.now.set(Date.now());
    } catch (e) {
      if (reset) this.items.set([]);
      this.error.set(describeError(e, (k, p) => this.i18n.t(k, p), this.i18n.language()).message);
    } finally {
      this.loading.set(false);
    }
  }
}
