import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { KeyValuePipe } from '@angular/common';
import {
  CONSENT_FORM_LABELS,
  CONSENT_FORMS,
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONSENT_TYPE_LABELS,
  CONSENT_TYPES,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  label,
  type ConsentForm,
  type ConsentGiver,
  type ConsentType,
  type ConsentView,
  type DataCategory,
  type GrantConsentRequest,
  type LabelMap,
  type Language,
  type ReferenceAgencyView,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { CaseApi } from './case-api';
import { CasePages } from './case-pages';
import { CaseStore } from './case-store';
import {
  blankToUndefined,
  ConfirmAction,
  formatDateTime,
  I18n,
  laoLocalToIso,
  nowLocalInLaos,
  personName,
  toggle,
  FORM_KIT,
  type TranslationKey,
} from '@ctms/ui';

/** A consent's effective status: an expired one no longer counts, whatever its stored status. */
export function effectiveStatusKey(c: Pick<ConsentView, 'status' | 'expired'>): TranslationKey {
  if (c.status === 'WITHDRAWN') return 'cases.consents.withdrawn';
  return c.expired ? 'cases.consents.expired' : 'cases.consents.active';
}

export interface ConsentDraft {
  type: ConsentType | '';
  agencyIds: string[];
  purposes: ConsentType[];
  categories: DataCategory[];
  givenBy: ConsentGiver | '';
  form: ConsentForm | '';
  language: string;
  interpreterUsed: boolean;
  guardianName: string;
  witnessName: string;
  grantedAt: string;
  expiresAt: string;
}

export function emptyConsentDraft(now: string): ConsentDraft {
  return {
    type: '',
    agencyIds: [],
    purposes: [],
    categories: [],
    givenBy: '',
    form: '',
    language: 'lo',
    interpreterUsed: false,
    guardianName: '',
    witnessName: '',
    grantedAt: now,
    expiresAt: '',
  };
}

/** The request body, or null while a required field is missing. Times are typed in Lao time. */
export function consentBody(d: ConsentDraft): GrantConsentRequest | null {
  const grantedAt = laoLocalToIso(d.grantedAt);
  if (!d.type || !d.givenBy || !d.form || !grantedAt || d.categories.length === 0) return null;
  const expiresAt = laoLocalToIso(d.expiresAt);
  return {
    type: d.type,
    agencyIds: d.agencyIds,
    ...(d.purposes.length ? { purposes: d.purposes } : {}),
    categories: d.categories,
    givenBy: d.givenBy,
    form: d.form,
    ...(blankToUndefined(d.language) ? { language: blankToUndefined(d.language) } : {}),
    interpreterUsed: d.interpreterUsed,
    ...(blankToUndefined(d.guardianName) ? { guardianName: blankToUndefined(d.guardianName) } : {}),
    ...(blankToUndefined(d.witnessName) ? { witnessName: blankToUndefined(d.witnessName) } : {}),
    grantedAt,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** The case's consents with their effective status; record a new one; withdraw one with a reason. */
@Component({
  selector: 'app-case-consents',
  imports: [ConfirmAction, FORM_KIT, KeyValuePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  templateUrl: './case-consents.html',
})
export class CaseConsents {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);

  protected readonly types = CONSENT_TYPES;
  protected readonly givers = CONSENT_GIVERS;
  protected readonly forms = CONSENT_FORMS;
  protected readonly categories = DATA_CATEGORIES;
  protected readonly L = {
    type: CONSENT_TYPE_LABELS,
    giver: CONSENT_GIVER_LABELS,
    form: CONSENT_FORM_LABELS,
    category: DATA_CATEGORY_LABELS,
  } as const;

  private readonly pages = new CasePages<ConsentView>(this.store, (id, cursor) => this.api.consents(id, cursor));
  protected readonly consents = this.pages.items;
  protected readonly cursor = this.pages.cursor;
  protected readonly loading = this.pages.loading;
  protected readonly error = this.pages.error;
  protected readonly agencies = signal<ReferenceAgencyView[]>([]);
  protected readonly recording = signal(false);
  protected readonly canRecord = computed(() => this.auth.can('consent:record'));

  protected draft: ConsentDraft = emptyConsentDraft(nowLocalInLaos());

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.consents().map((c) => ({
      ...c,
      typeLabel: label(CONSENT_TYPE_LABELS, c.type, lang),
      statusKey: effectiveStatusKey(c),
      usable: c.status === 'ACTIVE' && !c.expired,
      agencyNames: c.agencies.map((a) => (lang === 'lo' ? a.nameLo : a.nameEn)).join(', '),
      purposeLabels: this.labels(CONSENT_TYPE_LABELS, c.purposes, lang),
      categoryLabels: this.labels(DATA_CATEGORY_LABELS, c.categories, lang),
      giver: label(CONSENT_GIVER_LABELS, c.givenBy, lang),
      formLabel: label(CONSENT_FORM_LABELS, c.form, lang),
      granted: formatDateTime(c.grantedAt, lang),
      recordedByName: personName(c.recordedBy),
      withdrawnByName: personName(c.withdrawnBy),
      expires: c.expiresAt ? formatDateTime(c.expiresAt, lang) : null,
      withdrawn: c.withdrawnAt ? formatDateTime(c.withdrawnAt, lang) : null,
    }));
  });

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load(true));
    });
  }

  private labels(map: LabelMap<string>, codes: readonly string[], lang: Language): string {
    return codes.map((c) => label(map, c, lang)).join(', ');
  }

  protected lbl(map: LabelMap<string>, code: string): string {
    return label(map, code, this.i18n.language());
  }

  protected agencyName(a: ReferenceAgencyView): string {
    return this.i18n.pick(a.nameLo, a.nameEn);
  }

  protected check<T>(list: T[], value: T, on: boolean): T[] {
    return toggle(list, value, on);
  }

  protected complete(): boolean {
    return consentBody(this.draft) !== null;
  }

  protected load(reset: boolean): Promise<void> {
    return this.pages.load(reset);
  }

  protected async startRecording(): Promise<void> {
    this.draft = emptyConsentDraft(nowLocalInLaos());
    this.recording.set(true);
    if (this.agencies().length === 0) {
      try {
        this.agencies.set(await this.api.agencies());
      } catch (e) {
        this.error.set(this.store.problem(e).message);
      }
    }
  }

  protected async record(): Promise<void> {
    const id = this.store.case()?.id;
    const body = consentBody(this.draft);
    if (!id || !body) return;
    const saved = await this.store.run(() => this.api.grantConsent(id, body), 'cases.saved.consent');
    if (saved) {
      this.recording.set(false);
      this.consents.update((list) => [saved, ...list]);
    }
  }

  /** Withdraws the consent with the reason the confirmation took; true once the API answered. */
  protected withdrawer(consentId: string): (reason: string) => Promise<boolean> {
    return async (reason) => {
      const saved = await this.store.run(() => this.api.withdrawConsent(consentId, reason), 'cases.saved.withdrawn');
      if (saved) this.consents.update((list) => list.map((c) => (c.id === saved.id ? saved : c)));
      return saved !== null;
    };
  }
}
