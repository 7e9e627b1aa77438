import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccessLogEntryView,
  AssignableUsersView,
  AttachmentView,
  CaseDetailView,
  CaseEventView,
  CaseListQuery,
  CaseSearchRequest,
  SavedCaseFilterRequest,
  SavedCaseFilterView,
  CaseNoteView,
  CaseSummaryView,
  ClosureReason,
  ConsentView,
  DataCategory,
  GrantConsentRequest,
  Page,
  PersonReadView,
  ReferenceAgencyView,
  UpdateCaseRequest,
  ClosureRequestView,
  IdentificationRequestView,
  CaseFlagRequest,
  CreatePlanGoalRequest,
  CreatePlanTaskRequest,
  PlanReviewAction,
  PlanReviewRequest,
  StructuredPlanView,
  UpdatePlanTaskRequest,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import type { StatusAction } from './case-codes';

export interface AttachmentUpload {
  file: Blob;
  kind: string;
  category: DataCategory;
}

function params(values: Record<string, string | number | null | undefined>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') p = p.set(k, String(v));
  return p;
}

/** The case routes of the API. Every call resolves or rejects with the HttpErrorResponse. */
@Injectable({ providedIn: 'root' })
export class CaseApi {
  private readonly http = inject(HttpClient);

  list(filter: CaseListQuery, cursor: string | null, limit = 25): Promise<Page<CaseSummaryView>> {
    return firstValueFrom(
      this.http.get<Page<CaseSummaryView>>(`${API}/cases`, { params: params({ ...filter, limit, cursor }) }),
    );
  }

  /** POST /cases/search: the number or the name travels in the body, never in the URL. */
  search(body: CaseSearchRequest, cursor: string | null, limit = 25): Promise<Page<CaseSummaryView>> {
    return firstValueFrom(
      this.http.post<Page<CaseSummaryView>>(`${API}/cases/search`, { ...body, limit, ...(cursor ? { cursor } : {}) }),
    );
  }

  /** The caller's saved filters (at most 20, so one page of 100 holds them all). */
  savedFilters(): Promise<Page<SavedCaseFilterView>> {
    return firstValueFrom(
      this.http.get<Page<SavedCaseFilterView>>(`${API}/case-filters`, { params: params({ limit: 100 }) }),
    );
  }

  saveFilter(body: SavedCaseFilterRequest): Promise<SavedCaseFilterView> {
    return firstValueFrom(this.http.post<SavedCaseFilterView>(`${API}/case-filters`, body));
  }

