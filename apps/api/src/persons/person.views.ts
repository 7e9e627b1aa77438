import type { PersonContact, PersonIdentity } from './person.types';

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
