import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditEntryView,
  AuditQuery,
  CreateHandoffRequest,
  CreateReferralRequest,
  HandoffDetailView,
  HandoffSummaryView,
  Page,
  ReferralDetailView,
  ReferralSummaryView,
  ServiceDirectoryEntryView,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

export type Box = 'incoming' | 'outgoing';

export function httpParams(values: Readonly<Record<string, string | number | null | undefined>>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') p = p.set(k, String(v));
  return p;
}

/** Referral, handoff and audit routes of the API. Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class InterAgencyApi {
  private readonly http = inject(HttpClient);

  referrals(box: Box, status: string | null, cursor: string | null, limit = 50): Promise<Page<ReferralSummaryView>> {
    return firstValueFrom(
      this.http.get<Page<ReferralSummaryView>>(`${API}/referrals`, {
        params: httpParams({ box, status, cursor, limit }),
      }),
    );
  }

  referral(id: string): Promise<ReferralDetailView> {
    return firstValueFrom(this.http.get<ReferralDetailView>(`${API}/referrals/${id}`));
  }

  createReferral(caseId: string, body: CreateReferralRequest): Promise<ReferralDetailView> {
    return firstValueFrom(this.http.post<ReferralDetailView>(`${API}/cases/${caseId}/referrals`, body));
  }

  referralAction(
    id: string,
    action: 'accept' | 'decline' | 'services' | 'complete' | 'cancel',
    body: Record<string, unknown>,
  ): Promise<ReferralDetailView> {
    return firstValueFrom(this.http.post<ReferralDetailView>(`${API}/referrals/${id}/${action}`, body));
  }

  directory(serviceType: string, province: string): Promise<ServiceDirectoryEntryView[]> {
    return firstValueFrom(
      this.http.get<ServiceDirectoryEntryView[]>(`${API}/reference/service-directory`, {
        params: httpParams({ serviceType, province }),
      }),
    );
  }

  handoffs(
    box: Box | null,
    status: string | null,
    cursor: string | null,
    limit = 50,
  ): Promise<Page<HandoffSummaryView>> {
    return firstValueFrom(
      this.http.get<Page<HandoffSummaryView>>(`${API}/handoffs`, {
        params: httpParams({ box, status, cursor, limit }),
      }),
    );
  }

  handoff(id: string): Promise<HandoffDetailView> {
    return firstValueFrom(this.http.get<HandoffDetailView>(`${API}/handoffs/${id}`));
  }

  createHandoff(caseId: string, body: CreateHandoffRequest): Promise<HandoffDetailView> {
    return firstValueFrom(this.http.post<HandoffDetailView>(`${API}/cases/${caseId}/handoffs`, body));
  }

  handoffAction(id: string, path: string, body: Record<string, unknown>): Promise<HandoffDetailView> {
    return firstValueFrom(this.http.post<HandoffDetailView>(`${API}/handoffs/${id}/${path}`, body));
  }

  audit(filter: AuditQuery, cursor: string | null, limit = 50): Promise<Page<AuditEntryView>> {
    return firstValueFrom(
      this.http.get<Page<AuditEntryView>>(`${API}/audit`, { params: httpParams({ ...filter, cursor, limit }) }),
    );
  }
}
