import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** A duplicate candidate: no name, only what lets a worker recognise a person (apps/api/src/persons/person.views.ts). */
export interface PersonCandidate {
  personId: string;
  score: number;
  reasons: string[];
  display: { initials: string; birthYear?: number; sex?: string; caseNumbers: string[] };
}

/** POST /persons/search (apps/api/src/persons/person.views.ts PersonSearchResultView). */
export interface PersonSearchResult {
  candidates: PersonCandidate[];
  possibleMatchElsewhere: boolean;
}

export interface PersonSearchInput {
  name: string;
  /** 'YYYY' or 'YYYY-MM-DD' */
  dateOfBirth?: string;
  documentNumber?: string;
  limit?: number;
}

/** POST /persons/:id/merge and /persons/merges/:mergeId/undo answer this. */
export interface PersonMerge {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedAt: string;
  undoneAt: string | null;
}

@Injectable({ providedIn: 'root' })
export class PersonsApi {
  private readonly http = inject(HttpClient);

  /**
   * Names, birth date and document travel in the POST body only, never in a URL. Only persons the
   * caller's agency may see come back; `possibleMatchElsewhere` says, and only says, that another
   * agency holds a strong match (decision 0016: ask it through a match request).
   */
  search(input: PersonSearchInput): Promise<PersonSearchResult> {
    return firstValueFrom(this.http.post<PersonSearchResult>(`${API}/persons/search`, input));
  }

  /** Merges the person `mergeId` INTO `survivorId` (supervisors). */
  merge(survivorId: string, mergeId: string, reason: string): Promise<PersonMerge> {
    return firstValueFrom(this.http.post<PersonMerge>(`${API}/persons/${survivorId}/merge`, { mergeId, reason }));
  }

  undoMerge(mergeId: string, reason: string): Promise<PersonMerge> {
    return firstValueFrom(this.http.post<PersonMerge>(`${API}/persons/merges/${mergeId}/undo`, { reason }));
  }
}
