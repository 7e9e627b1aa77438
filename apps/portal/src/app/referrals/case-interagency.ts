import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  CONSENT_FORM_LABELS,
  CONSENT_FORMS,
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  HANDOFF_STATUS_LABELS,
  label,
  PROVINCE_LABELS,
  REFERRAL_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  URGENCIES,
  URGENCY_LABELS,
  type ConsentView,
  type CreateHandoffRequest,
  type DataCategory,
  type HandoffSummaryView,
  type LabelMap,
  type PerpetratorRelation,
  type ProtectionMeasure,
  type ReferenceAgencyView,
  type ReferralSummaryView,
  type ServiceDirectoryEntryView,
  type ServiceType,
  type SuspectRole,
  type Urgency,
  type WillingnessToTestify,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { PERPETRATOR_RELATION_LABELS } from '../core/i18n/dict-cases';
import {
  PROTECTION_MEASURE_LABELS,
  PROTECTION_MEASURES,
  SUSPECT_ROLE_LABELS,
  SUSPECT_ROLES,
  TESTIFY_LABELS,
  WILLINGNESS_TO_TESTIFY,
} from '../core/i18n/dict-interagency';
import { PERPETRATOR_RELATIONS } from '../cases/case-codes';
import { CaseApi } from '../cases/case-api';
import { CaseStore } from '../cases/case-store';
import { InterAgencyApi } from './interagency-api';
import { ChargesInput } from './charges-input';
import { coveredCategories, missingCategories, referralConsentDraft } from './ia-util';
import { consentBody } from '../cases/case-consents';
import { AgencyNames, FORM_KIT, FormActions, formatDateTime, I18n, nowLocalInLaos, toggle } from '@ctms/ui';

const PACKET: readonly DataCategory[] = DATA_CATEGORIES.filter((c) => c !== 'CASE_SUMMARY');

