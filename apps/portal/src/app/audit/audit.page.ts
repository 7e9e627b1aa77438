import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_OUTCOME_LABELS,
  AUDIT_OUTCOMES,
  isOneOf,
  label,
  WORKFLOW_REFUSAL_LABELS,
  type AuditEntryView,
  type AuditQuery,
  type Language,
} from '@ctms/domain';
import { AUDIT_REASON_LABELS } from '../core/i18n/dict-interagency';
import { InterAgencyApi } from '../referrals/interagency-api';
import {
  AgencyNames,
  describeErrorIn,
  formatDateTime,
  I18n,
  KeysetList,
  KeysetTable,
  laoLocalToIso,
  personName,
  TranslatePipe,
  type TranslationKey,
} from '@ctms/ui';

export const OBJECT_TYPES = [
  'case',
  'person',
  'screening',
  'consent',
  'referral',
  'handoff',
  'attachment',
  'export',
  'user',
  'agency',
  'session',
] as const;

const CHECKS: Readonly<Record<keyof AuditQuery, RegExp>> = {
  objectType: /^[a-z_]{2,40}$/,
  objectId: /^[A-Za-z0-9-]{1,64}$/,
  actor: /^[a-z0-9._-]{1,64}$/,
  action: /^[A-Z_]{2,64}$/,
  outcome: /^(ALLOWED|DENIED|FAILED)$/,
  from: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
  to: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
};

/** The filters as they may appear in the URL: codes, ids, staff usernames and Lao-time instants only; anything else is dropped. */
export function auditFilterFromQuery(q: Readonly<Record<string, unknown>>): AuditQuery {
  const out: AuditQuery = {};
  for (const k of Object.keys(CHECKS) as (keyof AuditQuery)[]) {
    const v = q[k];
    if (typeof v === 'string' && CHECKS[k].test(v)) out[k] = v;
  }
  return out;
}

const KINDS = new Set<string>([...OBJECT_TYPES, 'person_merge', 'notification', 'match_request']);

/** The dictionary key of an audit object kind's word ("Case", "ກໍລະນີ"); an unknown kind is "Other record". */
export function auditKindKey(kind: string): TranslationKey {
  return (KINDS.has(kind) ? `audit.kind.${kind}` : 'audit.kind.other') as TranslationKey;
}

function reasonLabel(code: string | null, lang: Language): string {
  if (!code) return '';
  if (Object.prototype.hasOwnProperty.call(AUDIT_REASON_LABELS, code)) return label(AUDIT_REASON_LABELS, code, lang);
  return label(WORKFLOW_REFUSAL_LABELS, code, lang);
}

