import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CaseAction,
  CaseStatus,
  ClosureReason,
  ConsentForm,
  ConsentGiver,
  ConsentType,
  DataCategory,
  IdentificationAction,
  IdentificationStatus,
  Page,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import type { StatusAction } from './case-codes';

export interface UserRef {
  id: string;
  username: string | null;
  /** the person's name, which the portal shows (personName) */
  displayName?: string | null;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  identificationStatus: IdentificationStatus;
  provinceCode: string;
  leadAgency: { code: string };
  assignedTo: { id: string; username: string; displayName?: string | null } | null;
  flags: string[];
  exploitationTypes: string[];
  openedAt: string;
  updatedAt: string;
  version: number;
}

export interface JourneyEvent {
  stage: string;
  place: string | null;
  date: string | null;
  description: string | null;
}

export interface Exploitation {
  narrative: string | null;
  journeyEvents: JourneyEvent[];
  meansOfControl: string[];
}

export interface Perpetrator {
  role: string;
  relationToVictim: string | null;
  description: string | null;
}

export interface Health {
  medical?: string | null;
  psychological?: string | null;
  notes?: string | null;
}
export interface Contact {
  currentShelter?: string | null;
  safeContact?: string | null;
  notes?: string | null;
}
export interface Legal {
  willingToTestify?: string | null;
  notes?: string | null;
}
export interface Plan {
  types?: string[] | null;
  objectives?: string | null;
  actionPlan?: string | null;
  plannedEndDate?: string | null;
  actualEndDate?: string | null;
}

export interface Identification {
  id: string;
  decision: string;
  decidedOn: string;
  decidedBy: UserRef;
  agency: { code: string | null };
  reasons: string;
  recordedAt: string;
}

export interface AllowedActions {
  case: CaseAction[];
  identification: IdentificationAction[];
  edit: boolean;
  assign: boolean;
  accessLog: boolean;
}

export interface CaseDetail extends CaseSummary {
  personId: string;
  leadAgency: { code: string; id: string };
  destinationCountries: string[];
  riskLevel: string | null;
  needs: string[];
  closedAt: string | null;
  closureReason: string | null;
  exploitation: Exploitation | null;
  perpetrators: Perpetrator[];
  health: Health | null;
  contact: Contact | null;
  legal: Legal | null;
  plan: Plan | null;
  identification: Identification | null;
  allowedActions: AllowedActions;
}

/** PATCH /cases/:id: a field left out stays, null clears, a category object replaces the category. */
export interface CasePatch {
  exploitationTypes?: string[] | null;
  destinationCountries?: string[] | null;
  riskLevel?: string | null;
  needs?: string[] | null;
  exploitation?: { narrative?: string; journeyEvents?: Partial<JourneyEvent>[]; meansOfControl?: string[] } | null;
  perpetrators?: Partial<Perpetrator>[] | null;
  health?: Health | null;
  contact?: Contact | null;
  legal?: Legal | null;
  plan?: Plan | null;
}

export interface CaseNote {
  id: string;
  category: string;
  body: string;
  author: UserRef;
  createdAt: string;
}

export interface CaseEvent {
  id: string;
  kind: string;
  at: string;
  actor: UserRef | null;
  details: Record<string, unknown> | null;
}

export interface AccessLogEntry {
  seq: string;
  at: string;
  actor: { id: string | null; username: string | null; displayName?: string | null; agencyCode: string | null };
  action: string;
  outcome: string;
}

export interface ConsentView {
  id: string;
  caseId: string;
  type: ConsentType;
  status: 'ACTIVE' | 'WITHDRAWN';
  expired: boolean;
  agencies: { id: string; code: string; nameLo: string; nameEn: string }[];
  purposes: ConsentType[];
  categories: DataCategory[];
  givenBy: ConsentGiver;
  form: ConsentForm;
  language: string | null;
  interpreterUsed: boolean;
  parties: { guardianName: string | null; witnessName: string | null } | null;
  grantedAt: string;
  expiresAt: string | null;
  recordedBy: UserRef;
  withdrawnAt: string | null;
  withdrawnBy: UserRef | null;
  withdrawalReason: string | null;
}

export interface GrantConsent {
  type: ConsentType;
  agencyIds: string[];
  purposes?: ConsentType[];
  categories: DataCategory[];
  givenBy: ConsentGiver;
  form: ConsentForm;
  language?: string;
  interpreterUsed?: boolean;
  guardianName?: string;
  witnessName?: string;
  grantedAt: string;
  expiresAt?: string;
}

export interface ReferenceAgency {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
  capabilities: string[];
  serviceTypes: string[];
  provinces: string[];
}

