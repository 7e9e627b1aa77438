import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApiErrorBody, IndicatorAnswer, IndicatorAssessment, Page, ScreeningAction, ScreeningStatus } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

export type Rec = Record<string, unknown>;

export interface UserRef {
  id: string;
  username: string;
  /** the person's name: shown instead of the username */
  displayName?: string;
}

export interface ReviewComment {
  kind: 'APPROVE' | 'RETURN' | 'TERMINATE';
  at: string;
  byUsername: string;
  comment: string | null;
}

/** GET /screenings/:id (apps/api/src/screenings/screening.view.ts). */
export interface ScreeningView {
  id: string;
  status: ScreeningStatus;
  version: number;
  interviewer: UserRef;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: UserRef | null;
  metadata: Rec & { provinceCode: string };
  interpreter: Rec | null;
  interviewConsent: Rec & { complete: boolean };
  bioData: Rec | null;
  recruitment: Rec | null;
  transit: Rec | null;
  destinationAndExploitation: Rec | null;
  exit: Rec | null;
  needsAndRisks: Rec | null;
  indicatorAnswers: IndicatorAnswer[];
  assessment: IndicatorAssessment | null;
  interviewerAssessment: string | null;
  assessmentRationale: string | null;
  isChild: boolean;
  personId: string | null;
  caseId: string | null;
  terminationReason: string | null;
  reviewComments: ReviewComment[];
  allowedActions: ScreeningAction[];
  canEdit: boolean;
}

/** A row of GET /screenings: coded fields only, never a name. */
export interface ScreeningListItem {
  id: string;
  status: ScreeningStatus;
  version: number;
  provinceCode: string;
  facilityType: string | null;
  interviewAt: string | null;
  interviewer: UserRef;
  isChild: boolean;
  interviewerAssessment: string | null;
  indicativeResult: string | null;
  caseId: string | null;
  createdAt: string;
  updatedAt: string;
}

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

export type TerminationReason =
  | 'CONSENT_REFUSED'
  | 'CONSENT_WITHDRAWN'
  | 'INTERVIEWEE_ENDED'
  | 'SAFETY_CONCERN'
  | 'INTERPRETER_UNAVAILABLE'
  | 'DUPLICATE'
  | 'OTHER';

@Injectable({ providedIn: 'root' })
export class ScreeningsApi {
  private readonly http = inject(HttpClient);

  list(q: { status?: string | null; mine?: boolean; limit?: number; cursor?: string | null }): Promise<Page<ScreeningListItem>> {
    let params = new HttpParams().set('limit', String(q.limit ?? 20));
    if (q.status) params = params.set('status', q.status);
    if (q.mine) params = params.set('mine', 'true');
    if (q.cursor) params = params.set('cursor', q.cursor);
    return firstValueFrom(this.http.get<Page<ScreeningListItem>>(`${API}/screenings`, { params }));
  }

  get(id: string): Promise<ScreeningView> {
    return firstValueFrom(this.http.get<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}`));
  }

  create(sections: Rec): Promise<ScreeningView> {
    return firstValueFrom(this.http.post<ScreeningView>(`${API}/screenings`, sections));
  }

  update(id: string, version: number, sections: Rec): Promise<ScreeningView> {
    return firstValueFrom(this.http.patch<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}`, { ...sections, version }));
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
      const c = await firstValueFrom(this.http.get<{ caseNumber?: string }>(`${API}/cases/${encodeURIComponent(caseId)}`));
      return typeof c.caseNumber === 'string' ? c.caseNumber : null;
    } catch {
      return null;
    }
  }

  private act(id: string, action: string, body: Rec): Promise<ScreeningView> {
    return firstValueFrom(this.http.post<ScreeningView>(`${API}/screenings/${encodeURIComponent(id)}/${action}`, body));
  }
}
