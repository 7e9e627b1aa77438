import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DataCategory,
  HandoffAction,
  HandoffStatus,
  Page,
  ReferralDetailView,
  ReferralSummaryView,
  ServiceDirectoryEntryView,
  ServiceType,
  Urgency,
  Verdict,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

export type Box = 'incoming' | 'outgoing';

/** The referral routes' response shapes, as the API declares them (libs/domain). */
export type ReferralSummary = ReferralSummaryView;
export type ReferralDetail = ReferralDetailView;
export type DirectoryEntry = ServiceDirectoryEntryView;

export interface HistoryEntry {
  kind: string;
  at: string;
  actor: { username: string | null; displayName?: string | null; agencyCode: string | null } | null;
  status?: string | null;
  to?: string | null;
  details?: Record<string, unknown> | null;
}



export interface CreateReferral {
  toAgencyId: string;
  serviceTypes: ServiceType[];
  urgency: Urgency;
  reason: string;
  categories: DataCategory[];
}

export interface HandoffSummary {
  id: string;
  caseId: string;
  caseNumber: string;
  status: HandoffStatus;
  box: 'INCOMING' | 'OUTGOING';
  fromAgency: { id: string; code: string };
  toAgency: { id: string; code: string };
  receiveBy: string;
  receivedAt: string | null;
  overdue: boolean;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Charge {
  article: string;
  description?: string | null;
}

export interface Suspect {
  name?: string | null;
  alias?: string | null;
  roleInProcess: string;
  relationToVictim: string;
  status?: string;
}

export interface HandoffDetail extends HandoffSummary {
  submittedBy: { id: string; username: string | null; displayName?: string | null };
  prosecutor: { id: string; username: string | null; displayName?: string | null } | null;
  categories: DataCategory[];
  limitedByConsent: boolean;
  limitation: { code: string; label: { lo: string; en: string }; withheldCategories: DataCategory[] } | null;
  caseSummary: { caseNumber: string; status: string; identificationStatus: string; provinceCode: string; flags: string[]; exploitationTypes: string[]; openedAt: string };
  evidence: { description: string; attachmentId: string | null }[];
  suspects: Suspect[];
  proposedCharges: Charge[];
  statementSummary?: string;
  willingToTestify?: string | null;
  protectionMeasures?: string[];
  protectionNote?: string | null;
  identity?: { givenNameLo: string | null; familyNameLo: string | null; latinNames: string[]; sex: string | null; dateOfBirth: string | null };
  exploitation?: { narrative: string | null; meansOfControl: string[] } | null;
  health?: { medical: string | null; psychological: string | null; notes: string | null } | null;
  prosecution: {
    returns: { reason: string; at: string }[];
    chargesFiled: Charge[];
    court: string | null;
    trialDates: string[];
    verdict: Verdict | null;
    sentence: string | null;
    restitutionOrdered: { amount: number | null; currency: string | null; description: string | null } | null;
    decidedOn: string | null;
    withdrawalReason: string | null;
  };
  allowedActions: HandoffAction[];
  history: HistoryEntry[];
}

export interface CreateHandoff {
  toAgencyId: string;
  statementSummary: string;
  evidence: { description: string; attachmentId?: string }[];
  suspects: Suspect[];
  proposedCharges: Charge[];
  willingToTestify: string;
  protectionMeasures: string[];
  protectionNote?: string;
}

export interface AuditEntry {
  seq: string;
  at: string;
  actor: { username: string | null; displayName?: string | null; agencyCode: string | null } | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  /** the case the object belongs to: its number is shown, linked to it */
  case?: { id: string; caseNumber: string } | null;
  outcome: string;
  reason: string | null;
}

export type AuditFilter = Partial<Record<'objectType' | 'objectId' | 'actor' | 'action' | 'outcome' | 'from' | 'to', string>>;

export function httpParams(values: Readonly<Record<string, string | number | null | undefined>>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') p = p.set(k, String(v));
  return p;
}

/** Referral, handoff and audit routes of the API. Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class InterAgencyApi {
  private readonly http = inject(HttpClient);

  referrals(box: Box, status: string | null, cursor: string | null, limit = 50): Promise<Page<ReferralSummary>> {
    return firstValueFrom(this.http.get<Page<ReferralSummary>>(`${API}/referrals`, { params: httpParams({ box, status, cursor, limit }) }));
  }

  referral(id: string): Promise<ReferralDetail> {
    return firstValueFrom(this.http.get<ReferralDetail>(`${API}/referrals/${id}`));
  }

  createReferral(caseId: string, body: CreateReferral): Promise<ReferralDetail> {
    return firstValueFrom(this.http.post<ReferralDetail>(`${API}/cases/${caseId}/referrals`, body));
  }

  referralAction(id: string, action: 'accept' | 'decline' | 'services' | 'complete' | 'cancel', body: Record<string, unknown>): Promise<ReferralDetail> {
    return firstValueFrom(this.http.post<ReferralDetail>(`${API}/referrals/${id}/${action}`, body));
  }

  directory(serviceType: string, province: string): Promise<DirectoryEntry[]> {
    return firstValueFrom(this.http.get<DirectoryEntry[]>(`${API}/reference/service-directory`, { params: httpParams({ serviceType, province }) }));
  }

  handoffs(box: Box | null, status: string | null, cursor: string | null, limit = 50): Promise<Page<HandoffSummary>> {
    return firstValueFrom(this.http.get<Page<HandoffSummary>>(`${API}/handoffs`, { params: httpParams({ box, status, cursor, limit }) }));
  }

  handoff(id: string): Promise<HandoffDetail> {
    return firstValueFrom(this.http.get<HandoffDetail>(`${API}/handoffs/${id}`));
  }

  createHandoff(caseId: string, body: CreateHandoff): Promise<HandoffDetail> {
    return firstValueFrom(this.http.post<HandoffDetail>(`${API}/cases/${caseId}/handoffs`, body));
  }

  handoffAction(id: string, path: string, body: Record<string, unknown>): Promise<HandoffDetail> {
    return firstValueFrom(this.http.post<HandoffDetail>(`${API}/handoffs/${id}/${path}`, body));
  }

  audit(filter: AuditFilter, cursor: string | null, limit = 50): Promise<Page<AuditEntry>> {
    return firstValueFrom(this.http.get<Page<AuditEntry>>(`${API}/audit`, { params: httpParams({ ...filter, cursor, limit }) }));
  }
}
