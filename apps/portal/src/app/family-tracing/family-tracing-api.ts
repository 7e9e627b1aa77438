import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnswerFamilyTracingRequest,
  CaseFamilyTracingView,
  CaseReturnView,
  CloseFamilyTracingRequest,
  FamilyTracingBox,
  FamilyTracingRequestView,
  FamilyTracingStatus,
  Page,
  RecordReturnRequest,
  SendFamilyTracingRequest,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import { httpParams } from '../referrals/interagency-api';

/** The family tracing and return routes of the API (decision 0033). Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class FamilyTracingApi {
  private readonly http = inject(HttpClient);

  inbox(
    box: FamilyTracingBox,
    status: FamilyTracingStatus | null,
    cursor: string | null,
    limit = 50,
  ): Promise<Page<FamilyTracingRequestView>> {
    return firstValueFrom(
      this.http.get<Page<FamilyTracingRequestView>>(`${API}/family-tracing-requests`, {
        params: httpParams({ box, status, cursor, limit }),
      }),
    );
  }

  one(id: string): Promise<FamilyTracingRequestView> {
    return firstValueFrom(this.http.get<FamilyTracingRequestView>(`${API}/family-tracing-requests/${id}`));
  }

  answer(id: string, body: AnswerFamilyTracingRequest): Promise<FamilyTracingRequestView> {
    return firstValueFrom(
      this.http.post<FamilyTracingRequestView>(`${API}/family-tracing-requests/${id}/answer`, body),
    );
  }

  close(
    id: string,
    action: 'decline' | 'withdraw',
    body: CloseFamilyTracingRequest,
  ): Promise<FamilyTracingRequestView> {
    return firstValueFrom(
      this.http.post<FamilyTracingRequestView>(`${API}/family-tracing-requests/${id}/${action}`, body),
    );
  }

  ofCase(caseId: string): Promise<CaseFamilyTracingView> {
    return firstValueFrom(this.http.get<CaseFamilyTracingView>(`${API}/cases/${caseId}/family-tracing`));
  }

  send(caseId: string, body: SendFamilyTracingRequest): Promise<FamilyTracingRequestView> {
    return firstValueFrom(
      this.http.post<FamilyTracingRequestView>(`${API}/cases/${caseId}/family-tracing-requests`, body),
    );
  }

  recordReturn(caseId: string, body: RecordReturnRequest): Promise<CaseReturnView> {
    return firstValueFrom(this.http.post<CaseReturnView>(`${API}/cases/${caseId}/returns`, body));
  }
}
