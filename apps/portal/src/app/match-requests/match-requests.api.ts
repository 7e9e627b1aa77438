import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  MatchRequestDetailView,
  MatchRequestsRaisedView,
  MatchRequestStatus,
  MatchRequestSummaryView,
  Page,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/**
 * Match requests (docs/decisions/0016-match-requests.md): the asking side raises them from a
 * screening draft and sees their status; the asked agency's supervisors answer them. The shapes are
 * the API's (libs/domain match-request-views.ts).
 */
@Injectable({ providedIn: 'root' })
export class MatchRequestsApi {
  private readonly http = inject(HttpClient);

  /** The requests asked about this screening (the asking side learns the asked agency once it answers). */
  forScreening(screeningId: string): Promise<MatchRequestsRaisedView> {
    return firstValueFrom(
      this.http.get<MatchRequestsRaisedView>(`${API}/screenings/${encodeURIComponent(screeningId)}/match-requests`),
    );
  }

  /** Asks the agencies holding strong matches, with the bio-data SAVED in the draft (no body: nothing else can be asked). */
  raise(screeningId: string): Promise<MatchRequestsRaisedView> {
    return firstValueFrom(
      this.http.post<MatchRequestsRaisedView>(
        `${API}/screenings/${encodeURIComponent(screeningId)}/match-requests`,
        null,
      ),
    );
  }

  list(
    box: 'incoming' | 'outgoing',
    status: MatchRequestStatus | null,
    cursor: string | null,
    limit = 25,
  ): Promise<Page<MatchRequestSummaryView>> {
    let params = new HttpParams().set('box', box).set('limit', limit);
    if (status) params = params.set('status', status);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<MatchRequestSummaryView>>(`${API}/match-requests`, { params }));
  }

  get(id: string): Promise<MatchRequestDetailView> {
    return firstValueFrom(this.http.get<MatchRequestDetailView>(`${API}/match-requests/${encodeURIComponent(id)}`));
  }

  /** The asked agency's supervisor names its person: the asking agency may then see and link it. */
  link(id: string, version: number, personId: string): Promise<MatchRequestDetailView> {
    return firstValueFrom(
      this.http.post<MatchRequestDetailView>(`${API}/match-requests/${encodeURIComponent(id)}/link`, {
        version,
        personId,
      }),
    );
  }

  noMatch(id: string, version: number, comment?: string): Promise<MatchRequestDetailView> {
    return firstValueFrom(
      this.http.post<MatchRequestDetailView>(
        `${API}/match-requests/${encodeURIComponent(id)}/no-match`,
        comment ? { version, comment } : { version },
      ),
    );
  }
}
