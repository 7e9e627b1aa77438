import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  DATA_CATEGORY_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  FORMER_LEAD_ACCESS_LABELS,
  label,
  PROVINCE_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
  type DeclineReason,
} from '@ctms/domain';
import { UserPicker } from '../cases/user-picker';
import { TransferApi } from './transfer-api';
import { AgencyNames, ConfirmAction, describeErrorIn, formatDateTime, I18n, RecordLoad, TranslatePipe } from '@ctms/ui';

/** One transfer: where the case goes, and the answer the caller's side may give (from `allowedActions`). */
@Component({
  selector: 'app-transfer-page',
  imports: [
    ConfirmAction,
    TranslatePipe,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    UserPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .actions {
      display: grid;
      gap: 16px;
      max-width: 560px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  template: `
    <section class="page" data-testid="transfer-page">
      <a routerLink="/transfers" class="back">{{ 'tr.title' | t }}</a>
      @if (t(); as t) {
        <h1 class="page-title" data-testid="transfer-case">{{ t.caseNumber }}</h1>
        <div role="status" aria-live="polite">
          @if (notice(); as n) {
            <p [class.error]="n.error" data-testid="transfer-notice">{{ n.text }}</p>
          }
        </div>
        <dl class="facts">
          <dt>{{ 'tr.kind' | t }}</dt>
          <dd>{{ v().kind }}</dd>
          <dt>{{ 'tr.from' | t }}</dt>
          <dd>{{ v().from }}</dd>
          <dt>{{ 'tr.to' | t }}</dt>
          <dd>{{ v().to }}</dd>
          <dt>{{ 'tr.status' | t }}</dt>
          <dd data-testid="transfer-detail-status" [attr.data-status]="t.status">{{ v().status }}</dd>
          <dt>{{ 'tr.due' | t }}</dt>
          <dd>{{ v().due }}</dd>
          <dt>{{ 'tr.reason' | t }}</dt>
          <dd>{{ t.reason }}</dd>
          <dt>{{ 'tr.categories' | t }}</dt>
          <dd>{{ v().categories }}</dd>
          @if (t.kind === 'LEAD_AGENCY') {
            <dt>{{ 'tr.formerLead' | t }}</dt>
            <dd>{{ v().formerLead }}</dd>
          }
          @if (t.assignedTo; as a) {
            <dt>{{ 'tr.assignedTo' | t }}</dt>
            <dd>{{ a.displayName || a.username }}</dd>
          }
          @if (t.declineReason) {
            <dt>{{ 'tr.declineReason' | t }}</dt>
            <dd>{{ v().declineReason }}</dd>
          }
          @if (t.note) {
            <dt>{{ 'tr.note' | t }}</dt>
            <dd>{{ t.note }}</dd>
          }
        </dl>
        @if (t.status === 'ACCEPTED') {
          <a mat-stroked-button [routerLink]="['/cases', t.caseId]" data-testid="transfer-open-case">{{
            'tr.open' | t
          }}</a>
        }
        <div class="actions">
          @if (t.allowedActions.includes('ACCEPT')) {
            <form class="panel" (ngSubmit)="act('accept')" data-testid="transfer-accept-form">
              <app-user-picker
                [(value)]="assigneeId"
                [province]="t.toProvinceCode"
                [allowSelf]="true"
                testId="transfer-assignee"
              />
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="transfer-accept">
                {{ 'tr.accept' | t }}
              </button>
            </form>
          }
          @if (t.allowedActions.includes('DECLINE')) {
            <form class="panel" (ngSubmit)="act('decline')" data-testid="transfer-decline-form">
              <mat-form-field>
                <mat-label>{{ 'tr.declineReason' | t }}</mat-label>
                <mat-select name="reason" [(ngModel)]="declineReason" data-testid="transfer-decline-reason">
                  @for (r of reasons; track r) {
                    <mat-option [value]="r">{{ reasonLabel(r) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'tr.note' | t }}</mat-label>
                <textarea matInput name="note" [(ngModel)]="note" rows="2"></textarea>
              </mat-form-field>
              <button
                mat-stroked-button
                type="submit"
                [disabled]="busy() || !declineReason"
                data-testid="transfer-decline"
              >
                {{ 'tr.decline' | t }}
              </button>
            </form>
          }
          @if (t.allowedActions.includes('CANCEL')) {
            <app-confirm-action
              class="panel"
              testId="transfer-cancel"
              [label]="'tr.cancel' | t"
              [reasonLabel]="'tr.cancelReason' | t"
              [minLength]="1"
              [busy]="busy()"
              [run]="cancelTransfer"
            />
          }
        </div>
      } @else if (error(); as e) {
        <p role="alert" class="error">{{ e }}</p>
      } @else {
        <p role="status">{{ 'tr.loading' | t }}</p>
      }
    </section>
  `,
})
export class TransferPage {
  readonly id = input.required<string>();

  private readonly api = inject(TransferApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly reasons = DECLINE_REASONS;
  private readonly record = new RecordLoad(this.id, (id) => this.api.one(id));
  protected readonly t = this.record.value;
  protected readonly error = this.record.error;
  protected readonly notice = signal<{ text: string; error: boolean } | null>(null);
  protected readonly busy = signal(false);
  protected readonly assigneeId = signal('');
  protected declineReason: DeclineReason | '' = '';
  protected note = '';

  protected readonly v = computed(() => {
    const t = this.t();
    const lang = this.i18n.language();
    if (!t)
      return { kind: '', from: '', to: '', status: '', due: '', categories: '', formerLead: '', declineReason: '' };
    const place = (code: string, province: string) =>
      `${this.names.agency(code, lang)}, ${label(PROVINCE_LABELS, province, lang)}`;
    return {
      kind: label(TRANSFER_KIND_LABELS, t.kind, lang),
      from: place(t.fromAgency.code, t.fromProvinceCode),
      to: place(t.toAgency.code, t.toProvinceCode),
      status: label(TRANSFER_STATUS_LABELS, t.status, lang),
      due: formatDateTime(t.respondBy, lang),
      categories: t.categories.map((c) => label(DATA_CATEGORY_LABELS, c, lang)).join(', '),
      formerLead: label(FORMER_LEAD_ACCESS_LABELS, t.formerLeadAccess, lang),
      declineReason: t.declineReason ? label(DECLINE_REASON_LABELS, t.declineReason, lang) : '',
    };
  });

  protected reasonLabel(r: string): string {
    return label(DECLINE_REASON_LABELS, r, this.i18n.language());
  }

  /** Cancels the transfer with the confirmation's reason. */
  protected readonly cancelTransfer = (reason: string): Promise<boolean> => this.act('cancel', reason);

  /** Takes the step; true once the API answered. */
  protected async act(action: 'accept' | 'decline' | 'cancel', reason = ''): Promise<boolean> {
    const t = this.t();
    if (!t) return false;
    const body: Record<string, unknown> =
      action === 'accept'
        ? { version: t.version, ...(this.assigneeId() ? { assigneeId: this.assigneeId() } : {}) }
        : action === 'decline'
          ? { version: t.version, reason: this.declineReason, ...(this.note.trim() ? { note: this.note.trim() } : {}) }
          : { version: t.version, reason };
    this.busy.set(true);
    this.notice.set(null);
    try {
      this.t.set(await this.api.act(t.id, action, body));
      this.notice.set({ text: this.i18n.t('tr.done'), error: false });
      return true;
    } catch (e) {
      const problem = describeErrorIn(this.i18n, e).message;
      this.notice.set({ text: this.i18n.t('tr.failed', { reason: problem }), error: true });
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
