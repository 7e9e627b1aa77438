import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import {
  CASE_STATUS_LABELS,
  CLOSURE_REASON_LABELS,
  IDENTIFICATION_STATUS_LABELS,
  label,
  PROVINCE_LABELS,
  SERVICE_TYPE_LABELS,
  type PersonIdentity,
  type PersonReadView,
} from '@ctms/domain';
import { CASE_FLAG_LABELS, EXPLOITATION_TYPE_LABELS, RISK_LEVEL_LABELS, SEX_LABELS } from '../core/i18n/dict-cases';
import { CaseApi } from './case-api';
import { CaseAccessLog } from './case-access-log';
import { CaseActions } from './case-actions';
import { CaseConsents } from './case-consents';
import { CaseNotes } from './case-notes';
import { CasePlan } from './case-plan';
import { CaseRecord } from './case-record';
import { CaseStore } from './case-store';
import { CaseTimeline } from './case-timeline';
import { CaseInterAgency } from '../referrals/case-interagency';
import { AuthService } from '../core/auth/auth.service';
import { CaseDuplicates } from '../persons/case-duplicates';
import { CaseAttachments } from './case-attachments';
import { CaseTransfer } from '../transfers/case-transfer';
import { CaseFollowUp } from '../follow-up/case-follow-up';
import { CaseFamilyTracing } from '../family-tracing/case-family-tracing';
import { AgencyNames, countryLabels, formatDate, formatDateTime, I18n, personName, TranslatePipe } from '@ctms/ui';

/** The case page: identity masked until asked for; what the user may do comes from `allowedActions`. */

@Component({
  selector: 'app-case-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatTabsModule,
    TranslatePipe,
    CaseActions,
    CaseRecord,
    CaseNotes,
    CasePlan,
    CaseTimeline,
    CaseConsents,
    CaseAccessLog,
    CaseInterAgency,
    CaseAttachments,
    CaseDuplicates,
    CaseTransfer,
    CaseFollowUp,
    CaseFamilyTracing,
  ],
  providers: [CaseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case.page.html',
  styleUrl: './case.page.scss',
})
export class CasePage {
  /** the route's `:id` */
  readonly id = input.required<string>();

  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);
  private readonly auth = inject(AuthService);

  protected readonly person = signal<PersonReadView | null>(null);
  protected readonly identityState = signal<'hidden' | 'loading' | 'shown' | 'error'>('hidden');
  protected readonly identityError = signal<string | null>(null);

  protected readonly c = this.store.case;

  /** Duplicate merge: supervisors (person:merge) of the lead agency; caseworkers never see it. */
  protected readonly canMerge = computed(() => {
    const c = this.c();
    return !!c && this.auth.can('person:merge') && this.auth.user()?.agency.id === c.leadAgency.id;
  });

  protected readonly summary = computed(() => {
    const c = this.c();
    if (!c) return null;
    const lang = this.i18n.language();
    return {
      status: label(CASE_STATUS_LABELS, c.status, lang),
      identification: label(IDENTIFICATION_STATUS_LABELS, c.identificationStatus, lang),
      province: `${c.provinceCode} ${label(PROVINCE_LABELS, c.provinceCode, lang)}`,
      flags: c.flags.map((f) => label(CASE_FLAG_LABELS, f, lang)),
      types: c.exploitationTypes.map((x) => label(EXPLOITATION_TYPE_LABELS, x, lang)),
      risk: c.riskLevel ? label(RISK_LEVEL_LABELS, c.riskLevel, lang) : null,
      needs: c.needs.map((n) => label(SERVICE_TYPE_LABELS, n, lang)),
      opened: formatDate(c.openedAt, lang),
      updated: formatDateTime(c.updatedAt, lang),
      closed: c.closedAt ? formatDate(c.closedAt, lang) : null,
      closureReason: c.closureReason ? label(CLOSURE_REASON_LABELS, c.closureReason, lang) : null,
      destinations: c.destinationCountries.map((x) => label(countryLabels(), x, lang)),
      leadAgency: this.names.agency(c.leadAgency.code, lang),
      assignee: c.assignedTo ? personName(c.assignedTo) : null,
    };
  });

  protected readonly identity = computed(() => {
    const p = this.person();
    if (!p) return null;
    const lang = this.i18n.language();
    // a merged person answers only its survivor's id: nothing to show
    const id: Partial<PersonIdentity> = ('identity' in p ? p.identity : null) ?? {};
    return {
      name: [id.givenNameLo, id.familyNameLo].filter(Boolean).join(' '),
      latinNames: (id.latinNames ?? []).join(', '),
      nicknames: (id.nicknames ?? []).join(', '),
      dateOfBirth: id.dateOfBirth ? formatDate(id.dateOfBirth, lang) : '',
      sex: 'sex' in p && p.sex ? label(SEX_LABELS, p.sex, lang) : '',
    };
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.person.set(null);
        this.identityState.set('hidden');
        void this.store.load(id);
      });
    });
  }

  /** Reads the person (the API records the read in the access log) and shows the name. */
  protected async showIdentity(): Promise<void> {
    const c = this.c();
    if (!c?.personId) return;
    this.identityState.set('loading');
    this.identityError.set(null);
    try {
      this.person.set(await this.api.person(c.personId));
      this.identityState.set('shown');
    } catch (e) {
      this.identityError.set(this.store.problem(e).message);
      this.identityState.set('error');
    }
  }

  /** After a merge or its undo: the case (and its timeline) again; a shown identity is read again. */
  protected async personChanged(): Promise<void> {
    await this.store.reload();
    this.store.revision.update((r) => r + 1);
    if (this.identityState() === 'shown') await this.showIdentity();
  }

  protected hideIdentity(): void {
    this.person.set(null);
    this.identityState.set('hidden');
  }
}
