import { allowedActions, can } from './state-machine';
import {
  CROSSING_POINT_LABELS,
  CROSSING_POINT_VERIFIED,
  CROSSING_POINTS,
  FAMILY_TRACING_MACHINE,
  returnMovesCase,
  type FamilyTracingContext,
} from './family-tracing';
import { AUDIT_ACTIONS } from './enums';
import { TIMELINE_EVENT_KINDS } from './case-codes';

const office: FamilyTracingContext = { roles: ['CASEWORKER'], actorInAskedOffice: true, actorIsCaseEditor: false };
const lead: FamilyTracingContext = { roles: ['CASEWORKER'], actorInAskedOffice: false, actorIsCaseEditor: true };

describe('FAMILY_TRACING_MACHINE', () => {
  it('the asked office answers with a code and an assessment', () => {
    expect(
      can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'ANSWER', {
        ...office,
        answer: 'FAMILY_FOUND_RETURN_ADVISED',
        reason: 'Mother and two brothers live in the village; they want her home.',
      }),
    ).toEqual({ ok: true, to: 'ANSWERED' });
  });

  it('an answer needs a known code and a text', () => {
    expect(can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'ANSWER', { ...office, answer: 'MAYBE', reason: 'x' })).toEqual({
      ok: false,
      reason: 'OUTCOME_REQUIRED',
    });
    expect(
      can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'ANSWER', { ...office, answer: 'FAMILY_NOT_FOUND', reason: ' ' }),
    ).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
  });

  it('only the asked office answers or declines; only the case editor withdraws', () => {
    expect(
      can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'ANSWER', { ...lead, answer: 'FAMILY_NOT_FOUND', reason: 'x' }),
    ).toEqual({ ok: false, reason: 'NOT_ASKED_AGENCY' });
    expect(can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'WITHDRAW', { ...office, reason: 'x' })).toEqual({
      ok: false,
      reason: 'NOT_CASE_EDITOR',
    });
    expect(allowedActions(FAMILY_TRACING_MACHINE, 'REQUESTED', office)).toEqual(['ANSWER', 'DECLINE']);
    expect(allowedActions(FAMILY_TRACING_MACHINE, 'REQUESTED', lead)).toEqual(['WITHDRAW']);
  });

  it('answered, declined and withdrawn are final', () => {
    for (const s of ['ANSWERED', 'DECLINED', 'WITHDRAWN'] as const) {
      expect(allowedActions(FAMILY_TRACING_MACHINE, s, { ...office, actorIsCaseEditor: true })).toEqual([]);
    }
  });

  it('admins and analysts hold no role of the machine', () => {
    expect(
      can(FAMILY_TRACING_MACHINE, 'REQUESTED', 'DECLINE', { ...office, roles: ['SYSTEM_ADMIN'], reason: 'x' }),
    ).toEqual({ ok: false, reason: 'ROLE_NOT_ALLOWED' });
  });
});

describe('return codes', () => {
  it('every crossing point has a verification mark and Lao and English labels', () => {
    for (const c of CROSSING_POINTS) {
      expect(typeof CROSSING_POINT_VERIFIED[c]).toBe('boolean');
      expect(CROSSING_POINT_LABELS[c].lo.length).toBeGreaterThan(0);
    }
    expect(CROSSING_POINT_VERIFIED.FRIENDSHIP_BRIDGE_1_VIENTIANE).toBe(true);
    expect(CROSSING_POINT_VERIFIED.BOTEN_MOHAN).toBe(false);
  });

  it('a handover to another province moves the case', () => {
    expect(returnMovesCase('13', '01')).toBe(true);
    expect(returnMovesCase('01', '01')).toBe(false);
  });

  it('every step is an audit action and a timeline event', () => {
    for (const k of ['FAMILY_TRACING_REQUESTED', 'FAMILY_TRACING_ANSWERED', 'RETURN_RECORDED'] as const) {
      expect(AUDIT_ACTIONS).toContain(k);
      expect(TIMELINE_EVENT_KINDS).toContain(k);
    }
  });
});