/** The agency's audit trail with filters (supervisors). */
@Component({
  selector: 'app-audit-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    KeysetTable,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 8px;
    }
    .filters mat-form-field {
      width: 200px;
    }
    table {
      min-width: 760px;
    }
    code {
      font-size: 0.85em;
      word-break: break-all;
    }
  `,
  template: `
    <section class="page wide" data-testid="audit-page">
      <h1 class="page-title">{{ 'audit.title' | t }}</h1>
      <p class="hint">{{ 'audit.hint' | t }}</p>
      <form
        class="filters"
        role="search"
        [attr.aria-label]="'audit.title' | t"
        (ngSubmit)="apply()"
        data-testid="audit-filters"
      >
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.objectType' | t }}</mat-label>
          <mat-select name="objectType" [(ngModel)]="f.objectType" data-testid="audit-object-type">
            <mat-option value="">{{ 'audit.any' | t }}</mat-option>
            @for (o of objectTypes; track o) {
              <mat-option [value]="o">{{ kindLabel(o) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.objectId' | t }}</mat-label>
          <input
            matInput
            name="objectId"
            lang="en"
            autocomplete="off"
            [(ngModel)]="f.objectId"
            data-testid="audit-object-id"
          />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.actor' | t }}</mat-label>
          <input matInput name="actor" lang="en" autocomplete="off" [(ngModel)]="f.actor" data-testid="audit-actor" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.action' | t }}</mat-label>
          <mat-select name="action" [(ngModel)]="f.action" data-testid="audit-action">
            <mat-option value="">{{ 'audit.any' | t }}</mat-option>
            @for (a of actions; track a) {
              <mat-option [value]="a" [attr.data-testid]="'audit-action-' + a">{{ actionLabel(a) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.outcome' | t }}</mat-label>
          <mat-select name="outcome" [(ngModel)]="f.outcome" data-testid="audit-outcome">
            <mat-option value="">{{ 'audit.any' | t }}</mat-option>
            @for (o of outcomes; track o) {
              <mat-option [value]="o">{{ outcomeLabel(o) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.from' | t }}</mat-label>
          <input matInput type="datetime-local" name="from" [(ngModel)]="f.from" data-testid="audit-from" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.to' | t }}</mat-label>
          <input matInput type="datetime-local" name="to" [(ngModel)]="f.to" data-testid="audit-to" />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="audit-apply">{{ 'audit.search' | t }}</button>
        <button mat-button type="button" (click)="clear()">{{ 'audit.clear' | t }}</button>
      </form>
      <app-keyset-table [list]="list" [label]="'audit.title' | t" errorTestId="audit-error">
        <table class="cards" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{{ 'audit.seq' | t }}</th>
              <th scope="col">{{ 'ia.when' | t }}</th>
              <th scope="col">{{ 'audit.actor' | t }}</th>
              <th scope="col">{{ 'audit.agency' | t }}</th>
              <th scope="col">{{ 'ia.what' | t }}</th>
              <th scope="col">{{ 'audit.object' | t }}</th>
              <th scope="col">{{ 'audit.outcome' | t }}</th>
              <th scope="col">{{ 'ia.reason' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.seq) {
              <tr data-testid="audit-row" [attr.data-action]="r.action">
                <td [attr.data-label]="'audit.seq' | t">{{ r.seq }}</td>
                <td class="lead" [attr.data-label]="'ia.when' | t">{{ r.when }}</td>
                <td [attr.data-label]="'ia.who' | t" data-testid="audit-who">{{ r.who }}</td>
                <td [attr.data-label]="'audit.agency' | t">{{ r.agency }}</td>
                <td class="lead" [attr.data-label]="'ia.what' | t" data-testid="audit-what">{{ r.what }}</td>
                <td [attr.data-label]="'audit.object' | t" data-testid="audit-object">
                  {{ r.kind }}
                  @if (r.case; as c) {
                    <a [routerLink]="['/cases', c.id]" data-testid="audit-case-link">{{ c.caseNumber }}</a>
                  }
                </td>
                <td [attr.data-label]="'audit.outcome' | t">{{ r.outcome }}</td>
                <td [attr.data-label]="'ia.reason' | t">{{ r.reason }}</td>
              </tr>
            }
          </tbody>
        </table>
      </app-keyset-table>
    </section>
  `,
})
export class AuditPage {
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly names = inject(AgencyNames);

  protected readonly objectTypes = OBJECT_TYPES;
  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly actions = AUDIT_ACTIONS;
  protected f: Required<Record<keyof AuditQuery, string>> = {
    objectType: '',
    objectId: '',
    actor: '',
    action: '',
    outcome: '',
    from: '',
    to: '',
  };
  private filter: AuditQuery = {};
  protected readonly list = new KeysetList<AuditEntryView>(
    (cursor) => {
      const query: AuditQuery = { ...this.filter };
      if (query.from) query.from = laoLocalToIso(query.from) ?? undefined;
      if (query.to) query.to = laoLocalToIso(query.to) ?? undefined;
      return this.api.audit(query, cursor);
    },
    (e) => describeErrorIn(this.i18n, e).message,
  );

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.list.items().map((e) => ({
      seq: e.seq,
      when: formatDateTime(e.at, lang),
      who: personName(e.actor),
      agency: this.names.agency(e.actor?.agencyCode, lang),
      action: e.action,
      what: label(AUDIT_ACTION_LABELS, e.action, lang),
      // the kind as a word, and the case it belongs to by its number, linked; never a raw id
      kind: e.objectType ? this.i18n.t(auditKindKey(e.objectType)) : '—',
      case: e.case ?? null,
      outcome: isOneOf(AUDIT_OUTCOMES, e.outcome) ? label(AUDIT_OUTCOME_LABELS, e.outcome, lang) : e.outcome,
      reason: reasonLabel(e.reason, lang),
    }));
  });

  constructor() {
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      this.filter = auditFilterFromQuery(q);
      this.f = { objectType: '', objectId: '', actor: '', action: '', outcome: '', from: '', to: '', ...this.filter };
      void this.list.load(true);
    });
  }

  protected kindLabel(kind: string): string {
    return this.i18n.t(auditKindKey(kind));
  }

  protected actionLabel(a: string): string {
    return label(AUDIT_ACTION_LABELS, a, this.i18n.language());
  }

  protected outcomeLabel(o: string): string {
    return label(AUDIT_OUTCOME_LABELS, o, this.i18n.language());
  }

  protected apply(): void {
    const raw = {
      objectType: this.f.objectType,
      objectId: this.f.objectId.trim(),
      actor: this.f.actor.trim().toLowerCase(),
      action: this.f.action.trim().toUpperCase(),
      outcome: this.f.outcome,
      from: this.f.from,
      to: this.f.to,
    };
    const clean = auditFilterFromQuery(raw);
    const queryParams: Record<string, string | null> = {};
    for (const k of Object.keys(CHECKS)) queryParams[k] = clean[k as keyof AuditQuery] ?? null;
    void this.router.navigate([], { relativeTo: this.route, queryParams });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }
}
