import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  EXPORT_KIND_LABELS,
  EXPORT_KINDS,
  EXPORT_REASON_MAX,
  EXPORT_REASON_MIN,
  EXPORT_STATUS_LABELS,
  isOneOf,
  label,
  PROVINCE_CODES,
  PROVINCE_LABELS,
  type CaseStatus,
  type CreateExportRequest,
  type ExportKind,
  type ExportView,
  type ProvinceCode,
} from '@ctms/domain';
import {
  actionState,
  attachmentFileName,
  ConfirmAction,
  describeErrorIn,
  FORM_KIT,
  formatDateTime,
  I18n,
  InboxTabs,
  KeysetList,
  KeysetTable,
  saveBlob,
  type InboxBox,
  type InboxBoxWords,
} from '@ctms/ui';
import { AuthService } from '../core/auth/auth.service';
import { ExportsApi } from './exports.api';

/** The page's tabs as the inbox boxes of `InboxTabs`: the form (no box), what I asked, what waits for me. */
type Tab = 'request' | 'mine' | 'approve';
const TAB_OF_BOX: Readonly<Record<string, Tab>> = { outgoing: 'mine', incoming: 'approve' };

/** States in which an export still moves by itself (the list looks again while one is in them). */
const MOVING = new Set(['AWAITING_APPROVAL', 'QUEUED', 'RUNNING']);
const POLL_MS = 5_000;

/**
 * /exports, for `export:create` (issue 16 item 5, decision 0035): tabs "Request" (kind, filters,
 * identity, a case file prefilled from the case page, and the reason every export needs), "My
 * exports" (status, requested at, time left, the one-time download) and, for `export:approve`,
 * "To approve" (kind, requester, reason, identity; approve or decline, never one's own: the API
 * leaves those out). Tables turn into cards at phone width (`table.cards`).
 */
