/**
 * What the API answers about match requests (the portal imports these, never its own copies).
 * The asking side learns only the status, and, once linked, the person it may now link; the asked
 * side sees the asking side's terms beside its own candidate persons.
 */
import type { MatchRequestAction, MatchRequestStatus } from './workflows';

/** Which side of the request the caller is on. */
export type MatchRequestSide = 'ASKING' | 'ASKED';

export interface MatchRequestSummaryView {
  id: string;
  side: MatchRequestSide;
  status: MatchRequestStatus;
  /** the agency that asked (shown to both sides) */
  askingAgency: { code: string };
  /** the agency asked: shown to the asking side only once it has answered */
  askedAgency: { code: string } | null;
  /** the asking side's screening (asking side only) */
  screeningId: string | null;
  createdAt: string;
  answeredAt: string | null;
  /** the person the asked agency named (LINKED only): the asking side may now link it into its screening */
  linkedPersonId: string | null;
  version: number;
}

/** The terms the asking side searched with: shown to the asked side only. */
export interface MatchRequestTermsView {
  name: string;
  dateOfBirth: string | null;
  /** how much of `dateOfBirth` is known (DAY, MONTH, YEAR, ESTIMATED); absent in requests raised before it was kept */
  dobPrecision?: string | null;
  sex: string | null;
  documentNumbers: string[];
}

/** One of the asked agency's persons that matched: shown to the asked side only. */
export interface MatchCandidateView {
  personId: string;
  initials: string;
  birthYear: number | null;
  sex: string | null;
  /** the asked agency's own cases of this person */
  caseNumbers: string[];
}

export interface MatchRequestDetailView extends MatchRequestSummaryView {
  terms: MatchRequestTermsView | null;
  candidates: MatchCandidateView[];
  /** the asked side's words with a NO_MATCH answer (both sides; the form says the asking side reads them) */
  comment: string | null;
  allowedActions: MatchRequestAction[];
}

/** What raising match requests for a screening answers: the requests now open for it. */
export interface MatchRequestsRaisedView {
  requests: MatchRequestSummaryView[];
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface MatchRequestVersionRequest {
  version: number;
}

/** POST /match-requests/:id/link: the asked side names its person. */
export interface LinkMatchRequestRequest extends MatchRequestVersionRequest {
  personId: string;
}

/** POST /match-requests/:id/no-match */
export interface NoMatchRequestRequest extends MatchRequestVersionRequest {
  comment?: string;
}
