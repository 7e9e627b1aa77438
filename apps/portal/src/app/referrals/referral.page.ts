import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CASE_STATUS_LABELS,
  DATA_CATEGORY_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  IDENTIFICATION_STATUS_LABELS,
  label,
  PROVINCE_LABELS,
  REFERRAL_OUTCOME_LABELS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  URGENCY_LABELS,
  type CaseDetailView,
  type LabelMap,
  type ReferralDetailView,
} from '@ctms/domain';
import { EXPLOITATION_TYPE_LABELS } from '../core/i18n/dict-cases';
import { INTERAGENCY_EVENT_LABELS } from '../core/i18n/dict-interagency';
import { CaseApi } from '../cases/case-api';
import { UserPicker } from '../cases/user-picker';
import { AuthService } from '../core/auth/auth.service';
import { InterAgencyApi } from './interagency-api';
import { slaClock } from './ia-util';
import {
  AgencyNames,
  blankToUndefined,
  DateInput,
  ConfirmAction,
  type DateRead,
  describeErrorIn,
  formatDate,
  formatDateTime,
  FormActions,
  I18n,
  laoToday,
  personName,
  RecordFrame,
  RecordLoad,
  type RecordNotice,
  TranslatePipe,
  type TranslationKey,
} from '@ctms/ui';
import { ReferralWork } from './referral-work';

type Form = 'accept' | 'decline' | 'services' | 'complete' | 'cancel' | null;

