import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  FORMER_LEAD_ACCESS,
  FORMER_LEAD_ACCESS_LABELS,
  label,
  PROVINCE_CODES,
  PROVINCE_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  type DataCategory,
  type FormerLeadAccess,
  type Urgency,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { CaseStore } from '../cases/case-store';
import { TransferApi } from './transfer-api';
import { describeErrorIn, I18n, TranslatePipe } from '@ctms/ui';

type AgencyOption = { id: string; code: string; nameLo: string; nameEn: string; provinces: string[] };

/**
 * "Transfer the case" on the case page: one button for a supervisor of the lead agency (case:transfer)
 * on an open case, opening a self-contained native dialog: the receiving agency (another agency, or
 * this one for another province's office), the province, urgency, reason, and for another agency the
 * data that goes with it and what the former lead keeps. Native selects: they work inside a modal.
 */
@Component({
  selector: 'app-case-transfer',
  imports: [TranslatePipe, FormsModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    dialog {
      max-width: min(560px, calc(100vw - 24px));
      width: 100%;
      border: none;
      border-radius: 12px;
      padding: 20px;
      box-sizing: border-box;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 40%);
    }
    form {
      display: grid;
      gap: 12px;
    }
    label {
      display: grid;
      gap: 4px;
      font-weight: 500;
    }
    select,
    textarea {
      font: inherit;
      padding: 8px;
      min-height: 44px;
      box-sizing: border-box;
      width: 100%;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    fieldset label {
      display: flex;
      gap: 8px;
      align-items: center;
      font-weight: 400;
      min-height: 32px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      justify-content: flex-end;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .hint {
      margin: 0;
    }
  `,
  template: `
    @if (shown()) {
      <button mat-stroked-button type="button" data-testid="case-transfer-open" (click)="open()">
        {{ 'tr.request' | t }}
      </button>
    }
    <dialog #dialog aria-labelledby="transfer-title" data-testid="case-transfer-dialog" (close)="opened.set(false)">
      @if (opened()) {
        <form (ngSubmit)="send()">
          <h2 id="transfer-title">{{ 'tr.dialog.title' | t: { number: store.case()?.caseNumber ?? '' } }}</h2>
          <p class="hint">{{ 'tr.dialog.hint' | t }}</p>
          <label>
            {{ 'tr.dialog.agency' | t }}
            <select
              name="agency"
              [(ngModel)]="agencyId"
              (ngModelChange)="agencyChanged()"
              required
              data-testid="transfer-agency"
            >
              @for (a of agencyOptions(); track a.id) {
                <option [value]="a.id" [attr.data-code]="a.code">{{ a.name }}</option>
              }
            </select>
          </label>
          <label>
            {{ 'tr.dialog.province' | t }}
            <select name="province" [(ngModel)]="province" required data-testid="transfer-province">
              @for (p of provinces(); track p.code) {
                <option [value]="p.code">{{ p.name }}</option>
              }
            </select>
          </label>
          <label>
            {{ 'tr.dialog.urgency' | t }}
            <select name="urgency" [(ngModel)]="urgency" data-testid="transfer-urgency">
              @for (u of urgencies(); track u.code) {
                <option [value]="u.code">{{ u.name }}</option>
              }
            </select>
          </label>
          <label>
            {{ 'tr.reason' | t }}
            <textarea name="reason" [(ngModel)]="reason" rows="3" required data-testid="transfer-reason"></textarea>
          </label>
          @if (otherAgency()) {
            <fieldset>
              <legend>{{ 'tr.dialog.categories' | t }}</legend>
              @for (k of categories(); track k.code) {
                <label
                  ><input
                    type="checkbox"
                    [checked]="chosen().has(k.code)"
                    (change)="toggle(k.code)"
                    [attr.data-testid]="'transfer-category-' + k.code"
                  />{{ k.name }}</label
                >
              }
            </fieldset>
            <label>
              {{ 'tr.formerLead' | t }}
              <select name="formerLead" [(ngModel)]="formerLead" data-testid="transfer-former-lead">
                @for (f of formerLeadOptions(); track f.code) {
                  <option [value]="f.code">{{ f.name }}</option>
                }
              </select>
            </label>
          }
          <div role="status" aria-live="polite">
            @if (error(); as e) {
              <p class="error" data-testid="transfer-error">{{ e }}</p>
            }
          </div>
          <div class="row">
            <button mat-button type="button" (click)="close()">{{ 'tr.dialog.close' | t }}</button>
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy() || !agencyId || !reason.trim()"
              data-testid="transfer-send"
            >
              {{ 'tr.dialog.send' | t }}
            </button>
          </div>
        </form>
      }
    </dialog>
  `,
})
export class CaseTransfer {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(TransferApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly opened = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly agencies = signal<AgencyOption[]>([]);
  protected readonly chosen = signal<Set<DataCategory>>(new Set());
  protected agencyId = '';
  protected province = '';
  protected urgency: Urgency = 'ROUTINE';
  protected reason = '';
  protected formerLead: FormerLeadAccess = 'RETAIN';
  private readonly agencyPicked = signal('');

  /** a supervisor of the lead agency in scope, on a case that is not closed */
  protected readonly shown = computed(() => {
    const c = this.store.case();
    return !!c && c.relation === 'LEAD_AGENCY' && c.status !== 'CLOSED' && this.auth.can('case:transfer');
  });
  protected readonly otherAgency = computed(
    () => !!this.agencyPicked() && this.agencyPicked() !== this.store.case()?.leadAgency.id,
  );

  protected readonly agencyOptions = computed(() => {
    const lang = this.i18n.language();
    return this.agencies().map((a) => ({ ...a, name: lang === 'lo' ? a.nameLo : a.nameEn }));
  });
  protected readonly provinces = computed(() => {
    const lang = this.i18n.language();
    const covered = this.agencies().find((a) => a.id === this.agencyPicked())?.provinces ?? PROVINCE_CODES;
    return PROVINCE_CODES.filter((p) => covered.includes(p)).map((code) => ({
      code,
      name: label(PROVINCE_LABELS, code, lang),
    }));
  });
  protected readonly urgencies = computed(() =>
    URGENCIES.map((code) => ({ code, name: label(URGENCY_LABELS, code, this.i18n.language()) })),
  );
  protected readonly categories = computed(() =>
    DATA_CATEGORIES.filter((c) => c !== 'CASE_SUMMARY').map((code) => ({
      code,
      name: label(DATA_CATEGORY_LABELS, code, this.i18n.language()),
    })),
  );
  protected readonly formerLeadOptions = computed(() =>
    FORMER_LEAD_ACCESS.map((code) => ({ code, name: label(FORMER_LEAD_ACCESS_LABELS, code, this.i18n.language()) })),
  );

  constructor() {
    // a return to another home province prepares the province transfer (decision 0033): the dialog
    // opens with the agency and province filled in, and the supervisor still decides to send it
    effect(() => {
      const prefill = this.store.transferPrefill();
      if (!prefill) return;
      untracked(() => {
        this.store.transferPrefill.set(null);
        void this.open(prefill);
      });
    });
  }

  protected async open(prefill: { toAgencyId: string; toProvinceCode: string } | null = null): Promise<void> {
    const c = this.store.case();
    if (!c) return;
    this.error.set(null);
    this.reason = '';
    this.chosen.set(new Set());
    this.formerLead = 'RETAIN';
    this.urgency = 'ROUTINE';
    if (!this.agencies().length) {
      try {
        const all = await this.api.agencies();
        this.agencies.set(
          all.filter((a) => a.capabilities.includes('SCREEN') || a.capabilities.includes('RECEIVE_REFERRALS')),
        );
      } catch (e) {
        this.error.set(describeErrorIn(this.i18n, e).message);
      }
    }
    this.agencyId = prefill?.toAgencyId ?? c.leadAgency.id;
    this.agencyPicked.set(this.agencyId);
    this.province = prefill?.toProvinceCode ?? c.provinceCode;
    this.opened.set(true);
    this.dialog().nativeElement.showModal();
  }

  protected agencyChanged(): void {
    this.agencyPicked.set(this.agencyId);
    const covered = this.provinces().map((p) => p.code as string);
    if (!covered.includes(this.province)) this.province = covered[0] ?? '';
  }

  protected toggle(code: DataCategory): void {
    const next = new Set(this.chosen());
    if (next.has(code)) next.delete(code);
    else next.add(code);
    this.chosen.set(next);
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected async send(): Promise<void> {
    const c = this.store.case();
    if (!c) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.request(c.id, {
        toAgencyId: this.agencyId,
        toProvinceCode: this.province,
        urgency: this.urgency,
        reason: this.reason.trim(),
        categories: this.otherAgency() ? DATA_CATEGORIES.filter((k) => this.chosen().has(k)) : [],
        ...(this.otherAgency() ? { formerLeadAccess: this.formerLead } : {}),
      });
      this.close();
      this.store.notice.set({ kind: 'ok', text: this.i18n.t('tr.dialog.sent') });
      await this.store.reload();
    } catch (e) {
      const p = describeErrorIn(this.i18n, e);
      this.error.set(p.message);
    } finally {
      this.busy.set(false);
    }
  }
}
