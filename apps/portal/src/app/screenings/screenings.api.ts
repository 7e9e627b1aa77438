import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApiErrorBody,
  CaseDetailView,
  Page,
  ScreeningListItemView,
  ScreeningView,
  TerminationReason,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

export type Rec = Record<string, unknown>;

/** What a failed call tells the user: HTTP status (0: no connection), the API's code and field details. */
export interface ApiFailure {
  status: number;
  code: string | null;
  message: string;
  details: { field: string; problems: string[] }[];
}

export function toFailure(err: unknown): ApiFailure {
  if (err instanceof HttpErrorResponse) {
    const body = (err.error ?? null) as (Partial<ApiErrorBody> & { code?: unknown }) | null;
    return {
      status: err.status,
      code: typeof body?.code === 'string' ? body.code : null,
      message: typeof body?.message === 'string' ? body.message : err.message,
      details: Array.isArray(body?.details) ? body.details : [],
    };
  }
  return { status: -1, code: null, message: err instanceof Error ? err.message : String(err), details: [] };
}

@Injectable({ providedIn: 'root' })
export class ScreeningsApi {
  private readonly http = inject(HttpClient);

  list(q: {
    status?: string | null;
    mine?: boolean;
    limit?: number;
    cursor?: string | null;
  }): Promise<Page<ScreeningListItemView>> {
    let params = new HttpParams().set('limit', String(q.limit ?? 20));
    if (q.status) params = params.set('status', q.status);
    if (q.mine) params = params.set('mine', 'true');
    if (q.cursor) params = params.set('cursor', q.cursor);
    return firstValueFrom(this.http.get<Page<ScreeningListItemView>>(`${API}/screenings`, { params }));
  }

  get(id: string): Promise<ScreeningView> {
    return firstValueFrom(this.http.get<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}`));
  }

  create(sections: Rec): Promise<ScreeningView> {
    return firstValueFrom(this.http.post<ScreeningView>(`${API}/screenings`, sections));
  }

  update(id: string, version: number, sections: Rec): Promise<ScreeningView> {
    return firstValueFrom(
      this.http.patch<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}`, { ...sections, version }),
    );
  }

  submit(id: string, version: number): Promise<ScreeningView> {
    return this.act(id, 'submit', { version });
  }

  approve(id: string, version: number, comment?: string): Promise<ScreeningView> {
    return this.act(id, 'approve', comment ? { version, comment } : { version });
  }

  returnForChanges(id: string, version: number, comment: string): Promise<ScreeningView> {
    return this.act(id, 'return', { version, comment });
  }

  terminate(id: string, version: number, reason: TerminationReason, note?: string): Promise<ScreeningView> {
    return this.act(id, 'terminate', note ? { version, reason, note } : { version, reason });
  }

  /** The case's number, when the caller may open the case (null otherwise). */
  async caseNumber(caseId: string): Promise<string | null> {
    try {
      const c = await firstValueFrom(
        this.http.get<Partial<Pick<CaseDetailView, 'caseNumber'>>>(`${API}/cases/${encodeURIComponent(caseId)}`),
      );
      return typeof c.caseNumber === 'string' ? c.caseNumber : null;
    } catch {
      return null;
    }
  }

  private act(id: string, action: string, body: Rec): Promise<ScreeningView> {
    return firstValueFrom(this.http.post<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}/${action}`, body));
  }
}
