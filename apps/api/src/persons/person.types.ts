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

/** What goes to `contact_enc` (CONTACT_LOCATION); everything else of the identity goes to `identity_enc`. */
export interface PersonContact {
  phone?: string;
  safeContactMethod?: string;
}

export type PersonIdentity = Omit<PersonIdentityInput, 'phone' | 'safeContactMethod'>;

export function splitIdentity(input: PersonIdentityInput): { identity: PersonIdentity; contact: PersonContact | null } {
  const { phone, safeContactMethod, ...identity } = input;
  const contact: PersonContact = {};
  if (phone !== undefined && phone !== null && phone !== '') contact.phone = phone;
  if (safeContactMethod !== undefined && safeContactMethod !== null && safeContactMethod !== '') contact.safeContactMethod = safeContactMethod;
  return { identity, contact: Object.keys(contact).length > 0 ? contact : null };
}
