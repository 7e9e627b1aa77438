import { ROLES, type Role } from './enums';
import { rolePermissions } from './permissions';
import { seedAgencyByCode } from './reference';

const capabilitiesOf = (code: string) => seedAgencyByCode(code)?.capabilities ?? [];
import { actionsFrom, allowedActions, can, machineProblems, type Machine, type MachineContext } from './state-machine';
import {
  referralDeadline,
  referralOverdue,
  servicesDeadline,
  acknowledgeDeadline,
  CASE_MACHINE,
  CLOSURE_REASONS,
  CONSENT_MACHINE,
  consentEffectiveStatus,
  DECLINE_REASONS,
  HANDOFF_MACHINE,
  IDENTIFICATION_MACHINE,
  INTERVIEW_CONSENT_QUESTIONS,
  interviewConsentComplete,
  isConsentActive,
  isConsentExpired,
  REFERRAL_MACHINE,
  REFERRAL_OUTCOMES,
  SCREENING_MACHINE,
  URGENCY_SLA_HOURS,
  VERDICTS,
  WORKFLOW_REFUSALS,
  type CaseContext,
  type ConsentContext,
  type HandoffContext,
  type IdentificationContext,
  type InterviewConsentAnswers,
  type ReferralContext,
  type ScreeningContext,
  MATCH_REQUEST_MACHINE,
  TRANSFER_MACHINE,
  IDENTIFICATION_REQUEST_MACHINE,
  CLOSURE_REQUEST_MACHINE,
  closureRequestRefusal,
  type IdentificationRequestContext,
  type ClosureRequestContext,
} from './workflows';

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES'])) as InterviewConsentAnswers;

/**
 * Check every (state, action) pair of a machine against the expected table, with an actor who
 * passes every guard and an input that passes every validation: the listed pairs succeed with the
 * listed target, every other pair is refused as not allowed in that state.
 */
