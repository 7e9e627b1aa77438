import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssessmentTrendView,
  FollowUpPage,
  FollowUpVisitView,
  RecordAssessmentRequest,
  RecordVisitRequest,
  ReintegrationAssessmentView,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** The follow-up routes of a case (decision 0032). Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class FollowUpApi {
  private readonly http = inject(HttpClient);

  private page(cursor: string | null): HttpParams {
    return cursor ? new HttpParams().set('cursor', cursor) : new HttpParams();
  }

  visits(caseId: string, cursor: string | null): Promise<FollowUpPage<FollowUpVisitView>> {
    return firstValueFrom(
      this.http.get<FollowUpPage<FollowUpVisitView>>(`${API}/cases/${caseId}/visits`, { params: this.page(cursor) }),
    );
  }

  recordVisit(caseId: string, body: RecordVisitRequest): Promise<FollowUpVisitView> {
    return firstValueFrom(this.http.post<FollowUpVisitView>(`${API}/cases/${caseId}/visits`, body));
  }

  assessments(caseId: string, cursor: string | null): Promise<FollowUpPage<ReintegrationAssessmentView>> {
    return firstValueFrom(
      this.http.get<FollowUpPage<ReintegrationAssessmentView>>(`${API}/cases/${caseId}/assessments`, {
        params: this.page(cursor),
      }),
    );
  }

  recordAssessment(caseId: string, body: RecordAssessmentRequest): Promise<ReintegrationAssessmentView> {
    return firstValueFrom(this.http.post<ReintegrationAssessmentView>(`${API}/cases/${caseId}/assessments`, body));
  }

  trend(caseId: string): Promise<AssessmentTrendView> {
    return firstValueFrom(this.http.get<AssessmentTrendView>(`${API}/cases/${caseId}/assessments/trend`));
  }
}
