import type { Label } from '@ctms/domain';
import { PROVINCE_LABELS, SERVICE_TYPE_LABELS } from '@ctms/domain';
import * as C from './screening-codes';
import type { ObjectSection } from './screening.logic';

/*
 * The interview sections as data: one entry per field of apps/api/src/screenings/dto/screening.dto.ts.
 * The section form renders them (edit and read-only); labels are FIELD_LABELS[`<section>.<key>`].
 */

export type FieldKind = 'text' | 'textarea' | 'code' | 'codes' | 'bool' | 'int' | 'date' | 'datetime' | 'list' | 'rows' | 'object';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
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

export const SECTION_FIELDS: Readonly<Partial<Record<ObjectSection, readonly FieldSpec[]>>> = {
  metadata: [
    code('provinceCode', PROVINCE_LABELS),
    t('district'),
    code('facilityType', C.FACILITY_TYPES),
    t('crossingPoint'),
    code('referralSource', C.REFERRAL_SOURCES),
    { key: 'interviewAt', kind: 'datetime' },
    t('interviewLanguage'),
    { key: 'othersPresent', kind: 'rows', fields: [code('role', C.PRESENT_PERSON_ROLES), bool('accompanyingInterviewee')] },
    code('preferredInterviewerGender', C.PREFERRED_GENDERS),
    bool('preferredInterviewerGenderHonoured'),
  ],
  interpreter: [
    bool('used'),
    t('languagePair'),
    code('relationToInterviewee', C.INTERPRETER_RELATIONS),
    bool('confidentialitySigned'),
    date('confidentialitySignedOn'),
    bool('trained'),
    code('mode', C.INTERPRETER_MODES),
    t('agency'),
  ],
  bioData: [
    t('givenNameLo'),
    t('familyNameLo'),
    list('latinNames'),
    list('nicknames'),
    list('previousNames'),
    code('sex', C.SEXES),
    date('dateOfBirth'),
    code('dobPrecision', C.DOB_PRECISIONS),
    bool('presumedMinor'),
    int('ageAtInterview', 0, 120),
    int('ageWhenTrafficked', 0, 120),
    code('ageAssessmentMethod', C.AGE_ASSESSMENT_METHODS),
    list('citizenship', true),
    t('ethnicity'),
    list('languages'),
    code('education', C.EDUCATION_LEVELS),
    code('maritalStatus', C.MARITAL_STATUSES),
    int('numberOfChildren', 0, 30),
    t('placeOfBirth'),
    t('homeVillage'),
    t('homeDistrict'),
    code('homeProvince', PROVINCE_LABELS),
    { key: 'documents', kind: 'rows', fields: [code('type', C.IDENTITY_DOCUMENT_TYPES), t('number'), code('heldBy', C.DOCUMENT_HOLDERS)] },
    { key: 'guardian', kind: 'object', childOnly: true, fields: [t('name'), t('relation'), t('phone')] },
    t('phone'),
    t('safeContactMethod'),
  ],
  recruitment: [
    date('dateLeftHome'),
    long('reasonForLeaving'),
    code('recruiterRelation', C.RECRUITER_RELATIONS),
    codes('methods', C.RECRUITMENT_METHODS),
    codes('websitesAndApps', C.WEBSITES_AND_APPS),
    long('promisedJob'),
    t('promisedWage'),
    t('promisedLocation'),
    long('feesOrDebt'),
    t('documentsArrangedBy'),
    code('parentalKnowledge', C.YES_NO_UNKNOWN_NA),
    long('narrative'),
  ],
  transit: [
    long('route'),
    list('crossingPoints'),
    codes('transportMeans', C.TRANSPORT_MEANS),
    code('documentsUsed', C.TRAVEL_DOCUMENTS_USED),
    t('accompaniedBy'),
    bool('irregularCrossing'),
    long('payments'),
    { key: 'events', kind: 'rows', fields: [date('date'), { key: 'country', kind: 'code', list: C.COUNTRIES }, t('place'), long('description')] },
    long('narrative'),
  ],
  destinationAndExploitation: [
    code('country', C.COUNTRIES),
    t('province'),
    t('city'),
    codes('exploitationTypes', C.EXPLOITATION_TYPES),
    codes('industries', C.INDUSTRY_SECTIONS),
    codes('sexExploitationTypes', C.SEX_EXPLOITATION_TYPES),
    long('actualVersusPromisedWork'),
    int('hoursPerDay', 0, 24),
    int('daysPerWeek', 0, 7),
    long('payAndDeductions'),
    long('livingConditions'),
    code('freeToMove', C.YES_NO_UNKNOWN),
    code('freeToCommunicate', C.YES_NO_UNKNOWN),
    code('documentsConfiscated', C.YES_NO_UNKNOWN),
    codes('meansOfControl', C.MEANS_OF_CONTROL),
    int('durationMonths', 0, 600),
    long('narrative'),
  ],
  exit: [code('method', C.EXIT_METHODS), date('date'), code('migrationStatus', C.MIGRATION_STATUSES), long('narrative')],
  needsAndRisks: [
    bool('urgentMedicalNeed'),
    bool('injuries'),
    code('pregnancy', C.YES_NO_UNKNOWN),
    bool('mentalHealthDistress'),
    codes('safetyRisks', C.SAFETY_RISKS),
    long('returnWishes'),
    bool('familyTracingWanted'),
    code('willingToTakePartInProceedings', C.PROCEEDINGS_WILLINGNESS),
    codes('servicesNeeded', SERVICE_TYPE_LABELS),
    long('notes'),
  ],
};

/** Every label key the specs need (a unit test checks that the dictionaries have them all). */
export function fieldLabelKeys(): string[] {
  const out: string[] = [];
  const walk = (prefix: string, fields: readonly FieldSpec[]) => {
    for (const f of fields) {
      out.push(`${prefix}.${f.key}`);
      if (f.fields) walk(`${prefix}.${f.key}`, f.fields);
    }
  };
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) walk(section, fields ?? []);
  return out;
}
