import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  asCaseNumber,
  CASE_LIST_FILTERS,
  CASE_LIST_SORTS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  IDENTIFICATION_STATUS_LABELS,
  IDENTIFICATION_STATUSES,
  isOneOf,
  isProvinceCode,
  label,
  PROVINCE_LABELS,
  PROVINCES,
  RISK_LEVELS,
  type CaseListQuery,
  type CaseListSort,
  type CaseSummaryView,
  type SavedCaseFilterView,
} from '@ctms/domain';
import { CASE_FLAG_LABELS, EXPLOITATION_TYPE_LABELS, RISK_LEVEL_LABELS } from '../core/i18n/dict-cases';
import { CaseApi } from './case-api';
import { AgencyNames, describeErrorIn, formatDate, I18n, FORM_KIT, personName } from '@ctms/ui';

/** The filters as they appear in the URL: coded values only, never personal data. */
export function filterFromQuery(q: Readonly<Record<string, unknown>>): CaseListQuery {
  const f: CaseListQuery = {};
  if (isOneOf(CASE_STATUSES, q['status'])) f.status = q['status'];
  if (isProvinceCode(q['province'])) f.province = q['province'];
  if (q['mine'] === '1') f.assignedTo = 'me';
  if (q['unassigned'] === 'true') f.unassigned = 'true';
  if (isOneOf(RISK_LEVELS, q['riskLevel'])) f.riskLevel = q['riskLevel'];
  if (q['child'] === 'true') f.child = 'true';
  if (q['restricted'] === 'true') f.restricted = 'true';
  if (isOneOf(IDENTIFICATION_STATUSES, q['identification'])) f.identification = q['identification'];
  if (q['overdue'] === 'true') f.overdue = 'true';
  // `recent` is the default order: the URL names only the other
  if (q['sort'] === 'due') f.sort = 'due';
  return f;
}

/** The URL's query parameters for a filter (codes only; `assignedTo: 'me'` is `mine=1`). */
export function queryFromFilter(f: CaseListQuery): Record<string, string | null> {
  const q: Record<string, string | null> = {};
  for (const name of CASE_LIST_FILTERS) if (name !== 'assignedTo') q[name] = f[name] ?? null;
  q['mine'] = f.assignedTo === 'me' ? '1' : null;
  return q;
}

