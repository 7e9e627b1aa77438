/**
 * Consent rules that need no framework and no database: who may give a consent, what a grant must
 * say, and which requested data categories a set of consents covers. The service loads the rows
 * and applies these; the unit tests pin them down.
 */
import {
  DATA_CATEGORIES,
  isConsentActive,
  type ConsentGiver,
  type ConsentStatus,
  type ConsentType,
  type DataCategory,
} from '@ctms/domain';

/** Who may consent for a child (a case flagged CHILD, or a person presumed a minor). */
export const CHILD_CONSENT_GIVERS: readonly ConsentGiver[] = ['PARENT', 'LEGAL_GUARDIAN', 'SOCIAL_WORKER'];

/** Givers who are a guardian: the consent must then name them (kept encrypted in `parties_enc`). */
export const GUARDIAN_GIVERS: readonly ConsentGiver[] = ['PARENT', 'LEGAL_GUARDIAN'];

/** Consent types that need not name a recipient agency (they are not about sharing). */
export const AGENCY_OPTIONAL_TYPES: readonly ConsentType[] = ['INTERVIEW', 'DATA_PROCESSING'];

/** How far ahead of the server clock a grant time may be (clock skew of the recording device). */
export const GRANTED_AT_SKEW_MS = 5 * 60_000;

export type RuleProblems = { field: string; problems: string[] }[];

export interface ConsentGrantFacts {
  type: ConsentType;
  agencyIds: readonly string[];
  givenBy: ConsentGiver;
  guardianName?: string | null;
  grantedAt: Date;
  expiresAt?: Date | null;
  /** the case is flagged CHILD or its person is presumed a minor */
  isChild: boolean;
}

function blank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim().length === 0;
}

/**
 * What is wrong with a grant beyond the shape the DTO checks: the child rule, the guardian's name,
 * recipients for a sharing consent, and the dates. Empty when the grant may be stored.
 */
export function consentGrantProblems(f: ConsentGrantFacts, now: Date): RuleProblems {
  const out: RuleProblems = [];
  const add = (field: string, problem: string) => {
    const known = out.find((p) => p.field === field);
    if (known) known.problems.push(problem);
    else out.push({ field, problems: [problem] });
  };
  if (f.isChild && !CHILD_CONSENT_GIVERS.includes(f.givenBy)) {
    add('givenBy', `a child's consent must be given by ${CHILD_CONSENT_GIVERS.join(', ')}`);
  }
  if (GUARDIAN_GIVERS.includes(f.givenBy) && blank(f.guardianName)) {
    add('givenBy', 'a consent given by a parent or legal guardian must name them');
    add('guardianName', 'guardianName is required when givenBy is PARENT or LEGAL_GUARDIAN');
  }
  if (f.agencyIds.length === 0 && !AGENCY_OPTIONAL_TYPES.includes(f.type)) {
    add('agencyIds', `a ${f.type} consent must name at least one recipient agency`);
  }
  if (f.grantedAt.getTime() > now.getTime() + GRANTED_AT_SKEW_MS) {
    add('grantedAt', 'grantedAt must not be in the future');
  }
  if (f.expiresAt && f.expiresAt.getTime() <= f.grantedAt.getTime()) {
    add('expiresAt', 'expiresAt must be after grantedAt');
  }
  return out;
}

/** The part of a consent row that decides what it covers. */
export interface ConsentScope {
  id: string;
  status: ConsentStatus;
  agencyIds: readonly string[];
  purposes: readonly string[];
  categories: readonly string[];
  grantedAt: Date | string;
  expiresAt?: Date | string | null;
  withdrawnAt?: Date | string | null;
}

export interface CoverageRequest {
  agencyId: string;
  purpose: ConsentType;
  categories: readonly DataCategory[];
}

export interface ConsentCoverage {
  /** requested categories some active consent covers, in DATA_CATEGORIES order */
  covered: DataCategory[];
  /** requested categories no active consent covers, in DATA_CATEGORIES order */
  missing: DataCategory[];
  /** the active consents that cover at least one requested category, sorted */
  consentIds: string[];
}

/**
 * Which of the requested categories are covered by a consent that is active at `now` (not
 * withdrawn, not expired, already granted), names the agency among its recipients and the purpose
 * among its purposes.
 */
export function consentCoverage(consents: readonly ConsentScope[], req: CoverageRequest, now: Date): ConsentCoverage {
  const wanted = new Set<string>(req.categories);
  const covered = new Set<string>();
  const ids = new Set<string>();
  for (const c of consents) {
    if (!isConsentActive(c, now)) continue;
    if (new Date(c.grantedAt).getTime() > now.getTime()) continue;
    if (!c.agencyIds.includes(req.agencyId) || !c.purposes.includes(req.purpose)) continue;
    const hits = c.categories.filter((k) => wanted.has(k));
    if (hits.length === 0) continue;
    hits.forEach((k) => covered.add(k));
    ids.add(c.id);
  }
  const ordered = DATA_CATEGORIES.filter((k) => wanted.has(k));
  return {
    covered: ordered.filter((k) => covered.has(k)),
    missing: ordered.filter((k) => !covered.has(k)),
    consentIds: [...ids].sort(),
  };
}
