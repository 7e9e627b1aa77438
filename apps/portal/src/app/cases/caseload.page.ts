import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  CASE_STATUS_LABELS,
  label,
  MAX_BULK_REASSIGN,
  PROVINCE_LABELS,
  ROLE_LABELS,
  type CaseloadCountsView,
  type CaseloadView,
  type CaseSummaryView,
} from '@ctms/domain';
import {
  ConfirmAction,
  describeErrorIn,
  fieldProblems,
  FORM_KIT,
  formatDateTime,
  I18n,
  KeysetList,
  KeysetTable,
} from '@ctms/ui';
import { CaseloadApi } from './caseload-api';
import { UserPicker } from './user-picker';

/** A row of the per-worker table: a worker, or nobody (`id` null). */
interface WorkerRow extends CaseloadCountsView {
  id: string | null;
  name: string;
  roles: string;
}

/**
 * /caseload, for supervisors (case:caseload): per worker of the agency the open cases, open and
 * overdue items, and what nobody active carries (a disabled worker's cases count there at once); a
 * worker's open cases below (keyset pages), selectable, and one reassignment of the selection with
 * a reason (ConfirmAction; the API does it all or nothing). Tables become cards on a phone.
 */
@Component({
  selector: 'app-caseload-page',
  imports: [RouterLink, FORM_KIT, ConfirmAction, KeysetTable, UserPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .num {
      text-align: end;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin: 12px 0;
    }
  `,
  template: `
    <section class="page wide" data-testid="caseload">
      <h1 class="page-title">{{ 'cl.title' | t }}</h1>
      <p class="hint">{{ 'cl.intro' | t }}</p>
      <div role="status" aria-live="polite" data-testid="caseload-status">
        @if (error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (!load()) {
          {{ 'cl.loading' | t }}
        } @else if (done(); as d) {
          <span data-testid="caseload-done">{{ d }}</span>
        }
      </div>
      @if (workers().length) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'cl.workers' | t">
          <table class="cards" data-testid="caseload-workers">
            <thead>
              <tr>
                <th scope="col">{{ 'cl.worker' | t }}</th>
                <th scope="col">{{ 'cl.roles' | t }}</th>
                <th scope="col" class="num">{{ 'cl.activeCases' | t }}</th>
                <th scope="col" class="num">{{ 'cl.openItems' | t }}</th>
                <th scope="col" class="num">{{ 'cl.overdueItems' | t }}</th>
                <th scope="col">{{ 'cl.actions' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (w of workers(); track w.id ?? '-') {
                <tr data-testid="caseload-worker" [attr.data-worker]="w.id ?? 'none'">
                  <th scope="row">{{ w.name }}</th>
                  <td [attr.data-label]="'cl.roles' | t">{{ w.roles }}</td>
                  <td class="num lead" [attr.data-label]="'cl.activeCases' | t" data-testid="caseload-active">
                    {{ w.activeCases }}
                  </td>
                  <td class="num" [attr.data-label]="'cl.openItems' | t">{{ w.openItems }}</td>
                  <td class="num" [class.overdue]="w.overdueItems > 0" [attr.data-label]="'cl.overdueItems' | t">
                    {{ w.overdueItems }}
                  </td>
                  <td>
                    <button
                      mat-stroked-button
                      type="button"
                      [attr.aria-pressed]="shown() === w.id"
                      (click)="show(w)"
                      data-testid="caseload-show"
                    >
                      {{ 'cl.show' | t }}<span class="visually-hidden">: {{ w.name }}</span>
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (shownName(); as name) {
        <h2 class="sub" data-testid="caseload-cases-title">{{ 'cl.casesOf' | t: { name } }}</h2>
        <div class="bar">
          <mat-checkbox
            [checked]="allSelected()"
            [indeterminate]="selected().size > 0 && !allSelected()"
            (change)="selectAll($event.checked)"
            data-testid="caseload-select-all"
            >{{ 'cl.selectAll' | t }}</mat-checkbox
          >
          <span data-testid="caseload-selected">{{ 'cl.selected' | t: { count: selected().size } }}</span>
        </div>
        <app-keyset-table
          [list]="cases"
          [label]="'cl.casesCaption' | t"
          [emptyText]="'cl.noCases' | t"
          emptyTestId="caseload-empty"
        >
          <table class="cards" data-testid="caseload-cases">
            <thead>
              <tr>
                <th scope="col">{{ 'cl.case' | t }}</th>
                <th scope="col">{{ 'cl.select' | t }}</th>
                <th scope="col">{{ 'cl.status' | t }}</th>
                <th scope="col">{{ 'cl.province' | t }}</th>
                <th scope="col">{{ 'cl.updated' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (c of caseRows(); track c.id) {
                <tr data-testid="caseload-case" [attr.data-case]="c.caseNumber">
                  <th scope="row">
                    <a [routerLink]="['/cases', c.id]">{{ c.caseNumber }}</a>
                  </th>
                  <td>
                    <mat-checkbox
                      [checked]="selected().has(c.id)"
                      (change)="toggle(c.id, $event.checked)"
                      [aria-label]="'cl.selectCase' | t: { caseNumber: c.caseNumber }"
                      data-testid="caseload-case-select"
                    ></mat-checkbox>
                  </td>
                  <td class="lead" [attr.data-label]="'cl.status' | t">{{ c.status }}</td>
                  <td [attr.data-label]="'cl.province' | t">{{ c.province }}</td>
                  <td [attr.data-label]="'cl.updated' | t">{{ c.updated }}</td>
                </tr>
              }
            </tbody>
          </table>
        </app-keyset-table>
        @if (selected().size > max) {
          <p class="error" role="alert">{{ 'cl.max' | t: { max } }}</p>
        }
        <app-confirm-action
          [label]="'cl.reassign' | t"
          [title]="'cl.reassignTitle' | t: { count: selected().size }"
          [message]="'cl.reassignMessage' | t"
          [confirmLabel]="'cl.reassignConfirm' | t"
          [reasonHint]="'cl.reasonHint' | t"
          [disabled]="selected().size === 0 || selected().size > max"
          [allowed]="!!assignee()"
          [run]="reassign"
          testId="caseload-reassign"
        >
          <app-user-picker
            [(value)]="assignee"
            [province]="commonProvince()"
            [currentId]="shown() ?? null"
            [error]="assigneeError()"
            testId="caseload-assignee"
          />
        </app-confirm-action>
      }
    </section>
  `,
})
export class CaseloadPage {
  private readonly api = inject(CaseloadApi);
  private readonly i18n = inject(I18n);

  protected readonly max = MAX_BULK_REASSIGN;
  protected readonly load = signal<CaseloadView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  /** the worker whose cases are shown: a user id, null for nobody, undefined before a choice */
  protected readonly shown = signal<string | null | undefined>(undefined);
  protected readonly shownName = signal<string | null>(null);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly assignee = signal('');
  protected readonly assigneeError = signal<string | null>(null);
  protected readonly cases = new KeysetList<CaseSummaryView>(
    (cursor) => this.api.cases(this.shown() ?? null, cursor),
    (e) => describeErrorIn(this.i18n, e).message,
  );

  protected readonly workers = computed<WorkerRow[]>(() => {
    const l = this.load();
    if (!l) return [];
    const lang = this.i18n.language();
    return [
      ...l.workers.map((w) => ({
        ...w,
        id: w.user.id,
        // the person's name, as everywhere a supervisor reads (the username is for sign-in and audit filters)
        name: w.user.displayName,
        roles: w.user.roles.map((r) => label(ROLE_LABELS, r, lang)).join(', '),
      })),
      { ...l.unassigned, id: null, name: this.i18n.t('cl.unassigned'), roles: '' },
    ];
  });

  protected readonly caseRows = computed(() => {
    const lang = this.i18n.language();
    return this.cases.items().map((c) => ({
      id: c.id,
      caseNumber: c.caseNumber,
      status: label(CASE_STATUS_LABELS, c.status, lang),
      province: label(PROVINCE_LABELS, c.provinceCode, lang),
      provinceCode: c.provinceCode,
      updated: formatDateTime(c.updatedAt, lang),
    }));
  });

  protected readonly allSelected = computed(
    () => this.caseRows().length > 0 && this.caseRows().every((c) => this.selected().has(c.id)),
  );

  /** The province of every selected case when they share one: the picker lists who covers it. */
  protected readonly commonProvince = computed(() => {
    const provinces = new Set(
      this.cases
        .items()
        .filter((c) => this.selected().has(c.id))
        .map((c) => c.provinceCode),
    );
    return provinces.size === 1 ? [...provinces][0] : null;
  });

  constructor() {
    void this.refresh();
  }

  protected show(w: WorkerRow): void {
    this.shown.set(w.id);
    this.shownName.set(w.name);
    this.selected.set(new Set());
    this.done.set(null);
    void this.cases.load(true);
  }

  protected toggle(id: string, on: boolean): void {
    const next = new Set(this.selected());
    if (on) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected selectAll(on: boolean): void {
    this.selected.set(on ? new Set(this.caseRows().map((c) => c.id)) : new Set());
  }

  /** All or nothing (the API): on success the counts and the list reload; a refused assignee shows under the picker. */
  protected readonly reassign = async (reason: string): Promise<boolean> => {
    this.assigneeError.set(null);
    this.error.set(null);
    try {
      const res = await this.api.reassign({ caseIds: [...this.selected()], assigneeId: this.assignee(), reason });
      this.done.set(this.i18n.t('cl.done', { count: res.reassigned }));
      this.selected.set(new Set());
      this.assignee.set('');
      await Promise.all([this.refresh(), this.cases.load(true)]);
      return true;
    } catch (e) {
      const problems = fieldProblems(e)['assigneeId'];
      if (problems?.length) this.assigneeError.set(problems.join(' '));
      else this.error.set(describeErrorIn(this.i18n, e).message);
      return false;
    }
  };

  private async refresh(): Promise<void> {
    try {
      this.load.set(await this.api.caseload());
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    }
  }
}