function expectTable<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  table: Partial<Record<S, Partial<Record<A, S>>>>,
  ctxFor: (action: A) => C,
): void {
  for (const state of machine.states) {
    for (const action of machine.actions) {
      const to = table[state]?.[action];
      const decision = can(machine, state, action, ctxFor(action));
      const label = `${machine.name}: ${state} --${action}-->`;
      if (to) expect({ label, decision }).toEqual({ label, decision: { ok: true, to } });
      else
        expect({ label, decision }).toEqual({ label, decision: { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' } });
    }
  }
}

const MACHINES = [
  SCREENING_MACHINE,
  CASE_MACHINE,
  IDENTIFICATION_MACHINE,
  REFERRAL_MACHINE,
  HANDOFF_MACHINE,
  CONSENT_MACHINE,
  MATCH_REQUEST_MACHINE,
  IDENTIFICATION_REQUEST_MACHINE,
  CLOSURE_REQUEST_MACHINE,
  TRANSFER_MACHINE,
] as const;

describe('every workflow machine', () => {
  it.each(MACHINES.map((m) => [m.name, m] as const))('%s is structurally sound', (_name, machine) => {
    expect(machineProblems(machine as Machine<string, string, MachineContext>)).toEqual([]);
  });

  it.each(MACHINES.map((m) => [m.name, m] as const))(
    '%s: every role on a transition holds its permission',
    (_name, machine) => {
      for (const t of (machine as Machine<string, string, MachineContext>).transitions) {
        expect(t.permission).toBeDefined();
        for (const r of t.roles) {
          if (t.permission)
            expect({ action: t.action, role: r, holds: rolePermissions([r]).has(t.permission) }).toEqual({
              action: t.action,
              role: r,
              holds: true,
            });
        }
      }
    },
  );

  it.each(MACHINES.map((m) => [m.name, m] as const))(
    '%s: admins and analysts can take no transition',
    (_name, machine) => {
      for (const t of (machine as Machine<string, string, MachineContext>).transitions) {
        for (const r of ['AGENCY_ADMIN', 'SYSTEM_ADMIN', 'ANALYST'] as Role[]) expect(t.roles).not.toContain(r);
      }
    },
  );

  it('all refusal codes are unique', () => {
    expect(new Set(WORKFLOW_REFUSALS).size).toBe(WORKFLOW_REFUSALS.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('screening', () => {
  const caseworker: ScreeningContext = {
    roles: ['CASEWORKER'],
    actorInScreeningAgency: true,
    actorIsInterviewer: true,
    interviewConsent: ALL_YES,
  };
  const supervisor: ScreeningContext = {
    roles: ['SUPERVISOR'],
    actorInScreeningAgency: true,
    actorIsInterviewer: false,
  };

  it('has exactly the transitions of the spec', () => {
    expectTable(
      SCREENING_MACHINE,
      {
        DRAFT: { SUBMIT: 'SUBMITTED', TERMINATE: 'TERMINATED' },
        SUBMITTED: { APPROVE: 'APPROVED', RETURN: 'RETURNED' },
        RETURNED: { REVISE: 'DRAFT' },
      },
      (a) =>
        a === 'APPROVE' || a === 'RETURN'
          ? supervisor
          : { ...caseworker, roles: ['CASEWORKER', 'SUPERVISOR'], reason: 'interviewee asked to stop' },
    );
  });

  it('submits when all seven consent answers are YES', () => {
    expect(can(SCREENING_MACHINE, 'DRAFT', 'SUBMIT', caseworker)).toEqual({ ok: true, to: 'SUBMITTED' });
  });

  it.each([
    ['no answers', undefined],
    ['null answers', null],
    ['one NO', { ...ALL_YES, INFORMED_OF_RETENTION: 'NO' }],
    ['one N/A', { ...ALL_YES, CONSENTS_TO_INTERVIEW: 'NOT_APPLICABLE' }],
    ['one missing', { ...ALL_YES, INFORMED_OF_WITHDRAWAL: undefined }],
    ['six of seven', Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.slice(0, 6).map((q) => [q, 'YES']))],
  ] as [string, InterviewConsentAnswers | null | undefined][])(
    'refuses to submit with incomplete consent: %s',
    (_l, answers) => {
      expect(can(SCREENING_MACHINE, 'DRAFT', 'SUBMIT', { ...caseworker, interviewConsent: answers })).toEqual({
        ok: false,
        reason: 'INTERVIEW_CONSENT_INCOMPLETE',
      });
      expect(allowedActions(SCREENING_MACHINE, 'DRAFT', { ...caseworker, interviewConsent: answers })).toEqual([
        'TERMINATE',
      ]);
    },
  );

  it('terminates with a reason, whatever the consent', () => {
    const noConsent = { ...caseworker, interviewConsent: { ...ALL_YES, CONSENTS_TO_INTERVIEW: 'NO' as const } };
    expect(can(SCREENING_MACHINE, 'DRAFT', 'TERMINATE', noConsent)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(SCREENING_MACHINE, 'DRAFT', 'TERMINATE', { ...noConsent, reason: '   ' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(can(SCREENING_MACHINE, 'DRAFT', 'TERMINATE', { ...noConsent, reason: 'consent refused' })).toEqual({
      ok: true,
      to: 'TERMINATED',
    });
  });

  it('refuses a caseworker of another agency', () => {
    expect(can(SCREENING_MACHINE, 'DRAFT', 'SUBMIT', { ...caseworker, actorInScreeningAgency: false })).toEqual({
      ok: false,
      reason: 'NOT_SCREENING_AGENCY',
    });
  });

  it('lets a supervisor of the agency approve or return', () => {
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'APPROVE', supervisor)).toEqual({ ok: true, to: 'APPROVED' });
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'RETURN', supervisor)).toEqual({ ok: true, to: 'RETURNED' });
    expect(allowedActions(SCREENING_MACHINE, 'SUBMITTED', supervisor)).toEqual(['APPROVE', 'RETURN']);
  });

  it('never lets the interviewer review their own screening, even as supervisor', () => {
    const own = { ...supervisor, actorIsInterviewer: true };
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'APPROVE', own)).toEqual({ ok: false, reason: 'OWN_SCREENING' });
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'RETURN', own)).toEqual({ ok: false, reason: 'OWN_SCREENING' });
    expect(allowedActions(SCREENING_MACHINE, 'SUBMITTED', own)).toEqual([]);
  });

  it('refuses review by a caseworker or a supervisor of another agency', () => {
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'APPROVE', { ...supervisor, roles: ['CASEWORKER'] })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(can(SCREENING_MACHINE, 'SUBMITTED', 'APPROVE', { ...supervisor, actorInScreeningAgency: false })).toEqual({
      ok: false,
      reason: 'NOT_SCREENING_AGENCY',
    });
  });

  it('an approved screening is immutable', () => {
    expect(actionsFrom(SCREENING_MACHINE, 'APPROVED')).toEqual([]);
    expect(can(SCREENING_MACHINE, 'APPROVED', 'REVISE', caseworker)).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('a returned screening goes back to draft', () => {
    expect(can(SCREENING_MACHINE, 'RETURNED', 'REVISE', caseworker)).toEqual({ ok: true, to: 'DRAFT' });
  });

  it('admins may not submit', () => {
    expect(
      can(SCREENING_MACHINE, 'DRAFT', 'SUBMIT', { ...caseworker, roles: ['AGENCY_ADMIN', 'SYSTEM_ADMIN'] }),
    ).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it('interviewConsentComplete needs all seven YES', () => {
    expect(interviewConsentComplete(ALL_YES)).toBe(true);
    expect(interviewConsentComplete({})).toBe(false);
    expect(INTERVIEW_CONSENT_QUESTIONS).toHaveLength(7);
  });
});

// ---------------------------------------------------------------------------------------------

describe('case', () => {
  const assigned: CaseContext = { roles: ['CASEWORKER'], actorInLeadAgency: true, actorIsAssigned: true };
  const supervisor: CaseContext = { roles: ['SUPERVISOR'], actorInLeadAgency: true, actorIsAssigned: false };

  it('has exactly the transitions of the spec', () => {
    expectTable(
      CASE_MACHINE,
      {
        OPEN: { ACTIVATE: 'ACTIVE', CLOSE: 'CLOSED' },
        ACTIVE: { START_FOLLOW_UP: 'FOLLOW_UP', CLOSE: 'CLOSED' },
        FOLLOW_UP: { RESUME: 'ACTIVE', CLOSE: 'CLOSED' },
        CLOSED: { REOPEN: 'OPEN' },
      },
      () => ({ ...supervisor, closureReason: 'SERVICES_COMPLETED', reason: 'new evidence' }),
    );
  });

  it('the assigned caseworker moves the case along but cannot close it', () => {
    expect(can(CASE_MACHINE, 'OPEN', 'ACTIVATE', assigned)).toEqual({ ok: true, to: 'ACTIVE' });
    expect(can(CASE_MACHINE, 'ACTIVE', 'START_FOLLOW_UP', assigned)).toEqual({ ok: true, to: 'FOLLOW_UP' });
    expect(can(CASE_MACHINE, 'FOLLOW_UP', 'RESUME', assigned)).toEqual({ ok: true, to: 'ACTIVE' });
    expect(can(CASE_MACHINE, 'FOLLOW_UP', 'CLOSE', { ...assigned, closureReason: 'REINTEGRATED' })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(allowedActions(CASE_MACHINE, 'FOLLOW_UP', assigned)).toEqual(['RESUME']);
  });

  it('another caseworker of the agency may only read', () => {
    expect(can(CASE_MACHINE, 'OPEN', 'ACTIVATE', { ...assigned, actorIsAssigned: false })).toEqual({
      ok: false,
      reason: 'NOT_CASE_EDITOR',
    });
  });

  it('a supervisor of the lead agency edits without being assigned', () => {
    expect(can(CASE_MACHINE, 'OPEN', 'ACTIVATE', supervisor)).toEqual({ ok: true, to: 'ACTIVE' });
  });

  it('users of other agencies are refused', () => {
    expect(can(CASE_MACHINE, 'OPEN', 'ACTIVATE', { ...assigned, actorInLeadAgency: false })).toEqual({
      ok: false,
      reason: 'NOT_LEAD_AGENCY',
    });
    expect(
      can(CASE_MACHINE, 'ACTIVE', 'CLOSE', { ...supervisor, actorInLeadAgency: false, closureReason: 'DECEASED' }),
    ).toEqual({
      ok: false,
      reason: 'NOT_LEAD_AGENCY',
    });
  });

  it.each(CLOSURE_REASONS.filter((r) => r !== 'OTHER'))('closes with reason %s', (closureReason) => {
    expect(can(CASE_MACHINE, 'FOLLOW_UP', 'CLOSE', { ...supervisor, closureReason })).toEqual({
      ok: true,
      to: 'CLOSED',
    });
  });

  it('refuses to close without a valid closure reason; OTHER needs text', () => {
    expect(can(CASE_MACHINE, 'ACTIVE', 'CLOSE', supervisor)).toEqual({ ok: false, reason: 'CLOSURE_REASON_REQUIRED' });
    expect(can(CASE_MACHINE, 'ACTIVE', 'CLOSE', { ...supervisor, closureReason: 'BORED' })).toEqual({
      ok: false,
      reason: 'CLOSURE_REASON_REQUIRED',
    });
    expect(can(CASE_MACHINE, 'ACTIVE', 'CLOSE', { ...supervisor, closureReason: 'OTHER' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(
      can(CASE_MACHINE, 'ACTIVE', 'CLOSE', { ...supervisor, closureReason: 'OTHER', reason: 'moved abroad' }),
    ).toEqual({ ok: true, to: 'CLOSED' });
  });

  it('reopens with a reason only', () => {
    expect(can(CASE_MACHINE, 'CLOSED', 'REOPEN', supervisor)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(CASE_MACHINE, 'CLOSED', 'REOPEN', { ...supervisor, reason: 'victim returned' })).toEqual({
      ok: true,
      to: 'OPEN',
    });
    expect(can(CASE_MACHINE, 'CLOSED', 'REOPEN', { ...assigned, reason: 'x' })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(allowedActions(CASE_MACHINE, 'CLOSED', supervisor)).toEqual(['REOPEN']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('identification status', () => {
  const atdSupervisor: IdentificationContext = {
    roles: ['SUPERVISOR'],
    actorCapabilities: capabilitiesOf('MOPS_ATD'),
    decisionDate: '2026-03-01',
    reason: 'ILO indicators met',
  };
  const atdInvestigator: IdentificationContext = { ...atdSupervisor, roles: ['INVESTIGATOR'] };

  it('has exactly the transitions of the spec (a later decision supersedes)', () => {
    const both = { IDENTIFY: 'IDENTIFIED', NOT_IDENTIFY: 'NOT_IDENTIFIED' } as const;
    expectTable(
      IDENTIFICATION_MACHINE,
      { POSSIBLE_VICTIM: both, IDENTIFIED: both, NOT_IDENTIFIED: both },
      () => atdSupervisor,
    );
  });

  it('a MoPS ATD supervisor or investigator decides', () => {
    expect(can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'IDENTIFY', atdSupervisor)).toEqual({
      ok: true,
      to: 'IDENTIFIED',
    });
    expect(can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'NOT_IDENTIFY', atdInvestigator)).toEqual({
      ok: true,
      to: 'NOT_IDENTIFIED',
    });
    expect(can(IDENTIFICATION_MACHINE, 'NOT_IDENTIFIED', 'IDENTIFY', atdInvestigator)).toEqual({
      ok: true,
      to: 'IDENTIFIED',
    });
  });

  it.each(['MOPS_DOI', 'LWU', 'MOLSW', 'OSPP', 'IOM', 'NGO_DEMO'])('a supervisor of %s may not decide', (code) => {
    expect(
      can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'IDENTIFY', {
        ...atdSupervisor,
        actorCapabilities: capabilitiesOf(code),
      }),
    ).toEqual({
      ok: false,
      reason: 'NOT_FORMAL_IDENTIFICATION_AGENCY',
    });
    expect(
      allowedActions(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', {
        ...atdSupervisor,
        actorCapabilities: capabilitiesOf(code),
      }),
    ).toEqual([]);
  });

  it('an ATD caseworker may not decide', () => {
    expect(
      can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'IDENTIFY', { ...atdSupervisor, roles: ['CASEWORKER'] }),
    ).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it('needs a decision date and reasons', () => {
    expect(
      can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'IDENTIFY', { ...atdSupervisor, decisionDate: null }),
    ).toEqual({
      ok: false,
      reason: 'DECISION_DATE_REQUIRED',
    });
    expect(can(IDENTIFICATION_MACHINE, 'POSSIBLE_VICTIM', 'IDENTIFY', { ...atdSupervisor, reason: '' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('referral', () => {
  const receiver: ReferralContext = {
    roles: ['CASEWORKER'],
    actorInReceivingAgency: true,
    actorInSendingAgency: false,
  };
  const sender: ReferralContext = { roles: ['CASEWORKER'], actorInReceivingAgency: false, actorInSendingAgency: true };
  const validInput = {
    assigneeId: 'u-1',
    declineReason: 'NO_CAPACITY',
    outcome: 'SERVICES_DELIVERED',
    reason: 'no longer needed',
  };

  it('has exactly the transitions of the spec', () => {
    expectTable(
      REFERRAL_MACHINE,
      {
        PENDING: { ACCEPT: 'ACCEPTED', DECLINE: 'DECLINED', CANCEL: 'CANCELLED', ADD_NOTE: 'PENDING' },
        ACCEPTED: { START_SERVICE: 'IN_PROGRESS', CANCEL: 'CANCELLED', REASSIGN: 'ACCEPTED', ADD_NOTE: 'ACCEPTED' },
        IN_PROGRESS: { COMPLETE: 'COMPLETED', CANCEL: 'CANCELLED', REASSIGN: 'IN_PROGRESS', ADD_NOTE: 'IN_PROGRESS' },
      },
      (a) => ({
        ...(a === 'CANCEL' ? sender : a === 'REASSIGN' ? { ...receiver, roles: ['SUPERVISOR'] } : receiver),
        ...validInput,
      }),
    );
  });

  it('both agencies write notes on an open referral, nobody on a closed one; a third agency may not', () => {
    for (const s of ['PENDING', 'ACCEPTED', 'IN_PROGRESS'] as const) {
      expect(can(REFERRAL_MACHINE, s, 'ADD_NOTE', { ...sender, reason: 'x' })).toEqual({ ok: true, to: s });
      expect(can(REFERRAL_MACHINE, s, 'ADD_NOTE', { ...receiver, reason: 'x' })).toEqual({ ok: true, to: s });
    }
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'ADD_NOTE', { ...sender, reason: ' ' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(
      can(REFERRAL_MACHINE, 'ACCEPTED', 'ADD_NOTE', { ...sender, actorInSendingAgency: false, reason: 'x' }),
    ).toEqual({ ok: false, reason: 'NOT_RECEIVING_AGENCY' });
    for (const s of ['DECLINED', 'COMPLETED', 'CANCELLED'] as const) {
      expect(can(REFERRAL_MACHINE, s, 'ADD_NOTE', { ...receiver, reason: 'x' })).toEqual({
        ok: false,
        reason: 'ACTION_NOT_ALLOWED_IN_STATE',
      });
    }
  });

  it("only the receiving agency's supervisor reassigns an accepted referral, to a named worker", () => {
    const supervisor: ReferralContext = { ...receiver, roles: ['SUPERVISOR'] };
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'REASSIGN', { ...supervisor, assigneeId: 'u-2' })).toEqual({
      ok: true,
      to: 'ACCEPTED',
    });
    expect(can(REFERRAL_MACHINE, 'IN_PROGRESS', 'REASSIGN', { ...supervisor, assigneeId: 'u-2' })).toEqual({
      ok: true,
      to: 'IN_PROGRESS',
    });
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'REASSIGN', supervisor)).toEqual({
      ok: false,
      reason: 'ASSIGNEE_REQUIRED',
    });
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'REASSIGN', { ...receiver, assigneeId: 'u-2' })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(
      can(REFERRAL_MACHINE, 'ACCEPTED', 'REASSIGN', { ...sender, roles: ['SUPERVISOR'], assigneeId: 'u-2' }),
    ).toEqual({ ok: false, reason: 'NOT_RECEIVING_AGENCY' });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'REASSIGN', { ...supervisor, assigneeId: 'u-2' })).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('a referral is overdue while a clock has run out: acknowledgement while PENDING, services while ACCEPTED', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const past = new Date('2026-02-28T00:00:00Z');
    const future = new Date('2026-03-02T00:00:00Z');
    expect(referralOverdue('PENDING', past, null, now)).toBe(true);
    expect(referralOverdue('PENDING', future, null, now)).toBe(false);
    expect(referralOverdue('ACCEPTED', past, past, now)).toBe(true);
    expect(referralOverdue('ACCEPTED', past, future, now)).toBe(false);
    expect(referralOverdue('IN_PROGRESS', past, past, now)).toBe(false);
    // once services are recorded (IN_PROGRESS) or the referral is over, no clock runs
    for (const status of ['IN_PROGRESS', 'COMPLETED', 'DECLINED', 'CANCELLED'])
      expect(referralDeadline(status, past, past)).toBeNull();
    expect(referralDeadline('PENDING', past, null)).toEqual({ clock: 'ACKNOWLEDGE', dueAt: past });
    expect(referralDeadline('ACCEPTED', past, future)).toEqual({ clock: 'SERVICES', dueAt: future });
    // the portal's ISO strings and milliseconds: the same rule
    expect(referralOverdue('ACCEPTED', past.toISOString(), past.toISOString(), now.getTime())).toBe(true);
    expect(referralOverdue('ACCEPTED', past.toISOString(), future.toISOString(), now.getTime())).toBe(false);
    expect(referralOverdue('PENDING', 'nonsense', null, now.getTime())).toBe(false);
    expect(servicesDeadline(now, 'EMERGENCY')).toEqual(new Date('2026-03-04T00:00:00Z'));
    expect(servicesDeadline(now, 'HIGH', { EMERGENCY: 1, HIGH: 2, ROUTINE: 3 })).toEqual(
      new Date('2026-03-01T02:00:00Z'),
    );
  });

  it('the receiving agency accepts, assigning a worker', () => {
    expect(can(REFERRAL_MACHINE, 'PENDING', 'ACCEPT', receiver)).toEqual({ ok: false, reason: 'ASSIGNEE_REQUIRED' });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'ACCEPT', { ...receiver, assigneeId: 'u-7' })).toEqual({
      ok: true,
      to: 'ACCEPTED',
    });
    expect(allowedActions(REFERRAL_MACHINE, 'PENDING', receiver)).toEqual(['ACCEPT', 'DECLINE', 'ADD_NOTE']);
  });

  it('the sender may not accept or decline its own referral', () => {
    expect(can(REFERRAL_MACHINE, 'PENDING', 'ACCEPT', { ...sender, assigneeId: 'u-7' })).toEqual({
      ok: false,
      reason: 'NOT_RECEIVING_AGENCY',
    });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', { ...sender, declineReason: 'NO_CAPACITY' })).toEqual({
      ok: false,
      reason: 'NOT_RECEIVING_AGENCY',
    });
    expect(allowedActions(REFERRAL_MACHINE, 'PENDING', sender)).toEqual(['CANCEL', 'ADD_NOTE']);
  });

  it.each(DECLINE_REASONS.filter((r) => r !== 'OTHER'))('declines with reason %s', (declineReason) => {
    expect(can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', { ...receiver, declineReason })).toEqual({
      ok: true,
      to: 'DECLINED',
    });
  });

  it('declining needs a coded reason; OTHER needs text', () => {
    expect(can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', receiver)).toEqual({
      ok: false,
      reason: 'DECLINE_REASON_REQUIRED',
    });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', { ...receiver, declineReason: 'CLOSED_FRIDAYS' })).toEqual({
      ok: false,
      reason: 'DECLINE_REASON_REQUIRED',
    });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', { ...receiver, declineReason: 'OTHER' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(
      can(REFERRAL_MACHINE, 'PENDING', 'DECLINE', { ...receiver, declineReason: 'OTHER', reason: 'flooded' }),
    ).toEqual({ ok: true, to: 'DECLINED' });
  });

  it('the first service recorded starts the referral', () => {
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'START_SERVICE', receiver)).toEqual({ ok: true, to: 'IN_PROGRESS' });
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'START_SERVICE', sender)).toEqual({
      ok: false,
      reason: 'NOT_RECEIVING_AGENCY',
    });
    expect(can(REFERRAL_MACHINE, 'PENDING', 'START_SERVICE', receiver)).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it.each(REFERRAL_OUTCOMES.filter((r) => r !== 'OTHER'))('completes with outcome %s', (outcome) => {
    expect(can(REFERRAL_MACHINE, 'IN_PROGRESS', 'COMPLETE', { ...receiver, outcome })).toEqual({
      ok: true,
      to: 'COMPLETED',
    });
  });

  it('completing needs a coded outcome; OTHER needs text', () => {
    expect(can(REFERRAL_MACHINE, 'IN_PROGRESS', 'COMPLETE', receiver)).toEqual({
      ok: false,
      reason: 'OUTCOME_REQUIRED',
    });
    expect(can(REFERRAL_MACHINE, 'IN_PROGRESS', 'COMPLETE', { ...receiver, outcome: 'OTHER' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(can(REFERRAL_MACHINE, 'ACCEPTED', 'COMPLETE', { ...receiver, outcome: 'SERVICES_DELIVERED' })).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it.each(['PENDING', 'ACCEPTED', 'IN_PROGRESS'] as const)('the sender cancels from %s with a reason', (state) => {
    expect(can(REFERRAL_MACHINE, state, 'CANCEL', sender)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(REFERRAL_MACHINE, state, 'CANCEL', { ...sender, reason: 'victim moved' })).toEqual({
      ok: true,
      to: 'CANCELLED',
    });
    expect(can(REFERRAL_MACHINE, state, 'CANCEL', { ...receiver, reason: 'victim moved' })).toEqual({
      ok: false,
      reason: 'NOT_SENDER',
    });
  });

  it.each(['DECLINED', 'COMPLETED', 'CANCELLED'] as const)('%s is final', (state) => {
    expect(allowedActions(REFERRAL_MACHINE, state, { ...receiver, actorInSendingAgency: true })).toEqual([]);
  });

  it('prosecutors and analysts cannot respond', () => {
    expect(
      can(REFERRAL_MACHINE, 'PENDING', 'ACCEPT', { ...receiver, roles: ['PROSECUTOR', 'ANALYST'], assigneeId: 'u' }),
    ).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it('SLA: 24 h, 72 h, 7 days', () => {
    expect(URGENCY_SLA_HOURS).toEqual({ EMERGENCY: 24, HIGH: 72, ROUTINE: 168 });
    const sent = new Date('2026-01-10T08:00:00Z');
    expect(acknowledgeDeadline(sent, 'EMERGENCY').toISOString()).toBe('2026-01-11T08:00:00.000Z');
    expect(acknowledgeDeadline(sent, 'HIGH').toISOString()).toBe('2026-01-13T08:00:00.000Z');
    expect(acknowledgeDeadline(sent, 'ROUTINE').toISOString()).toBe('2026-01-17T08:00:00.000Z');
    expect(acknowledgeDeadline(sent, 'HIGH', { EMERGENCY: 12, HIGH: 48, ROUTINE: 120 }).toISOString()).toBe(
      '2026-01-12T08:00:00.000Z',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('prosecution handoff', () => {
  const prosecutor: HandoffContext = {
    roles: ['PROSECUTOR'],
    actorInReceivingAgency: true,
    actorInSendingAgency: false,
  };
  const investigator: HandoffContext = {
    roles: ['INVESTIGATOR'],
    actorInReceivingAgency: false,
    actorInSendingAgency: true,
  };
  const validInput = {
    reason: 'statement incomplete',
    charges: ['Penal Code art. 215'],
    court: 'Vientiane Capital People’s Court',
    verdict: 'CONVICTED',
  };

  it('has exactly the transitions of the spec', () => {
    expectTable(
      HANDOFF_MACHINE,
      {
        SUBMITTED: { RECEIVE: 'RECEIVED', WITHDRAW: 'WITHDRAWN' },
        RECEIVED: { ACCEPT: 'ACCEPTED', RETURN: 'RETURNED', WITHDRAW: 'WITHDRAWN' },
        RETURNED: { RESUBMIT: 'SUBMITTED', WITHDRAW: 'WITHDRAWN' },
        ACCEPTED: { CHARGE: 'CHARGED' },
        CHARGED: { START_TRIAL: 'AT_TRIAL' },
        AT_TRIAL: { RECORD_VERDICT: 'DECIDED' },
        DECIDED: { CLOSE: 'CLOSED' },
      },
      (a) => ({ ...(a === 'RESUBMIT' || a === 'WITHDRAW' ? investigator : prosecutor), ...validInput }),
    );
  });

  it('walks the happy path', () => {
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'RECEIVE', prosecutor)).toEqual({ ok: true, to: 'RECEIVED' });
    expect(can(HANDOFF_MACHINE, 'RECEIVED', 'ACCEPT', prosecutor)).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(can(HANDOFF_MACHINE, 'ACCEPTED', 'CHARGE', { ...prosecutor, charges: ['art. 215'] })).toEqual({
      ok: true,
      to: 'CHARGED',
    });
    expect(can(HANDOFF_MACHINE, 'CHARGED', 'START_TRIAL', { ...prosecutor, court: 'People’s Court' })).toEqual({
      ok: true,
      to: 'AT_TRIAL',
    });
    for (const verdict of VERDICTS)
      expect(can(HANDOFF_MACHINE, 'AT_TRIAL', 'RECORD_VERDICT', { ...prosecutor, verdict })).toEqual({
        ok: true,
        to: 'DECIDED',
      });
    expect(can(HANDOFF_MACHINE, 'DECIDED', 'CLOSE', prosecutor)).toEqual({ ok: true, to: 'CLOSED' });
  });

  it('requires the input of each prosecution step', () => {
    expect(can(HANDOFF_MACHINE, 'ACCEPTED', 'CHARGE', prosecutor)).toEqual({ ok: false, reason: 'CHARGES_REQUIRED' });
    expect(can(HANDOFF_MACHINE, 'ACCEPTED', 'CHARGE', { ...prosecutor, charges: [' '] })).toEqual({
      ok: false,
      reason: 'CHARGES_REQUIRED',
    });
    expect(can(HANDOFF_MACHINE, 'CHARGED', 'START_TRIAL', prosecutor)).toEqual({ ok: false, reason: 'COURT_REQUIRED' });
    expect(can(HANDOFF_MACHINE, 'AT_TRIAL', 'RECORD_VERDICT', prosecutor)).toEqual({
      ok: false,
      reason: 'VERDICT_REQUIRED',
    });
    expect(can(HANDOFF_MACHINE, 'AT_TRIAL', 'RECORD_VERDICT', { ...prosecutor, verdict: 'GUILTY' })).toEqual({
      ok: false,
      reason: 'VERDICT_REQUIRED',
    });
  });

  it('a return needs a reason and goes back to the investigator, who may resubmit', () => {
    expect(can(HANDOFF_MACHINE, 'RECEIVED', 'RETURN', prosecutor)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(HANDOFF_MACHINE, 'RECEIVED', 'RETURN', { ...prosecutor, reason: 'need medical report' })).toEqual({
      ok: true,
      to: 'RETURNED',
    });
    expect(allowedActions(HANDOFF_MACHINE, 'RETURNED', prosecutor)).toEqual([]);
    expect(allowedActions(HANDOFF_MACHINE, 'RETURNED', investigator)).toEqual(['RESUBMIT', 'WITHDRAW']);
    expect(can(HANDOFF_MACHINE, 'RETURNED', 'RESUBMIT', investigator)).toEqual({ ok: true, to: 'SUBMITTED' });
  });

  it('cannot return before receiving', () => {
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'RETURN', { ...prosecutor, reason: 'x' })).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('the investigator withdraws before acceptance only, with a reason', () => {
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'WITHDRAW', investigator)).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'WITHDRAW', { ...investigator, reason: 'victim unwilling' })).toEqual({
      ok: true,
      to: 'WITHDRAWN',
    });
    expect(can(HANDOFF_MACHINE, 'RECEIVED', 'WITHDRAW', { ...investigator, reason: 'x' })).toEqual({
      ok: true,
      to: 'WITHDRAWN',
    });
    expect(can(HANDOFF_MACHINE, 'ACCEPTED', 'WITHDRAW', { ...investigator, reason: 'x' })).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('only OSPP prosecutors prosecute; only the sending investigators resubmit or withdraw', () => {
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'RECEIVE', investigator)).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'RECEIVE', { ...prosecutor, actorInReceivingAgency: false })).toEqual({
      ok: false,
      reason: 'NOT_RECEIVING_AGENCY',
    });
    expect(can(HANDOFF_MACHINE, 'SUBMITTED', 'WITHDRAW', { ...prosecutor, reason: 'x' })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(
      can(HANDOFF_MACHINE, 'SUBMITTED', 'WITHDRAW', { ...investigator, actorInSendingAgency: false, reason: 'x' }),
    ).toEqual({
      ok: false,
      reason: 'NOT_SENDER',
    });
    expect(
      can(HANDOFF_MACHINE, 'SUBMITTED', 'WITHDRAW', {
        ...investigator,
        roles: ['CASEWORKER', 'SUPERVISOR'],
        reason: 'x',
      }),
    ).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it.each(['CLOSED', 'WITHDRAWN'] as const)('%s is final', (state) => {
    expect(actionsFrom(HANDOFF_MACHINE, state)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('consent', () => {
  const caseworker: ConsentContext = { roles: ['CASEWORKER'], actorInLeadAgency: true };
  const now = new Date('2026-06-01T00:00:00Z');

  it('has exactly the transitions of the spec', () => {
    expectTable(CONSENT_MACHINE, { ACTIVE: { WITHDRAW: 'WITHDRAWN' } }, () => ({
      ...caseworker,
      reason: 'asked by the victim',
    }));
  });

  it('withdraws with a reason, by a worker of the lead agency', () => {
    expect(can(CONSENT_MACHINE, 'ACTIVE', 'WITHDRAW', caseworker)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(CONSENT_MACHINE, 'ACTIVE', 'WITHDRAW', { ...caseworker, reason: 'changed mind' })).toEqual({
      ok: true,
      to: 'WITHDRAWN',
    });
    expect(
      can(CONSENT_MACHINE, 'ACTIVE', 'WITHDRAW', { ...caseworker, actorInLeadAgency: false, reason: 'x' }),
    ).toEqual({
      ok: false,
      reason: 'NOT_LEAD_AGENCY',
    });
    expect(
      can(CONSENT_MACHINE, 'ACTIVE', 'WITHDRAW', { roles: ['PROSECUTOR'], actorInLeadAgency: true, reason: 'x' }),
    ).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it('an expired consent counts as withdrawn', () => {
    const expired = { status: 'ACTIVE' as const, expiresAt: '2026-05-31T23:59:59Z' };
    expect(isConsentExpired(expired, now)).toBe(true);
    expect(consentEffectiveStatus(expired, now)).toBe('WITHDRAWN');
    expect(isConsentActive(expired, now)).toBe(false);
    expect(
      can(CONSENT_MACHINE, consentEffectiveStatus(expired, now), 'WITHDRAW', { ...caseworker, reason: 'x' }),
    ).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('a consent counts as expired from its expiry instant on', () => {
    expect(consentEffectiveStatus({ status: 'ACTIVE', expiresAt: now }, now)).toBe('WITHDRAWN');
    expect(consentEffectiveStatus({ status: 'ACTIVE', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('ACTIVE');
  });

  it('an active consent without expiry stays active; a withdrawn one stays withdrawn', () => {
    expect(consentEffectiveStatus({ status: 'ACTIVE', expiresAt: null }, now)).toBe('ACTIVE');
    expect(consentEffectiveStatus({ status: 'ACTIVE' }, now)).toBe('ACTIVE');
    expect(consentEffectiveStatus({ status: 'WITHDRAWN' }, now)).toBe('WITHDRAWN');
    expect(consentEffectiveStatus({ status: 'ACTIVE', withdrawnAt: '2026-01-01' }, now)).toBe('WITHDRAWN');
  });

  it('covers every role: only casework roles withdraw', () => {
    const allowed = ROLES.filter(
      (r) => can(CONSENT_MACHINE, 'ACTIVE', 'WITHDRAW', { roles: [r], actorInLeadAgency: true, reason: 'x' }).ok,
    );
    expect(allowed).toEqual(['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('match request', () => {
  const askedSupervisor = { roles: ['SUPERVISOR'] as const, actorInAskedAgency: true, personId: 'p-1' };

  it('is answered once, by a supervisor of the agency that was asked: link (naming the person) or no match', () => {
    expect(can(MATCH_REQUEST_MACHINE, 'OPEN', 'LINK', askedSupervisor)).toEqual({ ok: true, to: 'LINKED' });
    expect(can(MATCH_REQUEST_MACHINE, 'OPEN', 'NO_MATCH', askedSupervisor)).toEqual({ ok: true, to: 'NO_MATCH' });
    expect(can(MATCH_REQUEST_MACHINE, 'OPEN', 'LINK', { ...askedSupervisor, personId: null })).toEqual({
      ok: false,
      reason: 'PERSON_REQUIRED',
    });
    expect(can(MATCH_REQUEST_MACHINE, 'OPEN', 'LINK', { ...askedSupervisor, actorInAskedAgency: false })).toEqual({
      ok: false,
      reason: 'NOT_ASKED_AGENCY',
    });
    expect(can(MATCH_REQUEST_MACHINE, 'OPEN', 'LINK', { ...askedSupervisor, roles: ['CASEWORKER'] })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(allowedActions(MATCH_REQUEST_MACHINE, 'LINKED', askedSupervisor)).toEqual([]);
    expect(allowedActions(MATCH_REQUEST_MACHINE, 'OPEN', { ...askedSupervisor, actorInAskedAgency: false })).toEqual(
      [],
    );
  });
});

describe('case transfer', () => {
  const receiver = { roles: ['SUPERVISOR'] as const, actorOnReceivingSide: true, actorOnSendingSide: false };
  const sender = { roles: ['SUPERVISOR'] as const, actorOnReceivingSide: false, actorOnSendingSide: true };

  it('the receiving side accepts with a worker or declines with a coded reason', () => {
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'ACCEPT', { ...receiver, assigneeId: 'u1' })).toEqual({
      ok: true,
      to: 'ACCEPTED',
    });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'ACCEPT', receiver)).toEqual({ ok: false, reason: 'ASSIGNEE_REQUIRED' });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'DECLINE', { ...receiver, declineReason: 'NO_CAPACITY' })).toEqual({
      ok: true,
      to: 'DECLINED',
    });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'DECLINE', { ...receiver, declineReason: 'OTHER' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'DECLINE', receiver)).toEqual({
      ok: false,
      reason: 'DECLINE_REASON_REQUIRED',
    });
    expect(allowedActions(TRANSFER_MACHINE, 'REQUESTED', receiver)).toEqual(['ACCEPT', 'DECLINE']);
  });

  it('only the sending side cancels, with a reason; only supervisors act; answered transfers are final', () => {
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'CANCEL', { ...sender, reason: 'victim stays' })).toEqual({
      ok: true,
      to: 'CANCELLED',
    });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'CANCEL', { ...receiver, reason: 'x' })).toEqual({
      ok: false,
      reason: 'NOT_SENDER',
    });
    expect(can(TRANSFER_MACHINE, 'REQUESTED', 'ACCEPT', { ...sender, assigneeId: 'u1' })).toEqual({
      ok: false,
      reason: 'NOT_RECEIVING_AGENCY',
    });
    expect(
      can(TRANSFER_MACHINE, 'REQUESTED', 'ACCEPT', { ...receiver, roles: ['CASEWORKER'], assigneeId: 'u1' }),
    ).toEqual({ ok: false, reason: 'ROLE_NOT_ALLOWED' });
    for (const s of ['ACCEPTED', 'DECLINED', 'CANCELLED'] as const)
      expect(actionsFrom(TRANSFER_MACHINE, s)).toEqual([]);
  });
});

describe('identification request', () => {
  const atd = seedAgencyByCode('MOPS_ATD')?.capabilities ?? [];
  const lwu = seedAgencyByCode('LWU')?.capabilities ?? [];
  const asked = (roles: Role[], over: Partial<IdentificationRequestContext> = {}): IdentificationRequestContext => ({
    roles,
    actorCapabilities: atd,
    actorInAskedAgency: true,
    actorIsCaseEditor: false,
    decisionDate: '2026-11-01',
    reason: 'interviewed',
    ...over,
  });

  it('has exactly the transitions of the spec', () => {
    expectTable(IDENTIFICATION_REQUEST_MACHINE, { REQUESTED: { DECIDE: 'DECIDED', CANCEL: 'CANCELLED' } }, (a) =>
      a === 'DECIDE'
        ? asked(['INVESTIGATOR'])
        : asked(['CASEWORKER'], { actorInAskedAgency: false, actorIsCaseEditor: true, actorCapabilities: lwu }),
    );
  });

  it('only a supervisor or investigator of the asked agency with FORMAL_IDENTIFICATION decides, with a date and reasons', () => {
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['SUPERVISOR']))).toEqual({
      ok: true,
      to: 'DECIDED',
    });
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['CASEWORKER']))).toMatchObject({
      ok: false,
    });
    expect(
      can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['SUPERVISOR'], { actorInAskedAgency: false })),
    ).toEqual({ ok: false, reason: 'NOT_IDENTIFICATION_AGENCY' });
    expect(
      can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['SUPERVISOR'], { actorCapabilities: lwu })),
    ).toMatchObject({ ok: false });
    expect(
      can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['SUPERVISOR'], { decisionDate: '' })),
    ).toEqual({ ok: false, reason: 'DECISION_DATE_REQUIRED' });
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'DECIDE', asked(['SUPERVISOR'], { reason: ' ' }))).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
  });

  it('only the case editor cancels, with a reason', () => {
    const lead = asked(['CASEWORKER'], { actorInAskedAgency: false, actorIsCaseEditor: true, actorCapabilities: lwu });
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'CANCEL', lead)).toEqual({ ok: true, to: 'CANCELLED' });
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'CANCEL', { ...lead, actorIsCaseEditor: false })).toEqual({
      ok: false,
      reason: 'NOT_CASE_EDITOR',
    });
    expect(can(IDENTIFICATION_REQUEST_MACHINE, 'REQUESTED', 'CANCEL', { ...lead, reason: '' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
  });
});

