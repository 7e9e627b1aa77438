import {
  allowedActions,
  MATCH_REQUEST_MACHINE,
  type MatchCandidateView,
  type MatchRequestDetailView,
  type MatchRequestSummaryView,
  type MatchRequestTermsView,
  type PersonIdentity,
} from '@ctms/domain';
import type { Actor } from '../platform/http/request-context';
import { initialsOf } from '../persons/person-scoring';
import type { CandidatePersonRow, MatchRequestListRow } from './match-request.repository';

/** A request as its side sees it: the asking side learns the asked agency and the link only once answered. */
export function toSummaryView(actor: Actor, r: MatchRequestListRow): MatchRequestSummaryView {
  const asked = r.to_agency_id === actor.agencyId;
  return {
    id: r.id,
    side: asked ? 'ASKED' : 'ASKING',
    status: r.status,
    askingAgency: { code: r.from_agency_code },
    askedAgency: asked || r.status !== 'OPEN' ? { code: r.to_agency_code } : null,
    screeningId: asked ? null : r.screening_id,
    createdAt: r.created_at.toISOString(),
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    linkedPersonId: r.status === 'LINKED' ? r.linked_person_id : null,
    version: r.version,
  };
}

/** The detail: the terms and candidates for the asked side only; the comment once answered "no match". */
export function toDetailView(
  actor: Actor,
  r: MatchRequestListRow,
  decrypted: { terms: MatchRequestTermsView | null; comment: string | null; candidates: MatchCandidateView[] },
): MatchRequestDetailView {
  const summary = toSummaryView(actor, r);
  const asked = summary.side === 'ASKED';
  return {
    ...summary,
    terms: asked ? decrypted.terms : null,
    candidates: asked ? decrypted.candidates : [],
    comment: r.status === 'NO_MATCH' ? decrypted.comment : null,
    allowedActions: allowedActions(MATCH_REQUEST_MACHINE, r.status, { roles: actor.roles, actorInAskedAgency: asked }),
  };
}

export function toCandidateView(p: CandidatePersonRow & { identity: PersonIdentity | null }): MatchCandidateView {
  const identity = p.identity;
  const year =
    identity?.dateOfBirth && identity.dobPrecision !== 'UNKNOWN' ? Number(identity.dateOfBirth.slice(0, 4)) : null;
  return {
    personId: p.id,
    initials: identity ? initialsOf(identity) : '',
    birthYear: year,
    sex: p.sex,
    caseNumbers: p.case_numbers,
  };
}
