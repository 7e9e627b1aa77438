import type { Label } from '@ctms/domain';
import {
  PROVINCE_LABELS,
  SERVICE_TYPE_LABELS,
  AGE_ASSESSMENT_METHOD_LABELS,
  DOCUMENT_HOLDER_LABELS,
  EDUCATION_LEVEL_LABELS,
  EXIT_METHOD_LABELS,
  FACILITY_TYPE_LABELS,
  IDENTITY_DOCUMENT_TYPE_LABELS,
  INDUSTRY_SECTION_LABELS,
  INTERPRETER_MODE_LABELS,
  INTERPRETER_RELATION_LABELS,
  INTERVIEW_EXPLOITATION_TYPE_LABELS,
  INTERVIEW_MEANS_OF_CONTROL_LABELS,
  INTERVIEW_SEX_LABELS,
  MARITAL_STATUS_LABELS,
  MIGRATION_STATUS_LABELS,
  PREFERRED_INTERVIEWER_GENDER_LABELS,
  PRESENT_PERSON_ROLE_LABELS,
  PROCEEDINGS_WILLINGNESS_LABELS,
  RECRUITER_RELATION_LABELS,
  RECRUITMENT_METHOD_LABELS,
  REFERRAL_SOURCE_LABELS,
  SAFETY_RISK_LABELS,
  SEX_EXPLOITATION_TYPE_LABELS,
  TRANSPORT_MEANS_LABELS,
  TRAVEL_DOCUMENT_USED_LABELS,
  WEBSITE_OR_APP_LABELS,
  YES_NO_UNKNOWN_LABELS,
  YES_NO_UNKNOWN_NA_LABELS,
} from '@ctms/domain';
import type { ObjectSection } from './screening.logic';
import type { Rec } from './screenings.api';

/*
 * The interview sections as data: one entry per field of apps/api/src/screenings/dto/screening.dto.ts.
 * The section form renders them (edit and read-only); labels are FIELD_LABELS[`<section>.<key>`].
 */

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'code'
  | 'codes'
  | 'choice'
  | 'bool'
  | 'int'
  | 'date'
  | 'dob'
  | 'datetime'
  | 'list'
  | 'pick'
  | 'picks'
  | 'langpair'
  | 'rows'
  | 'object';

/** Searchable lists with Lao and English names (shared/ui/world.ts, libs/domain places.ts). */
export type PickListId = 'country' | 'language' | 'district' | 'crossing';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  /** pick, picks: which searchable list */
  pick?: PickListId;
  /** shown only when this holds for the section (e.g. the crossing detail for an informal crossing) */
  showIf?: (obj: Rec) => boolean;
  /** coded values and their labels (code, codes) */
  list?: Readonly<Record<string, Label>>;
  /** fields of each row (rows) or of the object (object) */
  fields?: readonly FieldSpec[];
  /** list: upper-case each item (country codes) */
  upper?: boolean;
  min?: number;
  max?: number;
  /** shown only when the interviewee is a child */
  childOnly?: boolean;
}

const t = (key: string): FieldSpec => ({ key, kind: 'text' });
const long = (key: string): FieldSpec => ({ key, kind: 'textarea' });
const code = (key: string, list: Readonly<Record<string, Label>>): FieldSpec => ({ key, kind: 'code', list });
const codes = (key: string, list: Readonly<Record<string, Label>>): FieldSpec => ({ key, kind: 'codes', list });
const bool = (key: string): FieldSpec => ({ key, kind: 'bool' });
const int = (key: string, min: number, max: number): FieldSpec => ({ key, kind: 'int', min, max });
const date = (key: string): FieldSpec => ({ key, kind: 'date' });
const list = (key: string, upper = false): FieldSpec => ({ key, kind: 'list', upper });
/** a short coded list answered with one tap (radios) */
const choice = (key: string, list: Readonly<Record<string, Label>>): FieldSpec => ({ key, kind: 'choice', list });
const pick = (key: string, id: PickListId, showIf?: (obj: Rec) => boolean): FieldSpec => ({
  key,
  kind: 'pick',
  pick: id,
  ...(showIf ? { showIf } : {}),
});
const picks = (key: string, id: PickListId): FieldSpec => ({ key, kind: 'picks', pick: id });
const informalCrossing = (obj: Rec) =>
  obj['crossingPoint'] === 'INFORMAL' ||
  obj['crossingPoint'] === 'OTHER' ||
  typeof obj['crossingPointDetail'] === 'string';

