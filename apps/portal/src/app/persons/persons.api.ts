import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PersonMergeView, PersonSearchRequest, PersonSearchResultView } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

@Injectable({ providedIn: 'root' })
export class PersonsApi {
  private readonly http = inject(HttpClient);

  /**
   * Names, birth date and document travel in the POST body only, never in a URL. Only persons the
   * caller's agency may see come back; `possibleMatchElsewhere` says, and only says, that another
   * agency holds a strong match (decision 0016: ask it through a match request).
   */
  search(input: PersonSearchRequest): Promise<PersonSearchResultView> {
    return firstValueFrom(this.http.post<PersonSearchResultView>(`${API}/persons/search`, input));
  }

  /** Merges the person `mergeId` INTO `survivorId` (supervisors). */
  merge(survivorId: string, mergeId: string, reason: string): Promise<PersonMergeView> {
    return firstValueFrom(this.http.post<PersonMergeView>(`${API}/persons/${survivorId}/merge`, { mergeId, reason }));
  }

  undoMerge(mergeId: string, reason: string): Promise<PersonMergeView> {
    return firstValueFrom(this.http.post<PersonMergeView>(`${API}/persons/merges/${mergeId}/undo`, { reason }));
  }
}