export interface PersonView {
  id: string;
  version?: number;
  mergedInto: string | null;
  sex?: string | null;
  presumedMinor?: boolean | null;
  identity?: {
    givenNameLo?: string | null;
    familyNameLo?: string | null;
    latinNames?: string[];
    nicknames?: string[];
    dateOfBirth?: string | null;
    dobPrecision?: string | null;
  } | null;
}

/** One file of a case as the API lists it (apps/api/src/attachments/attachment.dto.ts). */
export interface AttachmentView {
  id: string;
  caseId: string;
  referralId: string | null;
  handoffId: string | null;
  kind: string;
  category: DataCategory;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** the original name, decrypted by the API: may hold a person's name, so the portal never shows it */
  fileName: string;
  uploadedBy: UserRef;
  createdAt: string;
}

export interface AttachmentUpload {
  file: Blob;
  kind: string;
  category: DataCategory;
}

/** GET /users/assignable (docs/decisions/0006-assignable-users-route.md). */
export interface AssignableUser {
  id: string;
  displayName: string;
  username: string;
  roles: string[];
}

export interface CaseListFilter {
  status?: string;
  province?: string;
  assignedTo?: string;
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

  list(filter: CaseListFilter, cursor: string | null, limit = 25): Promise<Page<CaseSummary>> {
    return firstValueFrom(this.http.get<Page<CaseSummary>>(`${API}/cases`, { params: params({ ...filter, limit, cursor }) }));
  }

  get(id: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.get<CaseDetail>(`${API}/cases/${id}`));
  }

  patch(id: string, version: number, patch: CasePatch): Promise<CaseDetail> {
    return firstValueFrom(this.http.patch<CaseDetail>(`${API}/cases/${id}`, { version, ...patch }));
  }

  assign(id: string, version: number, userId: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`${API}/cases/${id}/assign`, { version, userId }));
  }

  transition(id: string, version: number, action: StatusAction): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`${API}/cases/${id}/transition`, { version, action }));
  }

  identify(id: string, body: { version: number; decision: string; decidedOn: string; reasons: string }): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`${API}/cases/${id}/identification`, body));
  }

  close(id: string, version: number, reason: ClosureReason, note?: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`${API}/cases/${id}/close`, { version, reason, ...(note ? { note } : {}) }));
  }

  reopen(id: string, version: number, reason: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`${API}/cases/${id}/reopen`, { version, reason }));
  }

  notes(id: string, cursor: string | null): Promise<Page<CaseNote>> {
    return firstValueFrom(this.http.get<Page<CaseNote>>(`${API}/cases/${id}/notes`, { params: params({ limit: 50, cursor }) }));
  }

  addNote(id: string, body: string, category?: string): Promise<CaseNote> {
    return firstValueFrom(this.http.post<CaseNote>(`${API}/cases/${id}/notes`, { body, ...(category ? { category } : {}) }));
  }

  timeline(id: string, cursor: string | null): Promise<Page<CaseEvent>> {
    return firstValueFrom(this.http.get<Page<CaseEvent>>(`${API}/cases/${id}/timeline`, { params: params({ limit: 50, cursor }) }));
  }

  accessLog(id: string, cursor: string | null): Promise<Page<AccessLogEntry>> {
    return firstValueFrom(this.http.get<Page<AccessLogEntry>>(`${API}/cases/${id}/access-log`, { params: params({ limit: 50, cursor }) }));
  }

  consents(id: string, cursor: string | null): Promise<Page<ConsentView>> {
    return firstValueFrom(this.http.get<Page<ConsentView>>(`${API}/cases/${id}/consents`, { params: params({ limit: 50, cursor }) }));
  }

  grantConsent(id: string, body: GrantConsent): Promise<ConsentView> {
    return firstValueFrom(this.http.post<ConsentView>(`${API}/cases/${id}/consents`, body));
  }

  withdrawConsent(consentId: string, reason: string): Promise<ConsentView> {
    return firstValueFrom(this.http.post<ConsentView>(`${API}/consents/${consentId}/withdraw`, { reason }));
  }

  agencies(): Promise<ReferenceAgency[]> {
    return firstValueFrom(this.http.get<ReferenceAgency[]>(`${API}/reference/agencies`));
  }

  attachments(id: string, cursor: string | null): Promise<Page<AttachmentView>> {
    return firstValueFrom(this.http.get<Page<AttachmentView>>(`${API}/cases/${id}/attachments`, { params: params({ limit: 50, cursor }) }));
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

  assignableUsers(province?: string): Promise<{ items: AssignableUser[] }> {
    return firstValueFrom(this.http.get<{ items: AssignableUser[] }>(`${API}/users/assignable`, { params: params({ province }) }));
  }

  /** Reading a person is audited by the API: call it only when the user asks to see the identity. */
  person(id: string): Promise<PersonView> {
    return firstValueFrom(this.http.get<PersonView>(`${API}/persons/${id}`));
  }
}