@Component({
  selector: 'app-case-list-page',
  imports: [FORM_KIT, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page wide" data-testid="case-list">
      <h1 class="page-title">{{ 'cases.list.title' | t }}</h1>
      <p class="hint">{{ 'cases.list.masked' | t }}</p>

      <form class="search" role="search" [attr.aria-label]="'cases.list.search' | t" (ngSubmit)="runSearch()">
        <mat-form-field subscriptSizing="dynamic" class="search-box">
          <mat-label>{{ 'cases.list.search' | t }}</mat-label>
          <input matInput name="q" autocomplete="off" maxlength="120" [(ngModel)]="query" data-testid="case-search" />
          <mat-hint>{{ 'cases.list.searchHint' | t }}</mat-hint>
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="case-search-submit">
          {{ 'cases.list.searchButton' | t }}
        </button>
        @if (term()) {
          <button mat-stroked-button type="button" (click)="clearSearch()" data-testid="case-search-clear">
            {{ 'cases.list.clearSearch' | t }}
          </button>
        }
      </form>

      <form class="filters" role="search" [attr.aria-label]="'cases.list.filters' | t" (ngSubmit)="applyFilters()">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.field.status' | t }}</mat-label>
          <mat-select name="status" [(ngModel)]="status" data-testid="filter-status">
            <mat-option value="">{{ 'cases.list.any' | t }}</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ statusLabel(s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.field.province' | t }}</mat-label>
          <mat-select name="province" [(ngModel)]="province" data-testid="filter-province">
            <mat-option value="">{{ 'cases.list.any' | t }}</mat-option>
            @for (p of provinces; track p.code) {
              <mat-option [value]="p.code">{{ provinceLabel(p.code) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.field.riskLevel' | t }}</mat-label>
          <mat-select name="riskLevel" [(ngModel)]="riskLevel" data-testid="filter-risk">
            <mat-option value="">{{ 'cases.list.any' | t }}</mat-option>
            @for (r of riskLevels; track r) {
              <mat-option [value]="r">{{ riskLabel(r) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.field.identificationStatus' | t }}</mat-label>
          <mat-select name="identification" [(ngModel)]="identification" data-testid="filter-identification">
            <mat-option value="">{{ 'cases.list.any' | t }}</mat-option>
            @for (i of identifications; track i) {
              <mat-option [value]="i">{{ identificationLabel(i) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-checkbox name="mine" [(ngModel)]="mine" data-testid="filter-mine">{{
          'cases.list.mine' | t
        }}</mat-checkbox>
        <mat-checkbox name="unassigned" [(ngModel)]="unassigned" data-testid="filter-unassigned">{{
          'cases.list.unassigned' | t
        }}</mat-checkbox>
        <mat-checkbox name="child" [(ngModel)]="child" data-testid="filter-child">{{
          'cases.list.child' | t
        }}</mat-checkbox>
        <mat-checkbox name="restricted" [(ngModel)]="restricted" data-testid="filter-restricted">{{
          'cases.list.restricted' | t
        }}</mat-checkbox>
        <mat-checkbox name="overdue" [(ngModel)]="overdue" data-testid="filter-overdue">{{
          'cases.list.overdue' | t
        }}</mat-checkbox>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.list.sort' | t }}</mat-label>
          <mat-select name="sort" [(ngModel)]="sort" data-testid="filter-sort">
            @for (s of sorts; track s) {
              <mat-option [value]="s" [attr.data-testid]="'filter-sort-' + s">{{ sortLabels[s] | t }}</mat-option>
            }
          </mat-select>
          @if (sort === 'due') {
            <mat-hint>{{ 'cases.list.sortDueHint' | t }}</mat-hint>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="filter-apply">{{ 'cases.list.apply' | t }}</button>
      </form>

      <form class="filters saved" [attr.aria-label]="'cases.list.saved' | t" (ngSubmit)="saveFilters()">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.list.saved' | t }}</mat-label>
          <mat-select name="saved" [ngModel]="savedId()" (ngModelChange)="useSaved($event)" data-testid="saved-filters">
            @if (saved().length === 0) {
              <mat-option value="" disabled>{{ 'cases.list.noSaved' | t }}</mat-option>
            }
            @for (f of saved(); track f.id) {
              <mat-option [value]="f.id">{{ f.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (savedId()) {
          <button mat-stroked-button type="button" (click)="deleteSaved()" data-testid="saved-filter-delete">
            {{ 'cases.list.deleteSaved' | t }}
          </button>
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'cases.list.saveLabel' | t }}</mat-label>
          <input matInput name="label" maxlength="60" [(ngModel)]="saveLabel" data-testid="saved-filter-label" />
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="!saveLabel.trim()" data-testid="saved-filter-save">
          {{ 'cases.list.saveFilters' | t }}
        </button>
      </form>

      <div role="status" aria-live="polite" class="status-line">
        @if (loading()) {
          {{ 'cases.loading' | t }}
        } @else if (error()) {
          <span class="error" data-testid="case-list-error">{{ error() }}</span>
        } @else if (items().length === 0) {
          <span data-testid="case-list-empty">{{ 'cases.list.empty' | t }}</span>
        } @else {
          @if (term()) {
            <span data-testid="case-search-results">{{ 'cases.list.searchResults' | t }}:</span>
          }
          {{ 'cases.list.count' | t: { count: items().length } }}
        }
      </div>

      @if (items().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'cases.list.title' | t">
          <table class="cases cards" data-testid="case-table">
            <thead>
              <tr>
                <th scope="col">{{ 'cases.field.caseNumber' | t }}</th>
                <th scope="col">{{ 'cases.field.status' | t }}</th>
                <th scope="col">{{ 'cases.field.identificationStatus' | t }}</th>
                <th scope="col">{{ 'cases.field.province' | t }}</th>
                <th scope="col">{{ 'cases.field.leadAgency' | t }}</th>
                <th scope="col">{{ 'cases.field.assignedTo' | t }}</th>
                <th scope="col">{{ 'cases.field.flags' | t }}</th>
                <th scope="col">{{ 'cases.field.exploitationTypes' | t }}</th>
                <th scope="col">{{ 'cases.field.openedAt' | t }}</th>
                <th scope="col">{{ 'cases.field.updatedAt' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (c of rows(); track c.id) {
                <tr data-testid="case-row">
                  <th scope="row">
                    <a [routerLink]="['/cases', c.id]" data-testid="case-link">{{ c.caseNumber }}</a>
                  </th>
                  <td class="lead" [attr.data-label]="'cases.field.status' | t">{{ c.statusLabel }}</td>
                  <td [attr.data-label]="'cases.field.identificationStatus' | t">{{ c.identificationLabel }}</td>
                  <td [attr.data-label]="'cases.field.province' | t">{{ c.provinceLabel }}</td>
                  <td [attr.data-label]="'cases.field.leadAgency' | t" data-testid="case-lead-agency">
                    {{ c.leadAgencyName }}
                  </td>
                  <td [attr.data-label]="'cases.field.assignedTo' | t" data-testid="case-assignee">
                    {{ c.assignee ?? ('cases.unassigned' | t) }}
                  </td>
                  <td [attr.data-label]="'cases.field.flags' | t">
                    @for (f of c.flagLabels; track f) {
                      <span class="chip">{{ f }}</span>
                    }
                  </td>
                  <td [attr.data-label]="'cases.field.exploitationTypes' | t">{{ c.typeLabels }}</td>
                  <td [attr.data-label]="'cases.field.openedAt' | t">{{ c.opened }}</td>
                  <td [attr.data-label]="'cases.field.updatedAt' | t">{{ c.updated }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (nextCursor()) {
        <button
          mat-stroked-button
          type="button"
          class="more"
          data-testid="case-list-more"
          [disabled]="loading()"
          (click)="loadMore()"
        >
          {{ 'cases.loadMore' | t }}
        </button>
      }
    </section>
  `,
  styles: `
    .wide {
      max-width: 1280px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .search {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      margin-bottom: 20px;
    }
    .search-box {
      flex: 1 1 280px;
      max-width: 480px;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      margin-bottom: 12px;
    }
    .status-line {
      min-height: 1.6em;
      margin-bottom: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      min-width: 900px;
    }
    th,
    td {
      text-align: start;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    thead th {
      font: var(--mat-sys-label-large);
    }
    .chip {
      display: inline-block;
      padding: 0 8px;
      margin: 0 4px 4px 0;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .more {
      margin-top: 12px;
    }
  `,
})
export class CaseListPage {
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly names = inject(AgencyNames);

  protected readonly statuses = CASE_STATUSES;
  protected readonly provinces = PROVINCES;

  protected readonly riskLevels = RISK_LEVELS;
  protected readonly identifications = IDENTIFICATION_STATUSES;
  protected readonly sorts = CASE_LIST_SORTS;
  protected readonly sortLabels = {
    recent: 'cases.list.sort.recent',
    due: 'cases.list.sort.due',
  } as const satisfies Record<CaseListSort, string>;

  protected status = '';
  protected province = '';
  protected mine = false;
  protected riskLevel = '';
  protected identification = '';
  protected unassigned = false;
  protected child = false;
  protected restricted = false;
  protected overdue = false;
  protected sort: CaseListSort = 'recent';
  /** the search box; the running search is `term`, kept here only (a name never goes into the URL) */
  protected query = '';
  protected readonly term = signal<string | null>(null);
  protected saveLabel = '';
  protected readonly saved = signal<SavedCaseFilterView[]>([]);
  protected readonly savedId = signal('');

  protected readonly items = signal<CaseSummaryView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private filter: CaseListQuery = {};

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.items().map((c) => ({
      ...c,
      statusLabel: label(CASE_STATUS_LABELS, c.status, lang),
      identificationLabel: label(IDENTIFICATION_STATUS_LABELS, c.identificationStatus, lang),
      provinceLabel: label(PROVINCE_LABELS, c.provinceCode, lang),
      leadAgencyName: this.names.agency(c.leadAgency.code, lang),
      assignee: c.assignedTo ? personName(c.assignedTo) : null,
      flagLabels: c.flags.map((f) => label(CASE_FLAG_LABELS, f, lang)),
      typeLabels: c.exploitationTypes.map((x) => label(EXPLOITATION_TYPE_LABELS, x, lang)).join(', '),
      opened: formatDate(c.openedAt, lang),
      updated: formatDate(c.updatedAt, lang),
    }));
  });

  constructor() {
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      this.filter = filterFromQuery(q);
      this.status = this.filter.status ?? '';
      this.province = this.filter.province ?? '';
      this.mine = this.filter.assignedTo === 'me';
      this.riskLevel = this.filter.riskLevel ?? '';
      this.identification = this.filter.identification ?? '';
      this.unassigned = this.filter.unassigned === 'true';
      this.child = this.filter.child === 'true';
      this.restricted = this.filter.restricted === 'true';
      this.overdue = this.filter.overdue === 'true';
      this.sort = this.filter.sort ?? 'recent';
      void this.load(true);
    });
    void this.loadSaved();
  }

  protected riskLabel(r: string): string {
    return label(RISK_LEVEL_LABELS, r, this.i18n.language());
  }

  protected identificationLabel(i: string): string {
    return label(IDENTIFICATION_STATUS_LABELS, i, this.i18n.language());
  }

  protected runSearch(): void {
    const t = this.query.trim();
    this.term.set(t === '' ? null : t);
    void this.load(true);
  }

  protected clearSearch(): void {
    this.query = '';
    this.term.set(null);
    void this.load(true);
  }

  protected useSaved(id: string): void {
    this.savedId.set(id);
    const f = this.saved().find((s) => s.id === id);
    if (f) void this.router.navigate([], { relativeTo: this.route, queryParams: queryFromFilter(f.filters) });
  }

  protected async saveFilters(): Promise<void> {
    const labelText = this.saveLabel.trim();
    if (!labelText) return;
    try {
      const f = await this.api.saveFilter({ label: labelText, filters: this.formFilter() });
      this.saveLabel = '';
      this.saved.set([...this.saved(), f]);
      this.savedId.set(f.id);
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    }
  }

  protected async deleteSaved(): Promise<void> {
    const id = this.savedId();
    if (!id) return;
    try {
      await this.api.deleteFilter(id);
      this.saved.set(this.saved().filter((f) => f.id !== id));
      this.savedId.set('');
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    }
  }

  private async loadSaved(): Promise<void> {
    try {
      this.saved.set((await this.api.savedFilters()).items);
    } catch {
      // the list works without them; a failure shows when the user saves or deletes
    }
  }

  /** The filters as the form holds them now. */
  private formFilter(): CaseListQuery {
    return filterFromQuery({
      status: this.status,
      province: this.province,
      mine: this.mine ? '1' : '',
      riskLevel: this.riskLevel,
      identification: this.identification,
      unassigned: this.unassigned ? 'true' : '',
      child: this.child ? 'true' : '',
      restricted: this.restricted ? 'true' : '',
      overdue: this.overdue ? 'true' : '',
      sort: this.sort,
    });
  }

  protected statusLabel(s: string): string {
    return label(CASE_STATUS_LABELS, s, this.i18n.language());
  }

  protected provinceLabel(code: string): string {
    return label(PROVINCE_LABELS, code, this.i18n.language());
  }

  protected applyFilters(): void {
    this.savedId.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: queryFromFilter(this.formFilter()) });
  }

  protected loadMore(): void {
    void this.load(false);
  }

  private async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const cursor = reset ? null : this.nextCursor();
      const term = this.term();
      const number = term === null ? null : asCaseNumber(term);
      const page =
        term === null
          ? await this.api.list(this.filter, cursor)
          : await this.api.search(number ? { ...this.filter, number } : { ...this.filter, name: term }, cursor);
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.nextCursor.set(page.nextCursor);
    } catch (e) {
      if (reset) this.items.set([]);
      this.error.set(describeErrorIn(this.i18n, e).message);
    } finally {
      this.loading.set(false);
    }
  }
}
