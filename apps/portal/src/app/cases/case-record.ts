import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type FormArray, type FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  HTCDS_SUPPORT_PLAN_TYPE_LABELS,
  HTCDS_SUPPORT_PLAN_TYPES,
  label,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  type LabelMap,
} from '@ctms/domain';
import {
  EXPLOITATION_TYPE_LABELS,
  JOURNEY_STAGE_LABELS,
  MEANS_OF_CONTROL_LABELS,
  PERPETRATOR_RELATION_LABELS,
  PERPETRATOR_ROLE_LABELS,
  RISK_LEVEL_LABELS,
  TESTIFY_LABELS,
} from '../core/i18n/dict-cases';
import { CaseApi } from './case-api';
import {
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  TESTIFY_ANSWERS,
} from './case-codes';
import {
  draftFromCase,
  journeyGroup,
  patchFor,
  perpetratorGroup,
  recordForm,
  type RecordForm,
  type RecordSection,
} from './case-draft';
import { CaseStore } from './case-store';
import { FORM_KIT, formatDate, I18n, toggle, type TranslationKey } from '@ctms/ui';

/**
 * The case record, one section at a time: read, and for the assigned caseworker or a supervisor
 * (`allowedActions.edit`) edit. A save sends only that section with the version read.
 */
@Component({
  selector: 'app-case-record',
  imports: [FORM_KIT, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  templateUrl: './case-record.html',
})
export class CaseRecord {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  protected readonly c = this.store.case;
  protected readonly editing = signal<RecordSection | null>(null);
  /** the section being edited, as a typed reactive form */
  protected form: RecordForm | null = null;

  protected readonly exploitationTypes = EXPLOITATION_TYPES;
  protected readonly meansOfControl = MEANS_OF_CONTROL;
  protected readonly journeyStages = JOURNEY_STAGES;
  protected readonly roles = PERPETRATOR_ROLES;
  protected readonly relations = PERPETRATOR_RELATIONS;
  protected readonly riskLevels = RISK_LEVELS;
  protected readonly testify = TESTIFY_ANSWERS;
  protected readonly serviceTypes = SERVICE_TYPES;
  protected readonly planTypes = HTCDS_SUPPORT_PLAN_TYPES;

  protected readonly L = {
    exploitation: EXPLOITATION_TYPE_LABELS,
    means: MEANS_OF_CONTROL_LABELS,
    stage: JOURNEY_STAGE_LABELS,
    role: PERPETRATOR_ROLE_LABELS,
    relation: PERPETRATOR_RELATION_LABELS,
    risk: RISK_LEVEL_LABELS,
    testify: TESTIFY_LABELS,
    service: SERVICE_TYPE_LABELS,
    plan: HTCDS_SUPPORT_PLAN_TYPE_LABELS,
  } as const;

  protected readonly hasFieldErrors = computed(() => Object.keys(this.store.fieldErrors()).length > 0);
  protected readonly canEdit = computed(() => this.c()?.allowedActions.edit ?? false);

  protected readonly sections: readonly { id: RecordSection; titleKey: TranslationKey }[] = [
    { id: 'overview', titleKey: 'cases.record.overview' },
    { id: 'exploitation', titleKey: 'cases.record.exploitation' },
    { id: 'perpetrators', titleKey: 'cases.record.perpetrators' },
    { id: 'health', titleKey: 'cases.record.health' },
    { id: 'contact', titleKey: 'cases.record.contact' },
    { id: 'legal', titleKey: 'cases.record.legal' },
    { id: 'plan', titleKey: 'cases.record.plan' },
  ];

  protected lbl(map: LabelMap<string>, code: string | null | undefined): string {
    return code ? label(map, code, this.i18n.language()) : '';
  }

  protected lbls(map: LabelMap<string>, codes: readonly string[] | null | undefined): string {
    return (codes ?? []).map((x) => label(map, x, this.i18n.language())).join(', ');
  }

  protected date(v: string | null | undefined): string {
    return formatDate(v, this.i18n.language());
  }

  protected edit(section: RecordSection): void {
    const c = this.c();
    if (!c) return;
    this.form = recordForm(draftFromCase(c));
    this.store.notice.set(null);
    this.editing.set(section);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form = null;
  }

  /** A checkbox of a code list: the control holds the chosen codes, in the order chosen. */
  protected check(control: FormControl<string[]>, value: string, on: boolean): void {
    control.setValue(toggle(control.value, value, on));
  }

  protected addJourney(): void {
    this.form?.controls.journeyEvents.push(
      journeyGroup({ stage: 'RECRUITMENT', place: '', date: '', description: '' }),
    );
  }

  protected addPerpetrator(): void {
    this.form?.controls.perpetrators.push(
      perpetratorGroup({ role: 'RECRUITER_OR_INTERMEDIARY', relationToVictim: '', description: '' }),
    );
  }

  protected remove(list: FormArray, i: number): void {
    list.removeAt(i);
  }

  protected async save(): Promise<void> {
    const section = this.editing();
    const form = this.form;
    if (!section || !form) return;
    const patch = patchFor(section, form.getRawValue());
    const ok = await this.store.write((c) => this.api.patch(c.id, c.version, patch), 'cases.saved.record');
    // saved; or someone else changed the case first: it was reloaded, so the draft is stale too
    if (ok || this.store.lastCode() === 'STALE_VERSION') this.cancel();
  }
}
