/** Wire shapes of the consent routes (GET/POST /cases/:id/consents, POST /consents/:id/withdraw). */
import type { DataCategory } from './enums';
import type { ConsentForm, ConsentGiver, ConsentStatus, ConsentType } from './workflows';

/** A recipient agency as a consent's scope names it. */
export interface ConsentAgencyView {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
}

export interface ConsentUserView {
  id: string;
  username: string;
  /** the person's name, which the portal shows */
  displayName: string;
}

/** The only shape a consent takes in a response (entities never leave the API). */
export interface ConsentView {
  id: string;
  caseId: string;
  type: ConsentType;
  /** the status that counts: an expired consent is WITHDRAWN */
  status: ConsentStatus;
  /** true when the consent lapsed by its expiry (not withdrawn by anyone) */
  expired: boolean;
  agencies: ConsentAgencyView[];
  purposes: ConsentType[];
  categories: DataCategory[];
  givenBy: ConsentGiver;
  form: ConsentForm;
  language: string | null;
  interpreterUsed: boolean;
  /** the guardian's and witness's names: decrypted for the case's lead agency only, else null */
  parties: { guardianName: string | null; witnessName: string | null } | null;
  grantedAt: string;
  expiresAt: string | null;
  recordedBy: ConsentUserView;
  withdrawnAt: string | null;
  withdrawnBy: ConsentUserView | null;
  withdrawalReason: string | null;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** POST /cases/:caseId/consents */
export interface GrantConsentRequest {
  type: ConsentType;
  /** the recipient agencies */
  agencyIds: string[];
  purposes?: ConsentType[];
  categories: DataCategory[];
  givenBy: ConsentGiver;
  form: ConsentForm;
  /** a language tag (lo, en, hmn …) */
  language?: string;
  interpreterUsed?: boolean;
  guardianName?: string;
  witnessName?: string;
  /** ISO date-time */
  grantedAt: string;
  expiresAt?: string;
}

/** POST /consents/:id/withdraw */
export interface WithdrawConsentRequest {
  reason: string;
}
