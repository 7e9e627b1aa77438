import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CaseSummaryView, HandoffSummaryView, Page, ReferralSummaryView } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** The fields of the list routes the dashboard uses (the API's list views): case numbers and codes, never a name. */
export type DashCase = Pick<CaseSummaryView, 'id' | 'caseNumber' | 'status' | 'updatedAt'>;
export type DashReferral = Pick<
  ReferralSummaryView,
  | 'id'
  | 'caseNumber'
  | 'fromAgency'
  | 'toAgency'
  | 'urgency'
  | 'status'
  | 'acknowledgeBy'
  | 'servicesDueBy'
  | 'createdAt'
>;
export type DashHandoff = Pick<
  HandoffSummaryView,
  'id' | 'caseNumber' | 'status' | 'box' | 'receiveBy' | 'overdue' | 'createdAt'
>;

/** One page of each list is enough for a dashboard: the API's largest (100). */
export const DASH_LIMIT = 100;

/** Read-only calls of the existing list routes (GET /cases, /referrals, /handoffs). */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  myCases(): Promise<Page<DashCase>> {
    const params = new HttpParams().set('assignedTo', 'me').set('limit', DASH_LIMIT);
    return firstValueFrom(this.http.get<Page<DashCase>>(`${API}/cases`, { params }));
  }

  pendingReferrals(box: 'incoming' | 'outgoing'): Promise<Page<DashReferral>> {
    const params = new HttpParams().set('box', box).set('status', 'PENDING').set('limit', DASH_LIMIT);
    return firstValueFrom(this.http.get<Page<DashReferral>>(`${API}/referrals`, { params }));
  }

  /** Accepted referrals (no service yet): their services clock runs. */
  acceptedReferrals(box: 'incoming' | 'outgoing'): Promise<Page<DashReferral>> {
    const params = new HttpParams().set('box', box).set('status', 'ACCEPTED').set('limit', DASH_LIMIT);
    return firstValueFrom(this.http.get<Page<DashReferral>>(`${API}/referrals`, { params }));
  }

  submittedHandoffs(): Promise<Page<DashHandoff>> {
    const params = new HttpParams().set('status', 'SUBMITTED').set('limit', DASH_LIMIT);
    return firstValueFrom(this.http.get<Page<DashHandoff>>(`${API}/handoffs`, { params }));
  }
}
