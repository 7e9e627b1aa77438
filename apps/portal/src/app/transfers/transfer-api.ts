import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateTransferRequest, Page, TransferDetailView, TransferSummaryView } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import { httpParams, type Box } from '../referrals/interagency-api';

/** The case-transfer routes of the API. Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class TransferApi {
  private readonly http = inject(HttpClient);

  list(box: Box, cursor: string | null, limit = 50): Promise<Page<TransferSummaryView>> {
    return firstValueFrom(
      this.http.get<Page<TransferSummaryView>>(`${API}/transfers`, { params: httpParams({ box, cursor, limit }) }),
    );
  }

  one(id: string): Promise<TransferDetailView> {
    return firstValueFrom(this.http.get<TransferDetailView>(`${API}/transfers/${id}`));
  }

  request(caseId: string, body: CreateTransferRequest): Promise<TransferDetailView> {
    return firstValueFrom(this.http.post<TransferDetailView>(`${API}/cases/${caseId}/transfers`, body));
  }

  act(id: string, action: 'accept' | 'decline' | 'cancel', body: Record<string, unknown>): Promise<TransferDetailView> {
    return firstValueFrom(this.http.post<TransferDetailView>(`${API}/transfers/${id}/${action}`, body));
  }

  /** Agencies a case may go to (reference data: id, code, names, capabilities, provinces). */
  agencies(): Promise<
    { id: string; code: string; nameLo: string; nameEn: string; capabilities: string[]; provinces: string[] }[]
  > {
    return firstValueFrom(
      this.http.get<
        { id: string; code: string; nameLo: string; nameEn: string; capabilities: string[]; provinces: string[] }[]
      >(`${API}/reference/agencies`),
    );
  }
}