  deleteFilter(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${API}/case-filters/${id}`));
  }

  get(id: string): Promise<CaseDetailView> {
    return firstValueFrom(this.http.get<CaseDetailView>(`${API}/cases/${id}`));
  }

  patch(id: string, version: number, patch: UpdateCaseRequest): Promise<CaseDetailView> {
    return firstValueFrom(this.http.patch<CaseDetailView>(`${API}/cases/${id}`, { version, ...patch }));
  }

  assign(id: string, version: number, userId: string): Promise<CaseDetailView> {
    return firstValueFrom(this.http.post<CaseDetailView>(`${API}/cases/${id}/assign`, { version, userId }));
  }

  transition(id: string, version: number, action: StatusAction): Promise<CaseDetailView> {
    return firstValueFrom(this.http.post<CaseDetailView>(`${API}/cases/${id}/transition`, { version, action }));
  }

  identify(
    id: string,
    body: { version: number; decision: string; decidedOn: string; reasons: string },
  ): Promise<CaseDetailView> {
    return firstValueFrom(this.http.post<CaseDetailView>(`${API}/cases/${id}/identification`, body));
  }

  close(id: string, version: number, reason: ClosureReason, note?: string): Promise<CaseDetailView> {
    return firstValueFrom(
      this.http.post<CaseDetailView>(`${API}/cases/${id}/close`, { version, reason, ...(note ? { note } : {}) }),
    );
  }

  /** Sends the case to an agency with formal identification (decision 0024). */
  sendIdentification(id: string, toAgencyId: string): Promise<IdentificationRequestView> {
    return firstValueFrom(
      this.http.post<IdentificationRequestView>(`${API}/cases/${id}/identification-requests`, { toAgencyId }),
    );
  }

  decideIdentification(
    requestId: string,
    body: { version: number; decision: string; decidedOn: string; reasons: string },
  ): Promise<IdentificationRequestView> {
    return firstValueFrom(
      this.http.post<IdentificationRequestView>(`${API}/identification-requests/${requestId}/decide`, body),
    );
  }

  /** The agency's identification inbox (and what it sent), open first, most due first. */
  identificationRequests(): Promise<IdentificationRequestView[]> {
    return firstValueFrom(this.http.get<IdentificationRequestView[]>(`${API}/identification-requests`));
  }

  requestClosure(id: string, reason: ClosureReason, note?: string): Promise<ClosureRequestView> {
    return firstValueFrom(
      this.http.post<ClosureRequestView>(`${API}/cases/${id}/closure-requests`, { reason, ...(note ? { note } : {}) }),
    );
  }

  decideClosure(
    requestId: string,
    action: 'approve' | 'return',
    version: number,
    comment?: string,
  ): Promise<ClosureRequestView> {
    return firstValueFrom(
      this.http.post<ClosureRequestView>(`${API}/closure-requests/${requestId}/${action}`, {
        version,
        ...(comment ? { comment } : {}),
      }),
    );
  }

  setFlag(id: string, body: CaseFlagRequest): Promise<CaseDetailView> {
    return firstValueFrom(this.http.post<CaseDetailView>(`${API}/cases/${id}/flags`, body));
  }

  reopen(id: string, version: number, reason: string): Promise<CaseDetailView> {
    return firstValueFrom(this.http.post<CaseDetailView>(`${API}/cases/${id}/reopen`, { version, reason }));
  }

  notes(id: string, cursor: string | null): Promise<Page<CaseNoteView>> {
    return firstValueFrom(
      this.http.get<Page<CaseNoteView>>(`${API}/cases/${id}/notes`, { params: params({ limit: 50, cursor }) }),
    );
  }

  /** The structured case plan (decision 0031) as the caller may see it, with what the caller may do. */
  plan(id: string): Promise<StructuredPlanView> {
    return firstValueFrom(this.http.get<StructuredPlanView>(`${API}/cases/${id}/plan`));
  }

  addPlanGoal(id: string, body: CreatePlanGoalRequest): Promise<StructuredPlanView> {
    return firstValueFrom(this.http.post<StructuredPlanView>(`${API}/cases/${id}/plan/goals`, body));
  }

  addPlanTask(id: string, body: CreatePlanTaskRequest): Promise<StructuredPlanView> {
    return firstValueFrom(this.http.post<StructuredPlanView>(`${API}/cases/${id}/plan/tasks`, body));
  }

  updatePlanTask(taskId: string, body: UpdatePlanTaskRequest): Promise<StructuredPlanView> {
    return firstValueFrom(this.http.patch<StructuredPlanView>(`${API}/plan-tasks/${taskId}`, body));
  }

  reviewPlan(id: string, action: PlanReviewAction, body: PlanReviewRequest): Promise<StructuredPlanView> {
    const verb = { SUBMIT: 'submit', APPROVE: 'approve', RETURN: 'return' }[action];
    return firstValueFrom(this.http.post<StructuredPlanView>(`${API}/cases/${id}/plan/${verb}`, body));
  }

  addNote(id: string, body: string, category?: string): Promise<CaseNoteView> {
    return firstValueFrom(
      this.http.post<CaseNoteView>(`${API}/cases/${id}/notes`, { body, ...(category ? { category } : {}) }),
    );
  }

  timeline(id: string, cursor: string | null): Promise<Page<CaseEventView>> {
    return firstValueFrom(
      this.http.get<Page<CaseEventView>>(`${API}/cases/${id}/timeline`, { params: params({ limit: 50, cursor }) }),
    );
  }

  accessLog(id: string, cursor: string | null): Promise<Page<AccessLogEntryView>> {
    return firstValueFrom(
      this.http.get<Page<AccessLogEntryView>>(`${API}/cases/${id}/access-log`, {
        params: params({ limit: 50, cursor }),
      }),
    );
  }

  consents(id: string, cursor: string | null): Promise<Page<ConsentView>> {
    return firstValueFrom(
      this.http.get<Page<ConsentView>>(`${API}/cases/${id}/consents`, { params: params({ limit: 50, cursor }) }),
    );
  }

  grantConsent(id: string, body: GrantConsentRequest): Promise<ConsentView> {
    return firstValueFrom(this.http.post<ConsentView>(`${API}/cases/${id}/consents`, body));
  }

  withdrawConsent(consentId: string, reason: string): Promise<ConsentView> {
    return firstValueFrom(this.http.post<ConsentView>(`${API}/consents/${consentId}/withdraw`, { reason }));
  }

  agencies(): Promise<ReferenceAgencyView[]> {
    return firstValueFrom(this.http.get<ReferenceAgencyView[]>(`${API}/reference/agencies`));
  }

  attachments(id: string, cursor: string | null): Promise<Page<AttachmentView>> {
    return firstValueFrom(
      this.http.get<Page<AttachmentView>>(`${API}/cases/${id}/attachments`, { params: params({ limit: 50, cursor }) }),
    );
  }

  /** Multipart: the file is the part `file`; its name travels only in the body (the API stores it encrypted). */
  uploadAttachment(id: string, upload: AttachmentUpload, fileName: string): Promise<AttachmentView> {
    const form = new FormData();
    form.append('kind', upload.kind);
    form.append('category', upload.category);
    form.append('file', upload.file, fileName);
    return firstValueFrom(this.http.post<AttachmentView>(`${API}/cases/${id}/attachments`, form));
  }

  /** The bytes, fetched with the bearer header by the interceptor: no token and no name in any URL. */
  attachmentContent(attachmentId: string): Promise<Blob> {
    return firstValueFrom(this.http.get(`${API}/attachments/${attachmentId}/content`, { responseType: 'blob' }));
  }

  assignableUsers(province?: string): Promise<AssignableUsersView> {
    return firstValueFrom(
      this.http.get<AssignableUsersView>(`${API}/users/assignable`, { params: params({ province }) }),
    );
  }

  /** Reading a person is audited by the API: call it only when the user asks to see the identity. */
  person(id: string): Promise<PersonReadView> {
    return firstValueFrom(this.http.get<PersonReadView>(`${API}/persons/${id}`));
  }
}
