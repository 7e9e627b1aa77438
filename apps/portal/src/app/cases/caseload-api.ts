import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BulkReassignRequest,
  BulkReassignView,
  CaseloadView,
  CaseSummaryView,
  MyWorkView,
  Page,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** How many cases a drill-down page shows. */
export const CASELOAD_PAGE = 25;

/** The caseload routes (supervisors) and "my day" (every worker): docs/decisions/0034-caseload-and-reassignment.md. */
@Injectable({ providedIn: 'root' })
export class CaseloadApi {
  private readonly http = inject(HttpClient);

  caseload(): Promise<CaseloadView> {
    return firstValueFrom(this.http.get<CaseloadView>(`${API}/caseload`));
  }

  /** One worker's open cases (a user id), or the open cases nobody active carries (null). */
  cases(worker: string | null, cursor: string | null): Promise<Page<CaseSummaryView>> {
    let params = new HttpParams().set('limit', CASELOAD_PAGE);
    params = worker ? params.set('assignee', worker) : params.set('unassigned', 'true');
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<CaseSummaryView>>(`${API}/caseload/cases`, { params }));
  }

  reassign(body: BulkReassignRequest): Promise<BulkReassignView> {
    return firstValueFrom(this.http.post<BulkReassignView>(`${API}/caseload/reassign`, body));
  }

  myWork(): Promise<MyWorkView> {
    return firstValueFrom(this.http.get<MyWorkView>(`${API}/me/work`));
  }
}
