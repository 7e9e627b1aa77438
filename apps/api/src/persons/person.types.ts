/**
 * The identity of a person as entered in a screening's bio-data section or on a person record.
 * All of it is IDENTITY (encrypted at rest); matching keys are derived from it server-side.
 */
export const DOB_PRECISIONS = ['DAY', 'MONTH', 'YEAR', 'ESTIMATED', 'UNKNOWN'] as const;
export type DobPrecision = (typeof DOB_PRECISIONS)[number];

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
