import {
  can,
  REFERRAL_MACHINE,
  type DataCategory,
  type ReferralAction,
  type ReferralContext,
  type ReferralStatus,
} from '@ctms/domain';
import { Conflict, ValidationFailed } from '../platform/http/errors';
import type { Actor } from '../platform/http/request-context';
import type { ReferralDetailRow } from './referral.repository';

/**
 * The rules a referral step asks besides the access layer: the machine's decisions from the caller's
 * sides, what the receiving agency must offer, and the refusal of a packet no consent covers.
 */

/** What a referral step tells the machine besides the caller's sides. */
export type ReferralInput = Partial<Pick<ReferralContext, 'assigneeId' | 'declineReason' | 'outcome' | 'reason'>>;

/** The caller's sides come from the access layer's predicates (the load selects them), never from comparing agency ids here. */
export function referralContext(actor: Actor, r: ReferralDetailRow, input: ReferralInput): ReferralContext {
  return { roles: actor.roles, actorInReceivingAgency: r.is_receiver, actorInSendingAgency: r.is_sender, ...input };
}

/** The machine's decision on `action` from the referral's status (or from `from`): a step's `decide` for the TransitionRunner. */
export function decide(action: ReferralAction, input: ReferralInput = {}, from?: ReferralStatus) {
  return (actor: Actor, r: ReferralDetailRow) =>
    can(REFERRAL_MACHINE, from ?? r.status, action, referralContext(actor, r, input));
}

/** The referral's case as the editor rule reads it (the sender's side: its assigned caseworker or a supervisor of its lead agency). */
export function caseOfReferral(r: ReferralDetailRow) {
  return {
    lead_agency_id: r.lead_agency_id,
    province_code: r.province_code,
    assigned_to_id: r.case_assigned_to_id,
    status: r.case_status,
  };
}

/** A referral goes to an agency that offers every service asked for and covers the case's province (400 naming the field). */
export function checkReceiverServes(
  to: { serviceTypes: readonly string[]; provinces: readonly string[] },
  serviceTypes: readonly string[],
  provinceCode: string,
): void {
  const notOffered = serviceTypes.filter((t) => !to.serviceTypes.includes(t));
  if (notOffered.length) {
    throw new ValidationFailed([
      { field: 'serviceTypes', problems: [`the receiving agency does not offer ${notOffered.join(', ')}`] },
    ]);
  }
  if (!to.provinces.includes(provinceCode)) {
    throw new ValidationFailed([
      { field: 'toAgencyId', problems: ["the receiving agency does not cover the case's province"] },
    ]);
  }
}

/** 409 CONSENT_NOT_COVERING: `details` name each category no active consent covers. */
export class ConsentNotCovering extends Conflict {
  constructor(public readonly missing: DataCategory[]) {
    super(
      'CONSENT_NOT_COVERING',
      'Some requested categories are not covered by an active REFERRAL_SHARING consent for the receiving agency',
      missing.map((k) => ({
        field: 'categories',
        problems: [`${k} is not covered by an active REFERRAL_SHARING consent for the receiving agency`],
      })),
      { missing },
    );
  }
}
