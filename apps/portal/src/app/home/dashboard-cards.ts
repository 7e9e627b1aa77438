import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CASE_STATUS_LABELS, URGENCY_LABELS, label, referralDeadline, type Page } from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { DashboardApi, type DashCase, type DashHandoff, type DashReferral } from './dashboard-api';
import { clockOf, dueSoon, type Clock, type DeadlineItem } from './deadlines';
import { formatDateTime, I18n, TranslatePipe, type TranslationKey } from '@ctms/ui';

/** How many rows a card lists; the card's link opens the whole list. */
export const CARD_ROWS = 5;
/** The clocks move on once a minute. */
const TICK_MS = 60_000;

type Load<T> = { state: 'loading' } | { state: 'failed' } | { state: 'done'; items: T[]; more: boolean };

const LOADING = { state: 'loading' } as const;

/**
 * The caseworker's dashboard: my cases, incoming referrals with their acknowledge-by clock, and the
 * referral and handoff deadlines that are close or passed. Each card shows only for a user whose
 * permissions allow its list, and lists case numbers only (masked: no name is ever fetched here).
 */
@Component({
  selector: 'app-dashboard-cards',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (showCases() || showReferrals() || showDeadlines()) {
      <h2 class="dash-title">{{ 'dash.title' | t }}</h2>
      <div class="dash">
        @if (showCases()) {
          <section class="dash-card" aria-labelledby="dash-cases-h" data-testid="dash-my-cases">
            <h3 id="dash-cases-h" class="card-title">
              {{ 'dash.myCases' | t }}
              @if (cases(); as c) {
                @if (c.state === 'done') {
                  <span class="count" data-testid="dash-my-cases-count">{{ countOf(c) }}</span>
                }
              }
            </h3>
            @switch (cases().state) {
              @case ('loading') {
                <p class="muted">{{ 'dash.loading' | t }}</p>
              }
              @case ('failed') {
                <p class="muted" role="status">{{ 'dash.unavailable' | t }}</p>
              }
              @default {
                @if (caseRows().length === 0) {
                  <p class="muted">{{ 'dash.myCasesEmpty' | t }}</p>
                } @else {
                  <ul class="rows">
                    @for (c of caseRows(); track c.id) {
                      <li class="row">
                        <a [routerLink]="['/cases', c.id]" data-testid="dash-case-link">{{ c.caseNumber }}</a>
                        <span class="chip">{{ caseStatus(c.status) }}</span>
                      </li>
                    }
                  </ul>
                }
              }
            }
            <a class="open-list" routerLink="/cases" [queryParams]="{ mine: '1' }" data-testid="dash-my-cases-open"
              >{{ 'dash.openList' | t }}<span class="visually-hidden">: {{ 'dash.myCases' | t }}</span></a
            >
          </section>
        }

        @if (showReferrals()) {
          <section class="dash-card" aria-labelledby="dash-incoming-h" data-testid="dash-incoming">
            <h3 id="dash-incoming-h" class="card-title">
              {{ 'dash.incoming' | t }}
              @if (incoming(); as c) {
                @if (c.state === 'done') {
                  <span class="count" data-testid="dash-incoming-count">{{ countOf(c) }}</span>
                }
              }
            </h3>
            @switch (incoming().state) {
              @case ('loading') {
                <p class="muted">{{ 'dash.loading' | t }}</p>
              }
              @case ('failed') {
                <p class="muted" role="status">{{ 'dash.unavailable' | t }}</p>
              }
              @default {
                @if (incomingRows().length === 0) {
                  <p class="muted">{{ 'dash.incomingEmpty' | t }}</p>
                } @else {
                  <ul class="rows">
                    @for (r of incomingRows(); track r.id) {
                      <li class="row" [attr.data-state]="r.clock.state" data-testid="dash-incoming-row">
                        <a [routerLink]="['/referrals', r.id]" data-testid="dash-referral-link">{{ r.caseNumber }}</a>
                        <span class="chip">{{ urgency(r.urgency) }}</span>
                        <span class="due">{{ 'dash.ackBy' | t: { date: when(r.acknowledgeBy) } }}</span>
                        <span class="clock" [class]="'clock state-' + r.clock.state">{{ clockText(r.clock) }}</span>
                      </li>
                    }
                  </ul>
                }
              }
            }
            <a
              class="open-list"
              routerLink="/referrals"
              [queryParams]="{ box: 'incoming', status: 'PENDING' }"
              data-testid="dash-incoming-open"
              >{{ 'dash.openList' | t }}<span class="visually-hidden">: {{ 'dash.incoming' | t }}</span></a
            >
          </section>
        }

        @if (showDeadlines()) {
          <section class="dash-card" aria-labelledby="dash-deadlines-h" data-testid="dash-deadlines">
            <h3 id="dash-deadlines-h" class="card-title">
              {{ 'dash.deadlines' | t }}
              @if (deadlinesLoaded()) {
                <span class="count" data-testid="dash-deadlines-count">{{ deadlines().length }}</span>
              }
            </h3>
            <p class="hint">{{ 'dash.deadlinesHint' | t }}</p>
            @if (!deadlinesLoaded()) {
              <p class="muted">{{ 'dash.loading' | t }}</p>
            } @else {
              @if (deadlinesFailed()) {
                <p class="muted" role="status">{{ 'dash.unavailable' | t }}</p>
              }
              @if (deadlines().length === 0) {
                <p class="muted">{{ 'dash.deadlinesEmpty' | t }}</p>
              } @else {
                <ul class="rows">
                  @for (d of deadlineRows(); track d.kind + d.id) {
                    <li class="row" [attr.data-state]="d.clock.state" data-testid="dash-deadline-row">
                      <a [routerLink]="d.link" data-testid="dash-deadline-link">{{ d.caseNumber }}</a>
                      <span class="chip">{{ kindKey(d.kind) | t }}</span>
                      <span class="due">{{ dueText(d) }}</span>
                      <span class="clock" [class]="'clock state-' + d.clock.state">{{ clockText(d.clock) }}</span>
                    </li>
                  }
                </ul>
              }
            }
            <div class="open-links">
              @if (showReferrals()) {
                <a
                  class="open-list"
                  routerLink="/referrals"
                  [queryParams]="{ box: 'incoming', status: 'PENDING' }"
                  data-testid="dash-deadlines-referrals"
                  >{{ 'dash.openList' | t }}<span class="visually-hidden">: {{ 'dash.kind.REFERRAL_IN' | t }}</span></a
                >
              }
              @if (showHandoffs()) {
                <a
                  class="open-list"
                  routerLink="/handoffs"
                  [queryParams]="{ status: 'SUBMITTED' }"
                  data-testid="dash-deadlines-handoffs"
                  >{{ 'dash.openList' | t }}<span class="visually-hidden">: {{ 'dash.kind.HANDOFF_IN' | t }}</span></a
                >
              }
            </div>
          </section>
        }
      </div>
    }
  `,
  styles: `
    .dash-title {
      font: var(--mat-sys-title-large);
      margin: 24px 0 8px;
    }
    .dash {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr));
      gap: 12px;
    }
    .dash-card {
      min-width: 0;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    .card-title {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .count {
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-primary);
    }
    .hint,
    .muted {
      margin: 0 0 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .rows {
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
      padding: 6px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
      overflow-wrap: anywhere;
    }
    .row a {
      font-weight: 500;
      min-height: 24px;
    }
    .chip,
    .due {
      font: var(--mat-sys-body-small);
    }
    .clock {
      font: var(--mat-sys-label-large);
    }
    .state-OVERDUE {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      padding: 0 6px;
      border-radius: 4px;
    }
    .state-NEAR {
      font-weight: 700;
    }
    .open-links {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .open-list {
      display: inline-block;
      padding: 8px 0;
    }
  `,
})
export class DashboardCards {
  private readonly api = inject(DashboardApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);

  protected readonly showCases = computed(() => this.auth.permissions().has('case:read'));
  protected readonly showReferrals = computed(() => this.auth.permissions().has('referral:read'));
  protected readonly showHandoffs = computed(() => this.auth.permissions().has('handoff:read'));
  protected readonly showDeadlines = computed(() => this.showReferrals() || this.showHandoffs());

  private readonly now = signal(Date.now());
  protected readonly cases = signal<Load<DashCase>>(LOADING);
  protected readonly incoming = signal<Load<DashReferral>>(LOADING);
  private readonly outgoing = signal<Load<DashReferral>>(LOADING);
  /** accepted referrals of both boxes: the services-due clock shows on both agencies' dashboards */
  private readonly acceptedIn = signal<Load<DashReferral>>(LOADING);
  private readonly acceptedOut = signal<Load<DashReferral>>(LOADING);
  private readonly handoffs = signal<Load<DashHandoff>>(LOADING);

  protected readonly caseRows = computed(() => {
    const c = this.cases();
    return c.state === 'done' ? c.items.slice(0, CARD_ROWS) : [];
  });

  /** Pending referrals, the earliest acknowledge-by first: what needs an answer soonest. */
  protected readonly incomingRows = computed(() => {
    const c = this.incoming();
    if (c.state !== 'done') return [];
    const now = this.now();
    return [...c.items]
      .sort((a, b) => Date.parse(a.acknowledgeBy) - Date.parse(b.acknowledgeBy))
      .slice(0, CARD_ROWS)
      .map((r) => ({ ...r, clock: clockOf(r.createdAt, r.acknowledgeBy, now) }));
  });

  private readonly deadlineSources = computed(() => {
    const sources: Load<unknown>[] = [];
    if (this.showReferrals()) sources.push(this.incoming(), this.outgoing(), this.acceptedIn(), this.acceptedOut());
    if (this.showHandoffs()) sources.push(this.handoffs());
    return sources;
  });
  protected readonly deadlinesLoaded = computed(() => this.deadlineSources().every((s) => s.state !== 'loading'));
  protected readonly deadlinesFailed = computed(() => this.deadlineSources().some((s) => s.state === 'failed'));

  protected readonly deadlines = computed(() => {
    const items: DeadlineItem[] = [];
    const ho = this.handoffs();
    // both boxes, pending (acknowledgement clock) and accepted (services clock): an overdue referral
    // shows on the sending and on the receiving agency's dashboard
    for (const [src, kind] of [
      [this.incoming(), 'REFERRAL_IN'],
      [this.outgoing(), 'REFERRAL_OUT'],
      [this.acceptedIn(), 'REFERRAL_IN'],
      [this.acceptedOut(), 'REFERRAL_OUT'],
    ] as const) {
      if (!this.showReferrals() || src.state !== 'done') continue;
      for (const r of src.items) {
        const item = referralItem(r, kind);
        if (item) items.push(item);
      }
    }
    if (this.showHandoffs() && ho.state === 'done') for (const h of ho.items) items.push(handoffItem(h));
    return dueSoon(items, this.now());
  });
  protected readonly deadlineRows = computed(() => this.deadlines().slice(0, CARD_ROWS));

  constructor() {
    if (this.showCases()) void load(() => this.api.myCases(), this.cases);
    if (this.showReferrals()) {
      void load(() => this.api.pendingReferrals('incoming'), this.incoming);
      void load(() => this.api.pendingReferrals('outgoing'), this.outgoing);
      void load(() => this.api.acceptedReferrals('incoming'), this.acceptedIn);
      void load(() => this.api.acceptedReferrals('outgoing'), this.acceptedOut);
    }
    if (this.showHandoffs()) void load(() => this.api.submittedHandoffs(), this.handoffs);
    const tick = setInterval(() => this.now.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }

  protected countOf(c: Load<unknown>): string {
    if (c.state !== 'done') return '';
    return c.more ? `${c.items.length}+` : String(c.items.length);
  }

  protected caseStatus(code: string): string {
    return label(CASE_STATUS_LABELS, code, this.i18n.language());
  }

  protected urgency(code: string): string {
    return label(URGENCY_LABELS, code, this.i18n.language());
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.i18n.language());
  }

  protected kindKey(kind: DeadlineItem['kind']): TranslationKey {
    return `dash.kind.${kind}`;
  }

  protected dueText(d: DeadlineItem): string {
    const key: TranslationKey = d.kind.startsWith('HANDOFF')
      ? 'dash.receiveBy'
      : d.referralClock === 'SERVICES'
        ? 'dash.servicesBy'
        : 'dash.ackBy';
    return this.i18n.t(key, { date: this.when(d.dueAt) });
  }

  protected clockText(c: Clock): string {
    return this.i18n.t(c.state === 'OVERDUE' ? 'dash.overdueBy' : 'dash.leftTime', { h: c.h, m: c.m });
  }
}

/** The referral's running clock as a deadline (libs/domain `referralDeadline`); none once services are recorded or it is over. */
export function referralItem(r: DashReferral, kind: 'REFERRAL_IN' | 'REFERRAL_OUT'): DeadlineItem | null {
  const d = referralDeadline(r.status, r.acknowledgeBy, r.servicesDueBy);
  return d
    ? {
        kind,
        id: r.id,
        caseNumber: r.caseNumber,
        link: ['/referrals', r.id],
        startedAt: r.createdAt,
        dueAt: d.dueAt,
        referralClock: d.clock,
      }
    : null;
}

function handoffItem(h: DashHandoff): DeadlineItem {
  const kind = h.box === 'INCOMING' ? 'HANDOFF_IN' : 'HANDOFF_OUT';
  return {
    kind,
    id: h.id,
    caseNumber: h.caseNumber,
    link: ['/handoffs', h.id],
    startedAt: h.createdAt,
    dueAt: h.receiveBy,
  };
}

async function load<T>(fetch: () => Promise<Page<T>>, into: { set(v: Load<T>): void }): Promise<void> {
  try {
    const page = await fetch();
    into.set({ state: 'done', items: page.items, more: page.nextCursor !== null });
  } catch {
    into.set({ state: 'failed' });
  }
}