@Component({
  selector: 'app-exports-page',
  imports: [FORM_KIT, ConfirmAction, InboxTabs, KeysetTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    table {
      min-width: 640px;
    }
    .reason {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  template: `
    <section class="page wide" data-testid="exports-page">
      <h1 class="page-title">{{ 'ex.title' | t }}</h1>
      <p class="hint">{{ 'ex.intro' | t }}</p>
      <app-inbox-tabs
        path="/exports"
        [boxes]="boxes()"
        [box]="box()"
        [label]="'ex.tabs' | t"
        [words]="tabWords()"
        tabTestId="exports-tab-"
      />
      <div role="status" aria-live="polite">
        @if (act.notice(); as n) {
          <p [class.error]="n.kind === 'error'" data-testid="exports-notice">{{ n.text }}</p>
        }
      </div>

      @switch (tab()) {
        @case ('request') {
          <form class="form" (ngSubmit)="request()" data-testid="export-form">
            <mat-form-field>
              <mat-label>{{ 'ex.kind' | t }}</mat-label>
              <mat-select name="kind" [ngModel]="kind()" (ngModelChange)="kind.set($event)" data-testid="export-kind">
                @for (k of kinds(); track k) {
                  <mat-option [value]="k">{{ kindLabel(k) }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (kind() === 'CASE_FILE_PDF') {
              <p data-testid="export-case">
                <strong>{{ 'ex.case' | t }}:</strong> {{ caseNumber() || caseId() }}
              </p>
              <p class="hint">{{ 'ex.pdfApproval' | t }}</p>
            } @else {
              <fieldset class="filters">
                <legend>{{ 'ex.filters' | t }}</legend>
                <mat-form-field>
                  <mat-label>{{ 'ex.status' | t }}</mat-label>
                  <mat-select name="status" [(ngModel)]="status" data-testid="export-status">
                    <mat-option value="">{{ 'ex.any' | t }}</mat-option>
                    @for (s of caseStatuses; track s) {
                      <mat-option [value]="s">{{ caseStatusLabel(s) }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>{{ 'ex.province' | t }}</mat-label>
                  <mat-select name="province" [(ngModel)]="province" data-testid="export-province">
                    <mat-option value="">{{ 'ex.any' | t }}</mat-option>
                    @for (p of provinces; track p) {
                      <mat-option [value]="p">{{ provinceLabel(p) }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
              </fieldset>
              @if (!caseId()) {
                <p class="hint">{{ 'ex.caseNone' | t }}</p>
              }
            }
            <mat-checkbox
              name="includeIdentity"
              [ngModel]="includeIdentity()"
              (ngModelChange)="includeIdentity.set($event)"
              data-testid="export-identity"
              >{{ 'ex.identity' | t }}</mat-checkbox
            >
            <mat-form-field>
              <mat-label>{{ 'ex.reason' | t }}</mat-label>
              <textarea
                matInput
                name="reason"
                rows="3"
                required
                [attr.minlength]="reasonMin"
                [attr.maxlength]="reasonMax"
                [ngModel]="reason()"
                (ngModelChange)="reason.set($event)"
                aria-describedby="export-reason-hint"
                data-testid="export-reason"
              ></textarea>
              <mat-hint id="export-reason-hint">{{ 'ex.reasonHint' | t: { min: reasonMin, max: reasonMax } }}</mat-hint>
            </mat-form-field>
            @if (reasonError(); as e) {
              <p class="error" data-testid="export-reason-error">{{ e }}</p>
            }
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="act.busy()" data-testid="export-submit">
                {{ 'ex.submit' | t }}
              </button>
            </div>
          </form>
        }
        @case ('mine') {
          <div class="actions">
            <button mat-stroked-button type="button" (click)="mine.load(true)" data-testid="exports-refresh">
              {{ 'ex.refresh' | t }}
            </button>
          </div>
          <app-keyset-table [list]="mine" [label]="'ex.mineTable' | t" [emptyText]="'ex.mineEmpty' | t">
            <table class="cards" data-testid="exports-mine">
              <thead>
                <tr>
                  <th scope="col">{{ 'ex.kind' | t }}</th>
                  <th scope="col">{{ 'ex.requestedAt' | t }}</th>
                  <th scope="col">{{ 'list.status' | t }}</th>
                  <th scope="col">{{ 'ex.expiresIn' | t }}</th>
                  <th scope="col">{{ 'ex.reason' | t }}</th>
                  <th scope="col">
                    <span class="visually-hidden">{{ 'ex.download' | t }}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (r of mineRows(); track r.id) {
                  <tr data-testid="export-row" [attr.data-id]="r.id" [attr.data-status]="r.status">
                    <th scope="row">{{ r.kindLabel }}</th>
                    <td [attr.data-label]="'ex.requestedAt' | t">{{ r.requestedAt }}</td>
                    <td class="lead" [attr.data-label]="'list.status' | t" data-testid="export-row-status">
                      {{ r.statusLabel }}
                    </td>
                    <td [attr.data-label]="'ex.expiresIn' | t" data-testid="export-row-expiry">{{ r.expiry }}</td>
                    <td class="reason" [attr.data-label]="'ex.reason' | t">
                      {{ r.reason }}
                      @if (r.declineReason) {
                        <br />{{ 'ex.declinedBecause' | t: { reason: r.declineReason } }}
                      }
                    </td>
                    <td>
                      @if (r.downloadable) {
                        <button
                          mat-flat-button
                          type="button"
                          [disabled]="downloading() === r.id"
                          [attr.aria-label]="'ex.downloadLabel' | t: { kind: r.kindLabel, when: r.requestedAt }"
                          (click)="download(r.id)"
                          data-testid="export-download"
                        >
                          {{ 'ex.download' | t }}
                        </button>
                      } @else if (r.status === 'DOWNLOADED') {
                        <span data-testid="export-used">{{ 'ex.downloaded' | t }}</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </app-keyset-table>
        }
        @case ('approve') {
          <div class="actions">
            <button mat-stroked-button type="button" (click)="approvals.load(true)" data-testid="approvals-refresh">
              {{ 'ex.refresh' | t }}
            </button>
          </div>
          <app-keyset-table
            [list]="approvals"
            [label]="'ex.approveTable' | t"
            [emptyText]="'ex.approveEmpty' | t"
            emptyTestId="approvals-empty"
          >
            <table class="cards" data-testid="exports-approvals">
              <thead>
                <tr>
                  <th scope="col">{{ 'ex.kind' | t }}</th>
                  <th scope="col">{{ 'ex.requester' | t }}</th>
                  <th scope="col">{{ 'ex.requestedAt' | t }}</th>
                  <th scope="col">{{ 'ex.withIdentity' | t }}</th>
                  <th scope="col">{{ 'ex.reason' | t }}</th>
                  <th scope="col">
                    <span class="visually-hidden">{{ 'ex.approve' | t }}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (r of approvalRows(); track r.id) {
                  <tr data-testid="approval-row" [attr.data-id]="r.id">
                    <th scope="row">{{ r.kindLabel }}</th>
                    <td [attr.data-label]="'ex.requester' | t" data-testid="approval-requester">{{ r.requester }}</td>
                    <td [attr.data-label]="'ex.requestedAt' | t">{{ r.requestedAt }}</td>
                    <td [attr.data-label]="'ex.withIdentity' | t" data-testid="approval-identity">
                      {{ (r.includeIdentity ? 'ex.yes' : 'ex.no') | t }}
                    </td>
                    <td class="reason" [attr.data-label]="'ex.reason' | t" data-testid="approval-reason">
                      {{ r.reason }}
                    </td>
                    <td>
                      <div class="row-actions">
                        <app-confirm-action
                          testId="approval-approve"
                          reason="none"
                          [label]="'ex.approve' | t"
                          [detail]="r.rowFor"
                          [title]="'ex.approveTitle' | t"
                          [message]="'ex.approveMessage' | t: { name: r.requester }"
                          [busy]="act.busy()"
                          [run]="r.approve"
                        />
                        <app-confirm-action
                          testId="approval-decline"
                          reason="required"
                          [minLength]="reasonMin"
                          [label]="'ex.decline' | t"
                          [detail]="r.rowFor"
                          [title]="'ex.declineTitle' | t"
                          [message]="'ex.declineMessage' | t: { name: r.requester }"
                          [reasonLabel]="'ex.declineReason' | t"
                          [busy]="act.busy()"
                          [run]="r.decline"
                        />
                      </div>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </app-keyset-table>
        }
      }
    </section>
  `,
})
export class ExportsPage {
  private readonly api = inject(ExportsApi);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });

  protected readonly reasonMin = EXPORT_REASON_MIN;
  protected readonly reasonMax = EXPORT_REASON_MAX;
  protected readonly caseStatuses = CASE_STATUSES;
  protected readonly provinces = PROVINCE_CODES;

  protected readonly canApprove = computed(() => this.auth.permissions().has('export:approve'));
  protected readonly boxes = computed<readonly InboxBox[]>(() =>
    this.canApprove() ? [null, 'outgoing', 'incoming'] : [null, 'outgoing'],
  );
  protected readonly box = computed<InboxBox>(() => {
    const b = this.query().get('box');
    if (b === 'outgoing') return 'outgoing';
    if (b === 'incoming' && this.canApprove()) return 'incoming';
    return null;
  });
  protected readonly tab = computed<Tab>(() => TAB_OF_BOX[this.box() ?? ''] ?? 'request');
  protected readonly tabWords = computed<InboxBoxWords>(() => ({
    all: this.i18n.t('ex.tab.request'),
    outgoing: this.i18n.t('ex.tab.mine'),
    incoming: this.i18n.t('ex.tab.approve'),
  }));

  // --- the request form (a case file only from the case page: its id comes in the query) ---
  protected readonly caseId = computed(() => this.query().get('caseId'));
  protected readonly caseNumber = computed(() => this.query().get('caseNumber') ?? '');
  protected readonly kinds = computed<readonly ExportKind[]>(() =>
    this.caseId() ? EXPORT_KINDS : EXPORT_KINDS.filter((k) => k !== 'CASE_FILE_PDF'),
  );
  protected readonly kind = signal<ExportKind>('CASE_LIST_CSV');
  protected status = '';
  protected province = '';
  protected readonly includeIdentity = signal(false);
  protected readonly reason = signal('');
  protected readonly tried = signal(false);

  protected readonly act = actionState();
  protected readonly reasonError = computed(() => {
    const api = this.act.fieldErrors()['reason'];
    if (api) return api;
    return this.tried() && this.reason().trim().length < EXPORT_REASON_MIN
      ? this.i18n.t('ex.reasonShort', { min: EXPORT_REASON_MIN })
      : null;
  });

  // --- the lists ---
  private readonly describe = (e: unknown) => describeErrorIn(this.i18n, e).message;
  protected readonly mine = new KeysetList<ExportView>((cursor) => this.api.list('mine', cursor), this.describe, {
    keepOnError: true,
  });
  protected readonly approvals = new KeysetList<ExportView>(
    (cursor) => this.api.list('approvals', cursor),
    this.describe,
  );
  protected readonly downloading = signal<string | null>(null);
  private readonly now = signal(Date.now());

  protected readonly mineRows = computed(() => {
    const lang = this.i18n.language();
    const now = this.now();
    return this.mine.items().map((e) => {
      const expiresAt = e.expiresAt ? Date.parse(e.expiresAt) : null;
      const expired = e.status === 'EXPIRED' || (e.status === 'READY' && expiresAt !== null && expiresAt <= now);
      const expiry =
        e.status === 'READY' && !expired && expiresAt !== null
          ? this.i18n.t('ex.expiresMinutes', { m: Math.max(1, Math.ceil((expiresAt - now) / 60_000)) })
          : expired
            ? this.i18n.t('ex.expired')
            : '';
      return {
        id: e.id,
        status: expired ? 'EXPIRED' : e.status,
        kindLabel: label(EXPORT_KIND_LABELS, e.kind, lang),
        statusLabel: label(EXPORT_STATUS_LABELS, expired ? 'EXPIRED' : e.status, lang),
        requestedAt: formatDateTime(e.createdAt, lang),
        expiry,
        reason: e.reason ?? '',
        declineReason: e.declineReason,
        downloadable: e.status === 'READY' && !expired,
      };
    });
  });

  protected readonly approvalRows = computed(() => {
    const lang = this.i18n.language();
    return this.approvals.items().map((e) => {
      const kindLabel = label(EXPORT_KIND_LABELS, e.kind, lang);
      const requester = e.requestedBy.displayName || e.requestedBy.username;
      return {
        id: e.id,
        kindLabel,
        requester,
        requestedAt: formatDateTime(e.createdAt, lang),
        includeIdentity: e.includeIdentity,
        reason: e.reason ?? '',
        rowFor: this.i18n.t('ex.rowFor', { kind: kindLabel, name: requester }),
        approve: () => this.review(() => this.api.approve(e.id), 'ex.approved'),
        decline: (reason: string) => this.review(() => this.api.decline(e.id, { reason }), 'ex.declined'),
      };
    });
  });

  constructor() {
    // the case page's link opens the form with its case
    effect(() => {
      if (this.caseId()) this.kind.set('CASE_FILE_PDF');
    });
    // each tab loads its list when shown
    effect(() => {
      const tab = this.tab();
      if (tab === 'mine') void this.mine.load(true);
      if (tab === 'approve') void this.approvals.load(true);
    });
    // while an export of mine still moves (waits, queued, being made), look again; the clock ticks for "time left"
    const timer = setInterval(() => {
      this.now.set(Date.now());
      if (this.tab() === 'mine' && !this.mine.loading() && this.mine.items().some((e) => MOVING.has(e.status)))
        void this.mine.load(true);
    }, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected kindLabel(k: ExportKind): string {
    return label(EXPORT_KIND_LABELS, k, this.i18n.language());
  }
  protected caseStatusLabel(s: CaseStatus): string {
    return label(CASE_STATUS_LABELS, s, this.i18n.language());
  }
  protected provinceLabel(p: ProvinceCode): string {
    return label(PROVINCE_LABELS, p, this.i18n.language());
  }

  protected async request(): Promise<void> {
    this.tried.set(true);
    if (this.reason().trim().length < EXPORT_REASON_MIN) return;
    const kind = this.kind();
    const pdf = kind === 'CASE_FILE_PDF';
    const body: CreateExportRequest = {
      kind,
      includeIdentity: this.includeIdentity(),
      reason: this.reason().trim(),
      ...(pdf
        ? { caseId: this.caseId() ?? '' }
        : {
            filters: {
              ...(isOneOf(CASE_STATUSES, this.status) ? { status: this.status } : {}),
              ...(this.province ? { province: this.province } : {}),
            },
          }),
    };
    const done = await this.act.run(() => this.api.create(body), 'ex.requested');
    if (!done) return;
    this.reason.set('');
    this.tried.set(false);
    await this.router.navigate(['/exports'], { queryParams: { box: 'outgoing' } });
  }

  /** The one download: the file arrives (its name from the API), then the list shows it used. */
  protected async download(id: string): Promise<void> {
    this.downloading.set(id);
    this.act.notice.set(null);
    try {
      const res = await this.api.download(id);
      if (!res.body) throw new Error('empty download');
      saveBlob(
        res.body,
        attachmentFileName(res.headers.get('content-disposition'), `export-${id.slice(0, 8)}`),
        this.document,
      );
      this.act.notice.set({ kind: 'ok', text: this.i18n.t('ex.downloadDone') });
    } catch {
      this.act.notice.set({ kind: 'error', text: this.i18n.t('ex.downloadFailed') });
    } finally {
      this.downloading.set(null);
      await this.mine.load(true);
    }
  }

  private async review(fn: () => Promise<ExportView>, ok: 'ex.approved' | 'ex.declined'): Promise<unknown> {
    const done = await this.act.run(fn, ok);
    // approved, declined or taken by someone else meanwhile: the queue is read again
    await this.approvals.load(true);
    return done;
  }
}
