import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import {
  CROSSING_POINT_LABELS,
  CROSSING_POINT_VERIFIED,
  CROSSING_POINTS,
  label,
  PROVINCE_CODES,
  PROVINCE_LABELS,
  RECEPTION_PLACE_LABELS,
  RECEPTION_PLACES,
  RETURN_ESCORT_LABELS,
  RETURN_ESCORTS,
  type CaseFamilyTracingView,
  type CaseReturnView,
  type CrossingPoint,
  type FamilyTracingCategory,
  type FamilyTracingRequestView,
  type ReceptionPlace,
  type ReturnEscort,
} from '@ctms/domain';
import { describeErrorIn, FORM_KIT, formatDate, I18n } from '@ctms/ui';
import { CaseStore } from '../cases/case-store';
import { InterAgencyApi } from '../referrals/interagency-api';
import { FamilyTracingApi } from './family-tracing-api';
import { FamilyTracingCard } from './family-tracing-card';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The case page's "Tracing and return" tab (the lead agency): the family tracing requests sent to
 * province social welfare offices with their answers, a form to send one, the returns recorded and a
 * form to record one. A return to another home province offers the province transfer, prefilled in
 * the case's transfer dialog for a supervisor (decision 0033).
 */
@Component({
  selector: 'app-case-family-tracing',
  imports: [FORM_KIT, FamilyTracingCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    form {
      display: grid;
      gap: 8px;
      max-width: 640px;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 8px 0;
    }
  `,
  template: `
    <div class="tab-body" data-testid="case-family-tracing">
      <div role="status" aria-live="polite">
        @if (error(); as e) {
          <p class="error" data-testid="ft-tab-error">{{ e }}</p>
        } @else if (notice(); as n) {
          <p data-testid="ft-tab-notice">{{ n }}</p>
        }
      </div>
      <h2 class="sub">{{ 'ft.requests' | t }}</h2>
      @for (r of view()?.requests ?? []; track r.id) {
        <app-family-tracing-card [request]="r" (changed)="changed($event)" />
      } @empty {
        <p>{{ view() ? ('ft.noRequests' | t) : ('ft.loading' | t) }}</p>
      }

      @if (view()?.allowedActions?.includes('SEND')) {
        <form (ngSubmit)="send()" data-testid="ft-send-form">
          <h3 class="sub">{{ 'ft.send.title' | t }}</h3>
          <p class="hint">{{ 'ft.send.hint' | t }}</p>
          <mat-form-field>
            <mat-label>{{ 'ft.province' | t }}</mat-label>
            <mat-select
              name="province"
              [ngModel]="sendProvince()"
              (ngModelChange)="provinceChanged($event)"
              data-testid="ft-send-province"
            >
              @for (p of provinces(); track p.code) {
                <mat-option [value]="p.code">{{ p.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.send.office' | t }}</mat-label>
            <mat-select name="office" [(ngModel)]="officeId" required data-testid="ft-send-office">
              @for (o of offices(); track o.id) {
                <mat-option [value]="o.id" [attr.data-code]="o.code">{{ o.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (officesLoaded() && offices().length === 0) {
            <p class="hint">{{ 'ft.send.noOffice' | t }}</p>
          }
          <mat-checkbox name="withContact" [(ngModel)]="withContact" data-testid="ft-send-with-contact">
            {{ 'ft.send.withContact' | t }}
          </mat-checkbox>
          @if (withContact) {
            <mat-form-field>
              <mat-label>{{ 'ft.familyContact' | t }}</mat-label>
              <textarea
                matInput
                name="contact"
                rows="3"
                [(ngModel)]="familyContact"
                data-testid="ft-send-contact"
              ></textarea>
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label>{{ 'ft.questions' | t }}</mat-label>
            <textarea
              matInput
              name="questions"
              rows="3"
              [(ngModel)]="questions"
              data-testid="ft-send-questions"
            ></textarea>
          </mat-form-field>
          <div>
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy() || !officeId || questions.trim().length < 3"
              data-testid="ft-send-submit"
            >
              {{ 'ft.send.submit' | t }}
            </button>
          </div>
        </form>
      }

      <h2 class="sub">{{ 'ft.returns' | t }}</h2>
      @for (r of returns(); track r.id) {
        <article class="card" data-testid="ft-return" [attr.data-province]="r.view.handoverProvinceCode">
          <p>
            <strong>{{ r.date }}</strong> · {{ r.crossing }} · {{ r.escort }} · {{ r.reception }} →
            {{ r.province }}
          </p>
          @if (r.view.note) {
            <p>{{ r.view.note }}</p>
          }
          @if (r.view.transferOffer; as offer) {
            <p data-testid="ft-return-moves">{{ 'ft.return.moves' | t: { province: r.province } }}</p>
            @if (offer.allowed) {
              <button
                mat-stroked-button
                type="button"
                (click)="prepareTransfer(offer.toAgencyId, offer.toProvinceCode)"
                data-testid="ft-return-transfer"
              >
                {{ 'ft.return.transfer' | t }}
              </button>
            } @else {
              <p class="hint">{{ 'ft.return.askSupervisor' | t }}</p>
            }
          }
        </article>
      } @empty {
        <p>{{ 'ft.noReturns' | t }}</p>
      }

      @if (view()?.allowedActions?.includes('RECORD_RETURN')) {
        <form (ngSubmit)="recordReturn()" data-testid="ft-return-form">
          <h3 class="sub">{{ 'ft.return.title' | t }}</h3>
          <mat-form-field>
            <mat-label>{{ 'ft.return.date' | t }}</mat-label>
            <input matInput type="date" name="date" [max]="max" [(ngModel)]="returnedOn" data-testid="ft-return-date" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.return.crossing' | t }}</mat-label>
            <mat-select name="crossing" [(ngModel)]="crossingPoint" data-testid="ft-return-crossing">
              @for (o of crossings(); track o.code) {
                <mat-option [value]="o.code">{{ o.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.return.escort' | t }}</mat-label>
            <mat-select name="escort" [(ngModel)]="escort" data-testid="ft-return-escort">
              @for (o of escorts(); track o.code) {
                <mat-option [value]="o.code">{{ o.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.return.reception' | t }}</mat-label>
            <mat-select name="reception" [(ngModel)]="receptionPlace" data-testid="ft-return-reception">
              @for (o of receptions(); track o.code) {
                <mat-option [value]="o.code">{{ o.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.return.handover' | t }}</mat-label>
            <mat-select name="handover" [(ngModel)]="handover" data-testid="ft-return-handover">
              @for (p of provinces(); track p.code) {
                <mat-option [value]="p.code">{{ p.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.return.note' | t }}</mat-label>
            <textarea matInput name="note" rows="2" [(ngModel)]="note" data-testid="ft-return-note"></textarea>
          </mat-form-field>
          <div>
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy() || !returnedOn || !handover"
              data-testid="ft-return-submit"
            >
              {{ 'ft.return.submit' | t }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
})
export class CaseFamilyTracing {
  private readonly store = inject(CaseStore);
  private readonly api = inject(FamilyTracingApi);
  private readonly directory = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);

  protected readonly view = signal<CaseFamilyTracingView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly sendProvince = signal('');
  private readonly officeList = signal<{ id: string; code: string; nameLo: string; nameEn: string }[]>([]);
  protected readonly officesLoaded = signal(false);
  protected officeId = '';
  protected withContact = false;
  protected familyContact = '';
  protected questions = '';
  protected readonly max = today();
  protected returnedOn = today();
  protected crossingPoint: CrossingPoint = 'FRIENDSHIP_BRIDGE_1_VIENTIANE';
  protected escort: ReturnEscort = 'MOLSW';
  protected receptionPlace: ReceptionPlace = 'VIENTIANE_TRANSIT_CENTER';
  protected handover = '';
  protected note = '';

  protected readonly provinces = computed(() => {
    const lang = this.i18n.language();
    return PROVINCE_CODES.map((code) => ({ code, text: label(PROVINCE_LABELS, code, lang) }));
  });
  protected readonly offices = computed(() => {
    const lang = this.i18n.language();
    return this.officeList().map((o) => ({ ...o, text: lang === 'lo' ? o.nameLo : o.nameEn }));
  });
  protected readonly crossings = computed(() => {
    const lang = this.i18n.language();
    const unverified = this.i18n.t('ft.return.unverified');
    return CROSSING_POINTS.map((code) => ({
      code,
      text: `${label(CROSSING_POINT_LABELS, code, lang)}${CROSSING_POINT_VERIFIED[code] ? '' : ` ${unverified}`}`,
    }));
  });
  protected readonly escorts = computed(() =>
    RETURN_ESCORTS.map((code) => ({ code, text: label(RETURN_ESCORT_LABELS, code, this.i18n.language()) })),
  );
  protected readonly receptions = computed(() =>
    RECEPTION_PLACES.map((code) => ({ code, text: label(RECEPTION_PLACE_LABELS, code, this.i18n.language()) })),
  );
  protected readonly returns = computed(() => {
    const lang = this.i18n.language();
    return (this.view()?.returns ?? []).map((view: CaseReturnView) => ({
      id: view.id,
      view,
      date: formatDate(view.returnedOn, lang),
      crossing: label(CROSSING_POINT_LABELS, view.crossingPoint, lang),
      escort: label(RETURN_ESCORT_LABELS, view.escort, lang),
      reception: label(RECEPTION_PLACE_LABELS, view.receptionPlace, lang),
      province: label(PROVINCE_LABELS, view.handoverProvinceCode, lang),
    }));
  });

  constructor() {
    effect(() => {
      const c = this.store.case();
      this.store.revision();
      if (!c) return;
      untracked(() => {
        if (!this.sendProvince()) this.provinceChanged(c.provinceCode);
        if (!this.handover) this.handover = c.provinceCode;
        void this.load(c.id);
      });
    });
  }

  protected provinceChanged(code: string): void {
    this.sendProvince.set(code);
    this.officeId = '';
    this.officesLoaded.set(false);
    void this.directory.directory('FAMILY_TRACING', code).then(
      (list) => {
        this.officeList.set(list);
        this.officeId = list.length === 1 ? (list[0]?.id ?? '') : '';
        this.officesLoaded.set(true);
      },
      (e: unknown) => this.error.set(describeErrorIn(this.i18n, e).message),
    );
  }

  protected changed(r: FamilyTracingRequestView): void {
    this.notice.set(this.i18n.t(r.status === 'WITHDRAWN' ? 'ft.withdraw.done' : 'ft.answer.done'));
    void this.load(r.caseId);
  }

  protected send(): Promise<void> {
    const c = this.store.case();
    if (!c) return Promise.resolve();
    const categories: FamilyTracingCategory[] = this.withContact ? ['CONTACT_LOCATION'] : [];
    return this.act('ft.send.done', async () => {
      await this.api.send(c.id, {
        toAgencyId: this.officeId,
        provinceCode: this.sendProvince(),
        categories,
        ...(this.withContact ? { familyContact: this.familyContact.trim() } : {}),
        questions: this.questions.trim(),
      });
      this.questions = '';
      this.familyContact = '';
      this.withContact = false;
    });
  }

  protected recordReturn(): Promise<void> {
    const c = this.store.case();
    if (!c) return Promise.resolve();
    return this.act('ft.return.done', async () => {
      await this.api.recordReturn(c.id, {
        returnedOn: this.returnedOn,
        crossingPoint: this.crossingPoint,
        escort: this.escort,
        receptionPlace: this.receptionPlace,
        handoverProvinceCode: this.handover,
        ...(this.note.trim() ? { note: this.note.trim() } : {}),
      });
      this.note = '';
    });
  }

  protected prepareTransfer(toAgencyId: string, toProvinceCode: string): void {
    this.store.transferPrefill.set({ toAgencyId, toProvinceCode });
  }

  private async act(done: 'ft.send.done' | 'ft.return.done', fn: () => Promise<void>): Promise<void> {
    const c = this.store.case();
    if (!c) return;
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      await fn();
      this.notice.set(this.i18n.t(done));
      await this.load(c.id);
    } catch (e) {
      this.error.set(this.i18n.t('ft.failed', { reason: describeErrorIn(this.i18n, e).message }));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(caseId: string): Promise<void> {
    try {
      this.view.set(await this.api.ofCase(caseId));
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    }
  }
}
