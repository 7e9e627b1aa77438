/**
 * Wire shapes of the person routes (POST /persons/search, GET /persons/:id, merges) and the identity
 * a screening's bio-data and a person record hold. All of the identity is IDENTITY (encrypted at
 * rest); matching keys are derived from it in the API. A search answer carries no name.
 */
import type { LabelMap } from './i18n';

export const DOB_PRECISIONS = ['DAY', 'MONTH', 'YEAR', 'ESTIMATED', 'UNKNOWN'] as const;
export type DobPrecision = (typeof DOB_PRECISIONS)[number];
export const DOB_PRECISION_LABELS: LabelMap<DobPrecision> = {
  DAY: { lo: 'ຮູ້ວັນທີແນ່ນອນ', en: 'Exact day' },
  MONTH: { lo: 'ຮູ້ແຕ່ເດືອນ ແລະ ປີ', en: 'Month and year only' },
  YEAR: { lo: 'ຮູ້ແຕ່ປີ', en: 'Year only' },
  ESTIMATED: { lo: 'ປະມານເອົາ', en: 'Estimated' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export interface IdentityDocument {
  /** NATIONAL_ID, PASSPORT, FAMILY_BOOK, BORDER_PASS, BIRTH_CERTIFICATE, OTHER */
  type: string;
  number: string;
  /** SELF, EMPLOYER, RECRUITER, AUTHORITIES, LOST, OTHER */
  heldBy?: string;
}

export interface Guardian {
  name: string;
  relation: string;
  phone?: string;
}

export interface PersonIdentityInput {
  givenNameLo: string;
  familyNameLo?: string;
  latinNames?: string[];
  nicknames?: string[];
  previousNames?: string[];
  sex?: string;
  /** ISO date (YYYY-MM-DD); with precision YEAR only the year counts, MONTH the year and month */
  dateOfBirth?: string;
  dobPrecision: DobPrecision;
  presumedMinor?: boolean;
  citizenship?: string[];
  ethnicity?: string;
  languages?: string[];
  education?: string;
  maritalStatus?: string;
  homeVillage?: string;
  homeDistrict?: string;
  homeProvince?: string;
  documents?: IdentityDocument[];
  guardian?: Guardian;
  phone?: string;
  safeContactMethod?: string;
}

/** The identity without the contact details (those are CONTACT_LOCATION). */
export type PersonIdentity = Omit<PersonIdentityInput, 'phone' | 'safeContactMethod'>;

/** How to reach the person safely (CONTACT_LOCATION). */
export interface PersonContact {
  phone?: string;
  safeContactMethod?: string;
}

/** Why a candidate may be the same person as the search input. */
export const PERSON_MATCH_REASONS = [
  'LAO_KEY_EXACT',
  'LAO_KEY_SIMILAR',
  'LATIN_KEY_EXACT',
  'LATIN_KEY_SIMILAR',
  'NICKNAME',
  'PREVIOUS_NAME',
  'DOCUMENT',
  'BIRTH_YEAR',
] as const;
export type PersonMatchReason = (typeof PERSON_MATCH_REASONS)[number];
export const PERSON_MATCH_REASON_LABELS: LabelMap<PersonMatchReason> = {
  LAO_KEY_EXACT: { lo: 'ຊື່ພາສາລາວກົງກັນ', en: 'Lao name matches' },
  LAO_KEY_SIMILAR: { lo: 'ຊື່ພາສາລາວຄ້າຍກັນ', en: 'Lao name is similar' },
  LATIN_KEY_EXACT: { lo: 'ຊື່ອັກສອນລາແຕັງກົງກັນ', en: 'Latin-script name matches' },
  LATIN_KEY_SIMILAR: { lo: 'ຊື່ອັກສອນລາແຕັງຄ້າຍກັນ', en: 'Latin-script name is similar' },
  NICKNAME: { lo: 'ຊື່ຫຼິ້ນກົງກັນ', en: 'Nickname matches' },
  PREVIOUS_NAME: { lo: 'ຊື່ເກົ່າກົງກັນ', en: 'Previous name matches' },
  DOCUMENT: { lo: 'ເລກເອກະສານກົງກັນ', en: 'Document number matches' },
  BIRTH_YEAR: { lo: 'ປີເກີດກົງກັນ', en: 'Birth year matches' },
};

/** A duplicate candidate: no name, only what lets a worker recognise the person they may open. */
export interface PersonCandidateView {
  personId: string;
  /** 0–1, higher is a likelier duplicate */
  score: number;
  reasons: PersonMatchReason[];
  display: {
    initials: string;
    birthYear?: number;
    sex?: string;
    /** numbers of this person's cases that the caller may open (empty: none) */
    caseNumbers: string[];
  };
}

export interface PersonSearchResultView {
  /** persons the caller may see, best first */
  candidates: PersonCandidateView[];
  /**
   * A person the caller may not see matches the name strongly: all that is said of it. The caller
   * may ask the agencies that hold it through a match request (POST /screenings/:id/match-requests).
   */
  possibleMatchElsewhere: boolean;
}

export interface PersonView {
  id: string;
  version: number;
  mergedInto: null;
  sex: string | null;
  citizenship: string[];
  presumedMinor: boolean;
  identity: PersonIdentity;
  /** absent when the caller's relation does not carry CONTACT_LOCATION (a referral packet without it) */
  contact?: PersonContact | null;
  createdAt: string;
  updatedAt: string;
}

/** A merged person: only the pointer to the survivor. */
export interface PersonTombstoneView {
  id: string;
  mergedInto: string;
}

export interface PersonMergeView {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedAt: string;
  undoneAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** POST /persons/search: the terms travel in the body only, never in a URL. */
export interface PersonSearchRequest {
  /** a name in Lao script or Latin letters */
  name: string;
  /** 'YYYY' or 'YYYY-MM-DD' */
  dateOfBirth?: string;
  documentNumber?: string;
  limit?: number;
}

/** POST /persons/merges/:mergeId/undo */
export interface MergeReasonRequest {
  reason: string;
}

/** POST /persons/:id/merge: merges the person `mergeId` into the path's person. */
export interface MergePersonRequest extends MergeReasonRequest {
  mergeId: string;
}

/** GET /persons/:id: the person, or, once merged, only the pointer to the survivor. */
export type PersonReadView = PersonView | PersonTombstoneView;