export const SECTION_FIELDS: Readonly<Partial<Record<ObjectSection, readonly FieldSpec[]>>> = {
  metadata: [
    code('provinceCode', PROVINCE_LABELS),
    pick('district', 'district'),
    { key: 'districtDetail', kind: 'text', showIf: (o) => typeof o['districtDetail'] === 'string' },
    code('facilityType', FACILITY_TYPE_LABELS),
    pick('crossingPoint', 'crossing'),
    { key: 'crossingPointDetail', kind: 'text', showIf: informalCrossing },
    code('referralSource', REFERRAL_SOURCE_LABELS),
    { key: 'interviewAt', kind: 'datetime' },
    pick('interviewLanguage', 'language'),
    {
      key: 'othersPresent',
      kind: 'rows',
      fields: [code('role', PRESENT_PERSON_ROLE_LABELS), bool('accompanyingInterviewee')],
    },
    choice('preferredInterviewerGender', PREFERRED_INTERVIEWER_GENDER_LABELS),
    bool('preferredInterviewerGenderHonoured'),
  ],
  interpreter: [
    bool('used'),
    { key: 'languagePair', kind: 'langpair' },
    code('relationToInterviewee', INTERPRETER_RELATION_LABELS),
    bool('confidentialitySigned'),
    date('confidentialitySignedOn'),
    bool('trained'),
    choice('mode', INTERPRETER_MODE_LABELS),
    t('agency'),
  ],
  bioData: [
    t('givenNameLo'),
    t('familyNameLo'),
    list('latinNames'),
    list('nicknames'),
    list('previousNames'),
    code('sex', INTERVIEW_SEX_LABELS),
    { key: 'dateOfBirth', kind: 'dob' },
    bool('presumedMinor'),
    // asked only when there is no birth date: otherwise the age is worked out and shown
    { key: 'ageAtInterview', kind: 'int', min: 0, max: 120, showIf: (o) => typeof o['dateOfBirth'] !== 'string' },
    int('ageWhenTrafficked', 0, 120),
    code('ageAssessmentMethod', AGE_ASSESSMENT_METHOD_LABELS),
    picks('citizenship', 'country'),
    t('ethnicity'),
    picks('languages', 'language'),
    code('education', EDUCATION_LEVEL_LABELS),
    code('maritalStatus', MARITAL_STATUS_LABELS),
    int('numberOfChildren', 0, 30),
    t('placeOfBirth'),
    t('homeVillage'),
    t('homeDistrict'),
    code('homeProvince', PROVINCE_LABELS),
    {
      key: 'documents',
      kind: 'rows',
      fields: [code('type', IDENTITY_DOCUMENT_TYPE_LABELS), t('number'), code('heldBy', DOCUMENT_HOLDER_LABELS)],
    },
    { key: 'guardian', kind: 'object', childOnly: true, fields: [t('name'), t('relation'), t('phone')] },
    t('phone'),
    t('safeContactMethod'),
  ],
  recruitment: [
    date('dateLeftHome'),
    long('reasonForLeaving'),
    code('recruiterRelation', RECRUITER_RELATION_LABELS),
    codes('methods', RECRUITMENT_METHOD_LABELS),
    codes('websitesAndApps', WEBSITE_OR_APP_LABELS),
    long('promisedJob'),
    t('promisedWage'),
    t('promisedLocation'),
    long('feesOrDebt'),
    t('documentsArrangedBy'),
    choice('parentalKnowledge', YES_NO_UNKNOWN_NA_LABELS),
    long('narrative'),
  ],
  transit: [
    long('route'),
    picks('crossingPoints', 'crossing'),
    long('crossingPointsDetail'),
    codes('transportMeans', TRANSPORT_MEANS_LABELS),
    code('documentsUsed', TRAVEL_DOCUMENT_USED_LABELS),
    t('accompaniedBy'),
    bool('irregularCrossing'),
    long('payments'),
    {
      key: 'events',
      kind: 'rows',
      fields: [date('date'), pick('country', 'country'), t('place'), long('description')],
    },
    long('narrative'),
  ],
  destinationAndExploitation: [
    pick('country', 'country'),
    t('province'),
    t('city'),
    codes('exploitationTypes', INTERVIEW_EXPLOITATION_TYPE_LABELS),
    codes('industries', INDUSTRY_SECTION_LABELS),
    codes('sexExploitationTypes', SEX_EXPLOITATION_TYPE_LABELS),
    long('actualVersusPromisedWork'),
    int('hoursPerDay', 0, 24),
    int('daysPerWeek', 0, 7),
    long('payAndDeductions'),
    long('livingConditions'),
    choice('freeToMove', YES_NO_UNKNOWN_LABELS),
    choice('freeToCommunicate', YES_NO_UNKNOWN_LABELS),
    choice('documentsConfiscated', YES_NO_UNKNOWN_LABELS),
    codes('meansOfControl', INTERVIEW_MEANS_OF_CONTROL_LABELS),
    int('durationMonths', 0, 600),
    long('narrative'),
  ],
  exit: [
    code('method', EXIT_METHOD_LABELS),
    date('date'),
    code('migrationStatus', MIGRATION_STATUS_LABELS),
    long('narrative'),
  ],
  needsAndRisks: [
    bool('urgentMedicalNeed'),
    bool('injuries'),
    choice('pregnancy', YES_NO_UNKNOWN_LABELS),
    bool('mentalHealthDistress'),
    codes('safetyRisks', SAFETY_RISK_LABELS),
    long('returnWishes'),
    bool('familyTracingWanted'),
    choice('willingToTakePartInProceedings', PROCEEDINGS_WILLINGNESS_LABELS),
    codes('servicesNeeded', SERVICE_TYPE_LABELS),
    long('notes'),
  ],
};

/** The spec of a field by its path ('bioData.documents.0.number' → the `number` of `documents`). */
export function fieldSpecAt(path: string): FieldSpec | undefined {
  const [section, ...rest] = path.split('.').filter((p) => !/^\d+$/.test(p));
  let fields: readonly FieldSpec[] | undefined = SECTION_FIELDS[section as ObjectSection];
  let found: FieldSpec | undefined;
  for (const key of rest) {
    found = fields?.find((f) => f.key === key);
    fields = found?.fields;
  }
  return found;
}

/** Every label key the specs need (a unit test checks that the dictionaries have them all). */
/** Fields a server answer may name that the form edits inside another control (the birth date's precision). */
const LABELLED_INSIDE_OTHERS = ['bioData.dobPrecision'];

export function fieldLabelKeys(): string[] {
  const out: string[] = [...LABELLED_INSIDE_OTHERS];
  const walk = (prefix: string, fields: readonly FieldSpec[]) => {
    for (const f of fields) {
      out.push(`${prefix}.${f.key}`);
      if (f.fields) walk(`${prefix}.${f.key}`, f.fields);
    }
  };
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) walk(section, fields ?? []);
  return out;
}
