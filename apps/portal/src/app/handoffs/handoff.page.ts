import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CASE_STATUS_LABELS,
  DATA_CATEGORY_LABELS,
  HANDOFF_STATUS_LABELS,
  IDENTIFICATION_STATUS_LABELS,
  label,
  PROVINCE_LABELS,
  VERDICT_LABELS,
  VERDICTS,
  type HandoffAction,
  type LabelMap,
} from '@ctms/domain';
import { EXPLOITATION_TYPE_LABELS, PERPETRATOR_RELATION_LABELS } from '../core/i18n/dict-cases';
import {
  CHARGE_ARTICLE,
  INTERAGENCY_EVENT_LABELS,
  PROTECTION_MEASURE_LABELS,
  SUSPECT_ROLE_LABELS,
  SUSPECT_STATUS_LABELS,
  TESTIFY_LABELS,
} from '../core/i18n/dict-interagency';
import { InterAgencyApi } from '../referrals/interagency-api';
import { splitDates } from '../referrals/ia-util';
import { ChargesInput } from '../referrals/charges-input';
import {
  AgencyNames,
  ConfirmAction,
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

const PATHS: Readonly<Record<HandoffAction, string>> = {
  RECEIVE: 'receive',
  ACCEPT: 'accept',
  RETURN: 'return',
  RESUBMIT: 'resubmit',
  CHARGE: 'charge',
  START_TRIAL: 'trial',
  RECORD_VERDICT: 'verdict',
  CLOSE: 'close',
  WITHDRAW: 'withdraw',
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One prosecution handoff: the packet (limited by consent when it is), the prosecution so far, the steps allowed. */
@Component({
  selector: 'app-handoff-page',
  imports: [
    ChargesInput,
    ConfirmAction,
    FormActions,
    FormsModule,
    RecordFrame,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .limited {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  templateUrl: './handoff.page.html',
})
export class HandoffPage {
  readonly id = input.required<string>();
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly verdicts = VERDICTS;
  protected readonly L = { verdict: VERDICT_LABELS } as const;
  private readonly record = new RecordLoad(this.id, (id) => this.api.handoff(id));
  protected readonly h = this.record.value;
  protected readonly loadError = this.record.error;
  protected readonly notice = signal<RecordNotice | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);
  protected readonly form = signal<HandoffAction | null>(null);
  /** the open step when it takes only a reason (return, withdraw): the confirmation, fresh for each step */
  protected readonly reasonStep = computed(() => {
    const a = this.form();
    return a === 'RETURN' || a === 'WITHDRAW' ? [a] : [];
  });
  protected readonly today = laoToday();
  protected f = this.emptyForm();

  protected readonly view = computed(() => {
    const h = this.h();
    if (!h) return null;
    const lang = this.i18n.language();
    const cs = h.caseSummary;
    const p = h.prosecution;
    const id = h.identity;
    return {
      heading: this.i18n.t('ho.page', { number: h.caseNumber }),
      statusCode: h.status,
      status: label(HANDOFF_STATUS_LABELS, h.status, lang),
      fromName: this.names.agency(h.fromAgency.code, lang),
      toName: this.names.agency(h.toAgency.code, lang),
      submittedBy: personName(h.submittedBy),
      prosecutor: h.prosecutor ? personName(h.prosecutor) : null,
      receiveBy: formatDateTime(h.receiveBy, lang),
      receivedAt: formatDateTime(h.receivedAt, lang),
      limitation: h.limitation ? this.i18n.pick(h.limitation.label.lo, h.limitation.label.en) : null,
      withheld: (h.limitation?.withheldCategories ?? []).map((k) => label(DATA_CATEGORY_LABELS, k, lang)).join(', '),
      categories: h.categories.map((k) => label(DATA_CATEGORY_LABELS, k, lang)).join(', '),
      summary: {
        status: label(CASE_STATUS_LABELS, cs.status, lang),
        identification: label(IDENTIFICATION_STATUS_LABELS, cs.identificationStatus, lang),
        province: `${cs.provinceCode} ${label(PROVINCE_LABELS, cs.provinceCode, lang)}`,
        types: cs.exploitationTypes.map((x) => label(EXPLOITATION_TYPE_LABELS, x, lang)).join(', '),
        opened: formatDate(cs.openedAt, lang),
      },
      suspects: h.suspects.map((s, i) => ({
        key: i,
        name: [s.name, s.alias].filter(Boolean).join(' / ') || '—',
        role: label(SUSPECT_ROLE_LABELS, s.roleInProcess, lang),
        relation: label(PERPETRATOR_RELATION_LABELS, s.relationToVictim, lang),
        status: s.status ? label(SUSPECT_STATUS_LABELS, s.status, lang) : '',
      })),
      testify: h.willingToTestify ? label(TESTIFY_LABELS, h.willingToTestify, lang) : null,
      measures: (h.protectionMeasures ?? []).map((m) => label(PROTECTION_MEASURE_LABELS, m, lang)).join(', '),
      identity: id
        ? { name: [id.givenNameLo, id.familyNameLo].filter(Boolean).join(' '), dob: formatDate(id.dateOfBirth, lang) }
        : null,
      returns: p.returns.map((r, i) => ({ key: i, reason: r.reason, at: formatDateTime(r.at, lang) })),
      trialDates: p.trialDates.map((d) => formatDate(d, lang)).join(', '),
      verdict: p.verdict ? label(VERDICT_LABELS, p.verdict, lang) : null,
      decidedOn: formatDate(p.decidedOn, lang),
      restitution: p.restitutionOrdered
        ? [
            p.restitutionOrdered.amount ?? '',
            p.restitutionOrdered.currency ?? '',
            p.restitutionOrdered.description ?? '',
          ]
            .join(' ')
            .trim()
        : null,
      history: h.history.map((e, i) => ({
        key: i,
        at: formatDateTime(e.at, lang),
        who: e.actor ? `${personName(e.actor)} (${this.names.agency(e.actor.agencyCode, lang)})` : '—',
        what: label(INTERAGENCY_EVENT_LABELS, e.kind, lang),
        status: e.to ? label(HANDOFF_STATUS_LABELS, e.to, lang) : '',
      })),
    };
  });

  private emptyForm() {
    return {
      reason: '',
      charges: [{ article: '', description: '' }],
      court: '',
      trialDates: '',
      verdict: '',
      sentence: '',
      amount: '',
      currency: 'LAK',
      restitution: '',
      decidedOn: laoToday(),
    };
  }

  protected lbl(map: LabelMap<string>, code: string): string {
    return label(map, code, this.i18n.language());
  }

  protected actKey(a: HandoffAction): TranslationKey {
    return `ho.act.${a}` as TranslationKey;
  }

  private describe(e: unknown) {
    return describeErrorIn(this.i18n, e);
  }

  protected open(a: HandoffAction): void {
    this.f = this.emptyForm();
    const h = this.h();
    if (a === 'CHARGE' && h?.proposedCharges.length)
      this.f.charges = h.proposedCharges.map((c) => ({ article: c.article, description: c.description ?? '' }));
    if (a === 'START_TRIAL' && h?.prosecution.court) this.f.court = h.prosecution.court;
    this.fieldErrors.set({});
    this.form.set(a);
  }

  /** The request body of the open step, or null while something required is missing or malformed. */
  protected body(): Record<string, unknown> | null {
    const h = this.h();
    const a = this.form();
    if (!h || !a) return null;
    const f = this.f;
    const v = { version: h.version };
    switch (a) {
      case 'RECEIVE':
      case 'ACCEPT':
      case 'RESUBMIT':
      case 'CLOSE':
        return v;
      case 'RETURN':
      case 'WITHDRAW':
        return f.reason.trim() ? { ...v, reason: f.reason.trim() } : null;
      case 'CHARGE': {
        const charges = f.charges.filter((c) => c.article.trim());
        if (!charges.length || charges.some((c) => !CHARGE_ARTICLE.test(c.article.trim()))) return null;
        return {
          ...v,
          chargesFiled: charges.map((c) => ({
            article: c.article.trim(),
            ...(c.description.trim() ? { description: c.description.trim() } : {}),
          })),
          ...(f.court.trim() ? { court: f.court.trim() } : {}),
        };
      }
      case 'START_TRIAL': {
        const dates = splitDates(f.trialDates);
        if (!f.court.trim() || !dates.length || dates.some((d) => !DATE.test(d))) return null;
        return { ...v, court: f.court.trim(), trialDates: dates };
      }
      case 'RECORD_VERDICT': {
        if (!f.verdict || !DATE.test(f.decidedOn) || f.decidedOn > laoToday()) return null;
        const amount = f.amount.trim() ? Number(f.amount) : undefined;
        if (amount !== undefined && (!Number.isFinite(amount) || amount < 0)) return null;
        const restitution =
          amount !== undefined || f.restitution.trim()
            ? {
                ...(amount !== undefined ? { amount } : {}),
                ...(amount !== undefined && f.currency.trim() ? { currency: f.currency.trim().toUpperCase() } : {}),
                ...(f.restitution.trim() ? { description: f.restitution.trim() } : {}),
              }
            : null;
        return {
          ...v,
          verdict: f.verdict,
          decidedOn: f.decidedOn,
          ...(f.sentence.trim() ? { sentence: f.sentence.trim() } : {}),
          ...(restitution ? { restitutionOrdered: restitution } : {}),
        };
      }
    }
  }

  /** Returns or withdraws the handoff with the confirmation's reason. */
  protected readonly withReason = (reason: string): Promise<boolean> => {
    this.f.reason = reason;
    return this.submit();
  };

  /** Sends the open step; true once the API answered. */
  protected async submit(): Promise<boolean> {
    const h = this.h();
    const a = this.form();
    const body = this.body();
    if (!h || !a || !body) return false;
    this.busy.set(true);
    this.notice.set(null);
    this.fieldErrors.set({});
    try {
      this.h.set(await this.api.handoffAction(h.id, PATHS[a], body));
      this.form.set(null);
      this.notice.set({ kind: 'ok', text: this.i18n.t('ho.done') });
      return true;
    } catch (e) {
      const p = this.describe(e);
      this.fieldErrors.set(p.fields);
      this.notice.set({ kind: 'error', text: p.message });
      if (p.code === 'STALE_VERSION') await this.record.load(h.id);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  protected fieldNames(): string[] {
    return Object.keys(this.fieldErrors());
  }
}