/** The case page's referral and handoff section: the case's referrals and handoffs, and the forms to create them. */
@Component({
  selector: 'app-case-interagency',
  imports: [ChargesInput, FORM_KIT, FormActions, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .packet-item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
    .radio {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 40px;
    }
  `,
  templateUrl: './case-interagency.html',
})
export class CaseInterAgency {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(InterAgencyApi);
  private readonly caseApi = inject(CaseApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly serviceTypes = SERVICE_TYPES;
  protected readonly urgencies = URGENCIES;
  protected readonly packet = PACKET;
  protected readonly roles = SUSPECT_ROLES;
  protected readonly relations = PERPETRATOR_RELATIONS;
  protected readonly testify = WILLINGNESS_TO_TESTIFY;
  protected readonly measures = PROTECTION_MEASURES;
  protected readonly L = {
    service: SERVICE_TYPE_LABELS,
    urgency: URGENCY_LABELS,
    category: DATA_CATEGORY_LABELS,
    role: SUSPECT_ROLE_LABELS,
    relation: PERPETRATOR_RELATION_LABELS,
    testify: TESTIFY_LABELS,
    measure: PROTECTION_MEASURE_LABELS,
    giver: CONSENT_GIVER_LABELS,
    form: CONSENT_FORM_LABELS,
  } as const;
  protected readonly givers = CONSENT_GIVERS;
  protected readonly consentForms = CONSENT_FORMS;

  protected readonly referrals = signal<ReferralSummaryView[]>([]);
  protected readonly handoffs = signal<HandoffSummaryView[]>([]);
  protected readonly error = signal<string | null>(null);
  /** the API decides: the lead's assigned caseworker or supervisor, on a case that is not closed */
  protected readonly canRefer = computed(() => this.store.case()?.allowedActions.refer === true);
  /** the API decides: the lead's case editor, or the agency that identified the victim on a request (decision 0024) */
  protected readonly canHandoff = computed(() => this.store.case()?.allowedActions.handoff === true);

  // referral form
  protected readonly referring = signal(false);
  protected readonly chosenServices = signal<ServiceType[]>([]);
  protected readonly directory = signal<ServiceDirectoryEntryView[]>([]);
  protected readonly agencyId = signal<string | null>(null);
  protected readonly consents = signal<ConsentView[]>([]);
  protected readonly categories = signal<DataCategory[]>([]);
  protected readonly refused = signal<DataCategory[]>([]);
  protected urgency: Urgency | '' = '';
  protected reason = '';
  /** the inline "record consent" step: open, and what the person agrees to */
  protected readonly consenting = signal(false);
  protected consent = { categories: [] as DataCategory[], givenBy: '', form: '', grantedAt: '' };

  // handoff form
  protected readonly handingOff = signal(false);
  protected readonly prosecutors = signal<ReferenceAgencyView[]>([]);
  protected ho = this.emptyHandoff();

  protected readonly covered = computed(() => coveredCategories(this.consents(), this.agencyId()));
  protected readonly summaryCovered = computed(() => this.covered().has('CASE_SUMMARY'));
  /** the categories no active consent covers for the chosen agency (the summary first): what the inline step offers */
  protected readonly uncovered = computed(() =>
    this.agencyId() ? DATA_CATEGORIES.filter((k) => !this.covered().has(k)) : [],
  );
  protected readonly chosenAgencyName = computed(() => {
    const a = this.directory().find((x) => x.id === this.agencyId());
    return a ? this.name(a) : '';
  });
  protected readonly province = computed(() => {
    const p = this.store.case()?.provinceCode ?? '';
    return `${p} ${label(PROVINCE_LABELS, p, this.i18n.language())}`;
  });

  protected readonly referralRows = computed(() => {
    const lang = this.i18n.language();
    return this.referrals().map((r) => ({
      ...r,
      toName: this.names.agency(r.toAgency.code, lang),
      statusLabel: label(REFERRAL_STATUS_LABELS, r.status, lang),
      services: r.serviceTypes.map((s) => label(SERVICE_TYPE_LABELS, s, lang)).join(', '),
      urgencyLabel: label(URGENCY_LABELS, r.urgency, lang),
      created: formatDateTime(r.createdAt, lang),
    }));
  });

  protected readonly handoffRows = computed(() => {
    const lang = this.i18n.language();
    return this.handoffs().map((h) => ({
      ...h,
      toName: this.names.agency(h.toAgency.code, lang),
      statusLabel: label(HANDOFF_STATUS_LABELS, h.status, lang),
      created: formatDateTime(h.createdAt, lang),
    }));
  });

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load());
    });
  }

  protected lbl(map: LabelMap<string>, code: string): string {
    return label(map, code, this.i18n.language());
  }

  protected name(a: { nameLo: string; nameEn: string }): string {
    return this.i18n.pick(a.nameLo, a.nameEn);
  }

  /** Why a category cannot be chosen, or null when it can. */
  protected disabledReason(k: DataCategory): string | null {
    if (!this.agencyId()) return this.i18n.t('ref.case.chooseAgencyFirst');
    if (!this.covered().has(k))
      return this.i18n.t('ref.case.notCovered', { category: this.lbl(DATA_CATEGORY_LABELS, k) });
    return null;
  }

  protected uncoveredText(): string {
    return this.uncovered()
      .map((k) => this.lbl(DATA_CATEGORY_LABELS, k))
      .join(', ');
  }

  protected refusedText(): string {
    return this.refused()
      .map((k) => this.lbl(DATA_CATEGORY_LABELS, k))
      .join(', ');
  }

  private async load(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    this.error.set(null);
    try {
      const [refs, hos] = await Promise.all([
        this.auth.can('referral:read')
          ? this.collect((c) => this.api.referrals('outgoing', null, c, 100))
          : Promise.resolve([]),
        this.auth.can('handoff:read')
          ? this.collect((c) => this.api.handoffs('outgoing', null, c, 100))
          : Promise.resolve([]),
      ]);
      this.referrals.set(refs.filter((r) => r.caseId === id));
      this.handoffs.set(hos.filter((h) => h.caseId === id));
    } catch (e) {
      this.error.set(this.store.problem(e).message);
    }
  }

  /** Every page of a box (a case's own referrals are few; the box is the agency's). */
  private async collect<T>(
    page: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  ): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const p = await page(cursor);
      out.push(...p.items);
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    return out;
  }

  protected async startReferral(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    this.chosenServices.set([]);
    this.directory.set([]);
    this.agencyId.set(null);
    this.categories.set([]);
    this.refused.set([]);
    this.urgency = '';
    this.reason = '';
    try {
      // the form opens only once the consents are known: before that every category would
      // look refused, and a quick hand would pick an agency against an empty consent list
      const page = await this.caseApi.consents(id, null);
      this.consents.set(page.items);
      this.referring.set(true);
    } catch (e) {
      this.error.set(this.store.problem(e).message);
    }
  }

  protected async toggleService(s: ServiceType, on: boolean): Promise<void> {
    const chosen = toggle(this.chosenServices(), s, on);
    this.chosenServices.set(chosen);
    const province = this.store.case()?.provinceCode;
    if (!province || chosen.length === 0) {
      this.directory.set([]);
      this.agencyId.set(null);
      return;
    }
    try {
      const lists = await Promise.all(chosen.map((t) => this.api.directory(t, province)));
      const [first, ...rest] = lists;
      const all = first.filter((a) => rest.every((l) => l.some((b) => b.id === a.id)));
      this.directory.set(all);
      if (!all.some((a) => a.id === this.agencyId())) this.chooseAgency(null);
    } catch (e) {
      this.error.set(this.store.problem(e).message);
    }
  }

  protected chooseAgency(id: string | null): void {
    this.agencyId.set(id);
    this.consenting.set(false);
    const covered = coveredCategories(this.consents(), id);
    this.categories.set(this.categories().filter((k) => covered.has(k)));
    this.refused.set([]);
  }

  /** Opens the inline consent step with the summary (always shared) and the categories already ticked that lack consent. */
  protected startConsent(): void {
    const open = this.uncovered();
    this.consent = {
      categories: open.filter((k) => k === 'CASE_SUMMARY'),
      givenBy: '',
      form: '',
      grantedAt: nowLocalInLaos(),
    };
    this.consenting.set(true);
  }

  protected toggleConsentCategory(k: DataCategory, on: boolean): void {
    this.consent = { ...this.consent, categories: toggle(this.consent.categories, k, on) };
  }

  private consentRequest() {
    const agency = this.agencyId();
    const c = this.consent;
    if (!agency || c.categories.length === 0) return null;
    return consentBody(referralConsentDraft(agency, c.categories, c.givenBy, c.form, c.grantedAt));
  }

  protected consentReady(): boolean {
    return this.consentRequest() !== null;
  }

  /** Records the consent through the consent API (the same rules as the consents tab); the packet then offers what it covers. */
  protected async saveConsent(): Promise<void> {
    const id = this.store.case()?.id;
    const body = this.consentRequest();
    if (!id || !body) return;
    const saved = await this.store.run(() => this.caseApi.grantConsent(id, body), 'cases.saved.consent');
    if (saved) {
      this.consents.update((list) => [saved, ...list]);
      this.consenting.set(false);
      this.refused.set([]);
    }
  }

  protected toggleCategory(k: DataCategory, on: boolean): void {
    this.categories.set(toggle(this.categories(), k, on));
  }

  protected referralReady(): boolean {
    return !!this.agencyId() && this.chosenServices().length > 0 && !!this.urgency && this.reason.trim().length > 0;
  }

  protected async sendReferral(): Promise<void> {
    const c = this.store.case();
    const toAgencyId = this.agencyId();
    if (!c || !toAgencyId || !this.urgency || !this.referralReady()) return;
    this.refused.set([]);
    let failure: unknown = null;
    const done = await this.store.run(
      () =>
        this.api
          .createReferral(c.id, {
            toAgencyId,
            serviceTypes: this.chosenServices(),
            urgency: this.urgency as Urgency,
            reason: this.reason.trim(),
            categories: this.categories(),
          })
          .catch((e: unknown) => {
            failure = e;
            throw e;
          }),
      'cases.saved.status',
    );
    if (done) {
      this.store.notice.set({ kind: 'ok', text: this.i18n.t('ref.case.sent') });
      this.referring.set(false);
      await this.load();
    } else {
      this.refused.set(missingCategories(failure));
    }
  }

  // ---------------------------------------------------------------- handoffs

  private emptyHandoff() {
    return {
      toAgencyId: '',
      statementSummary: '',
      evidence: [{ description: '' }],
      suspects: [{ name: '', alias: '', roleInProcess: '', relationToVictim: '' }],
      charges: [{ article: '', description: '' }],
      willingToTestify: '',
      protectionMeasures: [] as string[],
      protectionNote: '',
    };
  }

  protected async startHandoff(): Promise<void> {
    this.ho = this.emptyHandoff();
    this.handingOff.set(true);
    try {
      const agencies = await this.caseApi.agencies();
      const ospp = agencies.filter((a) => a.capabilities.includes('PROSECUTE'));
      this.prosecutors.set(ospp);
      if (ospp.length === 1) this.ho.toAgencyId = ospp[0].id;
    } catch (e) {
      this.error.set(this.store.problem(e).message);
    }
  }

  protected addEvidence(): void {
    this.ho.evidence = [...this.ho.evidence, { description: '' }];
  }
  protected addSuspect(): void {
    this.ho.suspects = [...this.ho.suspects, { name: '', alias: '', roleInProcess: '', relationToVictim: '' }];
  }
  protected removeAt<T>(list: T[], i: number): T[] {
    return list.filter((_, j) => j !== i);
  }
  protected toggleMeasure(m: string, on: boolean): void {
    this.ho.protectionMeasures = toggle(this.ho.protectionMeasures, m, on);
  }

  protected handoffBody(): CreateHandoffRequest | null {
    const h = this.ho;
    if (!h.toAgencyId || !h.statementSummary.trim() || !h.willingToTestify) return null;
    const suspects = h.suspects.filter((s) => s.roleInProcess || s.relationToVictim || s.name.trim() || s.alias.trim());
    if (suspects.some((s) => !s.roleInProcess || !s.relationToVictim)) return null;
    return {
      toAgencyId: h.toAgencyId,
      statementSummary: h.statementSummary.trim(),
      evidence: h.evidence.filter((e) => e.description.trim()).map((e) => ({ description: e.description.trim() })),
      suspects: suspects.map((s) => ({
        ...(s.name.trim() ? { name: s.name.trim() } : {}),
        ...(s.alias.trim() ? { alias: s.alias.trim() } : {}),
        // the selects offer only SUSPECT_ROLES and PERPETRATOR_RELATIONS; the API validates both
        roleInProcess: s.roleInProcess as SuspectRole,
        relationToVictim: s.relationToVictim as PerpetratorRelation,
      })),
      proposedCharges: h.charges
        .filter((c) => c.article.trim())
        .map((c) => ({
          article: c.article.trim(),
          ...(c.description.trim() ? { description: c.description.trim() } : {}),
        })),
      willingToTestify: h.willingToTestify as WillingnessToTestify,
      protectionMeasures: h.protectionMeasures as ProtectionMeasure[],
      ...(h.protectionNote.trim() ? { protectionNote: h.protectionNote.trim() } : {}),
    };
  }

  protected async sendHandoff(): Promise<void> {
    const c = this.store.case();
    const body = this.handoffBody();
    if (!c || !body) return;
    const done = await this.store.run(() => this.api.createHandoff(c.id, body), 'cases.saved.status');
    if (done) {
      this.store.notice.set({ kind: 'ok', text: this.i18n.t('ho.sent') });
      this.handingOff.set(false);
      await this.load();
    }
  }
}