/** One referral: its packet, a masked preview of the case, services, history and the actions allowed. */
@Component({
  selector: 'app-referral-page',
  imports: [
    ConfirmAction,
    DateInput,
    FormActions,
    FormsModule,
    RouterLink,
    RecordFrame,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    UserPicker,
    ReferralWork,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  templateUrl: './referral.page.html',
})
export class ReferralPage {
  readonly id = input.required<string>();
  private readonly api = inject(InterAgencyApi);
  private readonly caseApi = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);
  /** supervisors (case:assign) pick the worker from their agency; anyone else accepts for themselves */
  protected readonly canAssign = inject(AuthService).can('case:assign');
  /** '' = the caller (the API's default) */
  protected readonly assignee = signal('');

  protected readonly declineReasons = DECLINE_REASONS;
  protected readonly outcomes = REFERRAL_OUTCOMES;
  protected readonly L = {
    decline: DECLINE_REASON_LABELS,
    outcome: REFERRAL_OUTCOME_LABELS,
    service: SERVICE_TYPE_LABELS,
  } as const;

  private readonly record = new RecordLoad(this.id, async (id) => {
    const r = await this.api.referral(id);
    void this.loadPreview(r.caseId);
    return r;
  });
  protected readonly r = this.record.value;
  protected readonly preview = signal<CaseDetailView | null>(null);
  protected readonly previewError = signal(false);
  protected readonly loadError = this.record.error;
  protected readonly notice = signal<RecordNotice | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);
  protected readonly form = signal<Form>(null);
  /** what is wrong with the delivery date as typed (the shared day/month/year boxes), in words */
  protected readonly serviceDateProblem = signal<string | null>(null);

  protected f = {
    reason: '',
    note: '',
    serviceType: '',
    deliveredOn: laoToday(),
    provider: '',
    notes: '',
    outcome: '',
  };

  protected readonly view = computed(() => {
    const r = this.r();
    if (!r) return null;
    const lang = this.i18n.language();
    const clock = slaClock(r.acknowledgeBy, Date.now());
    return {
      heading: this.i18n.t('ref.page', { number: r.caseNumber }),
      statusCode: r.status,
      status: label(REFERRAL_STATUS_LABELS, r.status, lang),
      fromName: this.names.agency(r.fromAgency.code, lang),
      toName: this.names.agency(r.toAgency.code, lang),
      sentBy: personName(r.sentBy),
      assignee: r.assignedTo ? personName(r.assignedTo) : null,
      services: r.serviceTypes.map((s) => label(SERVICE_TYPE_LABELS, s, lang)).join(', '),
      urgency: label(URGENCY_LABELS, r.urgency, lang),
      categories: r.categories.map((k) => label(DATA_CATEGORY_LABELS, k, lang)).join(', '),
      effective: r.effectiveCategories.map((k) => label(DATA_CATEGORY_LABELS, k, lang)).join(', '),
      acknowledgeBy: formatDateTime(r.acknowledgeBy, lang),
      sla:
        r.status === 'PENDING'
          ? this.i18n.t(clock.overdue ? 'ref.sla.overdue' : 'ref.sla.left', { h: clock.h, m: clock.m })
          : this.i18n.t('ref.sla.done'),
      overdue: r.status === 'PENDING' && (r.overdue || clock.overdue),
      created: formatDateTime(r.createdAt, lang),
      acknowledged: formatDateTime(r.acknowledgedAt, lang),
      closed: formatDateTime(r.closedAt, lang),
      declineReason: r.declineReason ? label(DECLINE_REASON_LABELS, r.declineReason, lang) : null,
      outcome: r.outcome ? label(REFERRAL_OUTCOME_LABELS, r.outcome, lang) : null,
      delivered: r.services.map((s) => ({
        ...s,
        typeLabel: label(SERVICE_TYPE_LABELS, s.serviceType, lang),
        on: formatDate(s.deliveredOn, lang),
        at: formatDateTime(s.recordedAt, lang),
        by: personName(s.recordedBy),
      })),
      history: r.history.map((h, i) => ({
        key: i,
        at: formatDateTime(h.at, lang),
        who: h.actor ? `${personName(h.actor)} (${this.names.agency(h.actor.agencyCode, lang)})` : '—',
        what: label(INTERAGENCY_EVENT_LABELS, h.kind, lang),
        status: h.status ? label(REFERRAL_STATUS_LABELS, h.status, lang) : '',
      })),
      can: new Set(r.allowedActions),
      canService:
        r.allowedActions.includes('START_SERVICE') ||
        (r.status === 'IN_PROGRESS' && r.allowedActions.includes('COMPLETE')),
    };
  });

  protected readonly previewView = computed(() => {
    const c = this.preview();
    if (!c) return null;
    const lang = this.i18n.language();
    return {
      caseNumber: c.caseNumber,
      status: label(CASE_STATUS_LABELS, c.status, lang),
      identification: label(IDENTIFICATION_STATUS_LABELS, c.identificationStatus, lang),
      province: `${c.provinceCode} ${label(PROVINCE_LABELS, c.provinceCode, lang)}`,
      types: (c.exploitationTypes ?? []).map((x) => label(EXPLOITATION_TYPE_LABELS, x, lang)).join(', '),
      visible: c.visibleCategories.map((k) => label(DATA_CATEGORY_LABELS, k, lang)).join(', '),
      contact: c.contact ?? null,
      health: c.health ?? null,
      narrative: c.exploitation?.narrative ?? null,
      opened: formatDate(c.openedAt, lang),
    };
  });

  protected lbl(map: LabelMap<string>, code: string): string {
    return label(map, code, this.i18n.language());
  }

  private async loadPreview(caseId: string): Promise<void> {
    try {
      this.preview.set(await this.caseApi.get(caseId));
      this.previewError.set(false);
    } catch {
      this.preview.set(null);
      this.previewError.set(true);
    }
  }

  private describe(e: unknown) {
    return describeErrorIn(this.i18n, e);
  }

  /** The submit button says what it does ("Accept the referral", "Save the service"), never "Apply". */
  protected submitLabel(form: Exclude<Form, null>): TranslationKey {
    return `ref.submit.${form}`;
  }

  protected open(form: Form): void {
    this.assignee.set('');
    this.f = {
      reason: '',
      note: '',
      serviceType: this.r()?.serviceTypes[0] ?? '',
      deliveredOn: laoToday(),
      provider: '',
      notes: '',
      outcome: '',
    };
    this.serviceDateProblem.set(null);
    this.fieldErrors.set({});
    this.form.set(form);
  }

  protected serviceDate(read: DateRead): void {
    this.f.deliveredOn = read.value ?? '';
    this.serviceDateProblem.set(read.problem ? this.i18n.t(`date.err.${read.problem}` as const) : null);
  }

  protected ready(): boolean {
    const f = this.f;
    switch (this.form()) {
      case 'accept':
        return true;
      case 'decline':
        return !!f.reason && (f.reason !== 'OTHER' || !!f.note.trim());
      case 'services':
        return !!f.serviceType && !!f.deliveredOn && f.deliveredOn <= laoToday();
      case 'complete':
        return !!f.outcome && (f.outcome !== 'OTHER' || !!f.note.trim());
      case 'cancel':
        return f.reason.trim().length > 0;
      default:
        return false;
    }
  }

  /** Cancels the referral with the confirmation's reason. */
  protected readonly cancelWith = (reason: string): Promise<boolean> => {
    this.f.reason = reason;
    return this.submit();
  };

  /** Sends the open step; true once the API answered. */
  protected async submit(): Promise<boolean> {
    const r = this.r();
    const form = this.form();
    if (!r || !form || !this.ready()) return false;
    const f = this.f;
    const v = { version: r.version };
    const bodies: Record<Exclude<Form, null>, Record<string, unknown>> = {
      accept: this.assignee() ? { ...v, assigneeId: this.assignee() } : v,
      decline: { ...v, reason: f.reason, ...(blankToUndefined(f.note) ? { note: f.note.trim() } : {}) },
      services: {
        ...v,
        serviceType: f.serviceType,
        deliveredOn: f.deliveredOn,
        ...(blankToUndefined(f.provider) ? { provider: f.provider.trim() } : {}),
        ...(blankToUndefined(f.notes) ? { notes: f.notes.trim() } : {}),
      },
      complete: { ...v, outcome: f.outcome, ...(blankToUndefined(f.note) ? { note: f.note.trim() } : {}) },
      cancel: { ...v, reason: f.reason.trim() },
    };
    this.busy.set(true);
    this.notice.set(null);
    this.fieldErrors.set({});
    try {
      const next = await this.api.referralAction(r.id, form, bodies[form]);
      this.r.set(next);
      this.form.set(null);
      this.notice.set({ kind: 'ok', text: this.i18n.t('ref.done') });
      void this.loadPreview(next.caseId);
      return true;
    } catch (e) {
      const p = this.describe(e);
      this.fieldErrors.set(p.fields);
      this.notice.set({ kind: 'error', text: p.message });
      if (p.code === 'STALE_VERSION') await this.record.load(r.id);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  /** The shared-work panel (notes, reassignment) changed the referral. */
  protected replaced(next: ReferralDetailView): void {
    this.r.set(next);
  }

  protected fieldError(name: string): string | null {
    return this.fieldErrors()[name] ?? null;
  }
}
