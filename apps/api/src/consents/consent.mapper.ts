import type { ConsentRow } from './consent.repository';
import { consentEffectiveStatus, type ConsentType, type ConsentView, type DataCategory } from '@ctms/domain';

export interface ConsentParties {
  guardianName?: string | null;
  witnessName?: string | null;
}

export function toConsentView(
  r: ConsentRow,
  now: Date,
  parties: ConsentParties | null,
  showParties: boolean,
  withdrawalReason: string | null,
): ConsentView {
  const stored = r.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE';
  const withdrawnByAnyone = stored === 'WITHDRAWN' || r.withdrawn_at !== null;
  const status = consentEffectiveStatus({ status: stored, expiresAt: r.expires_at, withdrawnAt: r.withdrawn_at }, now);
  return {
    id: r.id,
    caseId: r.case_id,
    type: r.type,
    status,
    expired: status === 'WITHDRAWN' && !withdrawnByAnyone,
    agencies: (r.agencies ?? []).map((a) => ({ id: a.id, code: a.code, nameLo: a.nameLo, nameEn: a.nameEn })),
    purposes: [...r.purposes] as ConsentType[],
    categories: [...r.categories] as DataCategory[],
    givenBy: r.given_by,
    form: r.form,
    language: r.language,
    interpreterUsed: r.interpreter_used,
    parties: showParties
      ? { guardianName: parties?.guardianName ?? null, witnessName: parties?.witnessName ?? null }
      : null,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
    recordedBy: {
      id: r.recorded_by_id,
      username: r.recorded_by_username ?? '',
      displayName: r.recorded_by_display_name ?? '',
    },
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
    withdrawnBy: r.withdrawn_by_id
      ? {
          id: r.withdrawn_by_id,
          username: r.withdrawn_by_username ?? '',
          displayName: r.withdrawn_by_display_name ?? '',
        }
      : null,
    withdrawalReason,
  };
}
