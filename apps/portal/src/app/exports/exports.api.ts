import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateExportRequest, DeclineExportRequest, ExportView, Page } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/**
 * Exports (docs/decisions/0035-exports-reason-and-approval.md): ask with a reason, follow their
 * status, download each once; the agency's approvers approve or decline the ones that wait for a
 * second person. The shapes are the API's (libs/domain export-views.ts).
 */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);

  create(body: CreateExportRequest): Promise<ExportView> {
    return firstValueFrom(this.http.post<ExportView>(`${API}/exports`, body));
  }

  /** The caller's own exports (`mine`) or those of their agency waiting for them (`approvals`), newest first. */
  list(box: 'mine' | 'approvals', cursor: string | null, limit = 25): Promise<Page<ExportView>> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    const path = box === 'mine' ? `${API}/exports` : `${API}/exports/approvals`;
    return firstValueFrom(this.http.get<Page<ExportView>>(path, { params }));
  }

  approve(id: string): Promise<ExportView> {
    return firstValueFrom(this.http.post<ExportView>(`${API}/exports/${encodeURIComponent(id)}/approve`, null));
  }

  decline(id: string, body: DeclineExportRequest): Promise<ExportView> {
    return firstValueFrom(this.http.post<ExportView>(`${API}/exports/${encodeURIComponent(id)}/decline`, body));
  }

  /** The file, once (the API deletes it as it sends it); the response, for the file name it gives. */
  download(id: string): Promise<HttpResponse<Blob>> {
    return firstValueFrom(
      this.http.get(`${API}/exports/${encodeURIComponent(id)}/download`, { responseType: 'blob', observe: 'response' }),
    );
  }
}
