/**
 * Coded values of the case record: the shared lists live in `@ctms/domain`; the timeline's event
 * kinds are the API's own.
 */
import { HANDOFF_EVENT_KINDS } from '../handoffs/handoff-codes';

export {
  CASE_FLAGS,
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  type CaseFlag,
  type ExploitationType,
  type JourneyStage,
  type MeansOfControl,
  type PerpetratorRelation,
  type PerpetratorRole,
  type RiskLevel,
} from '@ctms/domain';

/** Timeline event kinds. */
export const CASE_EVENT_KINDS = [
  'CASE_OPENED',
  'SCREENING_ATTACHED',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
  'STATUS_CHANGED',
  'IDENTIFICATION_DECIDED',
  'CASE_CLOSED',
  'CASE_REOPENED',
  'NOTE_ADDED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Every kind of event on a case's timeline, whichever feature writes it (one writer: addCaseEvent). */
export const TIMELINE_EVENT_KINDS = [
  ...CASE_EVENT_KINDS,
  'REFERRAL_CREATED',
  'REFERRAL_ACCEPTED',
  'REFERRAL_DECLINED',
  'REFERRAL_SERVICE_RECORDED',
  'REFERRAL_COMPLETED',
  'REFERRAL_CANCELLED',
  ...HANDOFF_EVENT_KINDS,
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PERSON_MERGED',
  'PERSON_MERGE_UNDONE',
  'ATTACHMENT_ADDED',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];
