import type { ConsentRow } from './consent.repository';
import { consentEffectiveStatus, type ConsentForm, type ConsentGiver, type ConsentStatus, type ConsentType, type DataCategory } from '@ctms/domain';

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

export interface ConsentParties {
  guardianName?: string | null;
  witnessName?: string | null;
}

export function toConsentView(r: ConsentRow, now: Date, parties: ConsentParties | null, showParties: boolean, withdrawalReason: string | null): ConsentView {
  const stored = r.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE';
  const withdrawnByAnyone = stored === 'WITHDRAWN' || r.withdrawn_at !== null;
  const status = consentEffectiveStatus({ status: stored, expiresAt: r.expires_at, withdrawnAt: r.withdrawn_at }, now);
  return {
    id: r.id,
    caseId: r.case_id,
    type: r.type as ConsentType,
    status,
    expired: status === 'WITHDRAWN' && !withdrawnByAnyone,
    agencies: (r.agencies ?? []).map((a) => ({ id: a.id, code: a.code, nameLo: a.nameLo, nameEn: a.nameEn })),
    purposes: [...r.purposes] as ConsentType[],
    categories: [...r.categories] as DataCategory[],
    givenBy: r.given_by as ConsentGiver,
    form: r.form as ConsentForm,
    language: r.language,
    interpreterUsed: r.interpreter_used,
    parties: showParties ? { guardianName: parties?.guardianName ?? null, witnessName: parties?.witnessName ?? null } : null,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
    recordedBy: { id: r.recorded_by_id, username: r.recorded_by_username ?? '' },
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
    withdrawnBy: r.withdrawn_by_id ? { id: r.withdrawn_by_id, username: r.withdrawn_by_username ?? '' } : null,
    withdrawalReason,
  };
}