describe('closure request', () => {
  const sup = (over: Partial<ClosureRequestContext> = {}): ClosureRequestContext => ({
    roles: ['SUPERVISOR'],
    actorInLeadAgency: true,
    reason: 'visit once more',
    ...over,
  });

  it('has exactly the transitions of the spec', () => {
    expectTable(CLOSURE_REQUEST_MACHINE, { REQUESTED: { APPROVE: 'APPROVED', RETURN: 'RETURNED' } }, () => sup());
  });

  it('a supervisor of the lead agency decides; a return needs a comment; a caseworker never decides', () => {
    expect(can(CLOSURE_REQUEST_MACHINE, 'REQUESTED', 'APPROVE', sup({ actorInLeadAgency: false }))).toEqual({
      ok: false,
      reason: 'NOT_LEAD_AGENCY',
    });
    expect(can(CLOSURE_REQUEST_MACHINE, 'REQUESTED', 'RETURN', sup({ reason: '' }))).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(can(CLOSURE_REQUEST_MACHINE, 'REQUESTED', 'APPROVE', sup({ roles: ['CASEWORKER'] }))).toMatchObject({
      ok: false,
    });
  });

  it('a request needs a coded reason, OTHER with a note', () => {
    expect(closureRequestRefusal('REINTEGRATED', null)).toBeNull();
    expect(closureRequestRefusal('SOMETHING', null)).toBe('CLOSURE_REASON_REQUIRED');
    expect(closureRequestRefusal('OTHER', ' ')).toBe('REASON_REQUIRED');
  });
});
