import { actionsFrom, allowedActions, can, defineMachine, machineProblems, type MachineContext } from './state-machine';

type Door = 'OPEN' | 'CLOSED' | 'LOCKED' | 'GONE';
type DoorAction = 'CLOSE' | 'OPEN' | 'LOCK' | 'UNLOCK' | 'REMOVE';
interface DoorCtx extends MachineContext {
  hasKey: boolean;
  reason?: string;
}

const door = defineMachine<Door, DoorAction, DoorCtx>({
  name: 'door',
  states: ['OPEN', 'CLOSED', 'LOCKED', 'GONE'],
  initial: 'CLOSED',
  terminal: ['GONE'],
  actions: ['CLOSE', 'OPEN', 'LOCK', 'UNLOCK', 'REMOVE'],
  transitions: [
    { action: 'CLOSE', from: ['OPEN'], to: 'CLOSED', roles: ['CASEWORKER', 'SUPERVISOR'] },
    { action: 'OPEN', from: ['CLOSED'], to: 'OPEN', roles: ['CASEWORKER', 'SUPERVISOR'] },
    {
      action: 'LOCK',
      from: ['CLOSED'],
      to: 'LOCKED',
      roles: ['SUPERVISOR'],
      guard: (ctx) => (ctx.hasKey ? null : 'NO_KEY'),
    },
    {
      action: 'UNLOCK',
      from: ['LOCKED'],
      to: 'CLOSED',
      roles: ['SUPERVISOR'],
      guard: (ctx) => (ctx.hasKey ? null : 'NO_KEY'),
    },
    {
      action: 'REMOVE',
      from: ['OPEN', 'CLOSED'],
      to: 'GONE',
      roles: ['SUPERVISOR'],
      validate: (ctx) => (ctx.reason ? null : 'REASON_REQUIRED'),
    },
  ],
});

const worker: DoorCtx = { roles: ['CASEWORKER'], hasKey: true };
const boss: DoorCtx = { roles: ['SUPERVISOR'], hasKey: true };

describe('state machine', () => {
  it('takes a legal transition', () => {
    expect(can(door, 'OPEN', 'CLOSE', worker)).toEqual({ ok: true, to: 'CLOSED' });
  });

  it('refuses an action that does not leave the state', () => {
    expect(can(door, 'OPEN', 'LOCK', boss)).toEqual({ ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' });
    expect(can(door, 'GONE', 'OPEN', boss)).toEqual({ ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' });
  });

  it('refuses unknown states and actions (values from outside the type system)', () => {
    expect(can(door, 'AJAR' as Door, 'CLOSE', boss)).toEqual({ ok: false, reason: 'UNKNOWN_STATE' });
    expect(can(door, 'OPEN', 'SLAM' as DoorAction, boss)).toEqual({ ok: false, reason: 'UNKNOWN_ACTION' });
  });

  it('refuses a role that may not take the transition', () => {
    expect(can(door, 'CLOSED', 'LOCK', worker)).toEqual({ ok: false, reason: 'ROLE_NOT_ALLOWED' });
    expect(can(door, 'CLOSED', 'LOCK', { roles: [], hasKey: true })).toEqual({ ok: false, reason: 'ROLE_NOT_ALLOWED' });
  });

  it('accepts any one matching role among several', () => {
    expect(can(door, 'CLOSED', 'LOCK', { roles: ['ANALYST', 'SUPERVISOR'], hasKey: true })).toEqual({
      ok: true,
      to: 'LOCKED',
    });
  });

  it("returns the guard's reason", () => {
    expect(can(door, 'CLOSED', 'LOCK', { ...boss, hasKey: false })).toEqual({ ok: false, reason: 'NO_KEY' });
  });

  it('validates input in can() but not in allowedActions()', () => {
    expect(can(door, 'OPEN', 'REMOVE', boss)).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(can(door, 'OPEN', 'REMOVE', { ...boss, reason: 'rotten' })).toEqual({ ok: true, to: 'GONE' });
    expect(allowedActions(door, 'OPEN', boss)).toEqual(['CLOSE', 'REMOVE']);
  });

  it('lists allowed actions by role and guard', () => {
    expect(allowedActions(door, 'CLOSED', worker)).toEqual(['OPEN']);
    expect(allowedActions(door, 'CLOSED', boss)).toEqual(['OPEN', 'LOCK', 'REMOVE']);
    expect(allowedActions(door, 'CLOSED', { ...boss, hasKey: false })).toEqual(['OPEN', 'REMOVE']);
    expect(allowedActions(door, 'GONE', boss)).toEqual([]);
  });

  it('lists the actions leaving a state regardless of the actor', () => {
    expect(actionsFrom(door, 'CLOSED')).toEqual(['OPEN', 'LOCK', 'REMOVE']);
    expect(actionsFrom(door, 'GONE')).toEqual([]);
  });

  it('finds no problem in a sound machine', () => {
    expect(machineProblems(door)).toEqual([]);
  });

  it('reports structural problems', () => {
    const broken = defineMachine<Door, DoorAction, DoorCtx>({
      name: 'broken',
      states: ['OPEN', 'CLOSED', 'LOCKED', 'GONE'],
      initial: 'CLOSED',
      terminal: ['GONE'],
      actions: ['CLOSE', 'OPEN', 'LOCK'],
      transitions: [
        { action: 'CLOSE', from: ['OPEN'], to: 'CLOSED', roles: ['SUPERVISOR'] },
        { action: 'CLOSE', from: ['OPEN'], to: 'CLOSED', roles: ['SUPERVISOR'] },
        { action: 'OPEN', from: ['CLOSED', 'GONE'], to: 'OPEN', roles: [] },
        { action: 'REMOVE', from: ['OPEN'], to: 'GONE', roles: ['SUPERVISOR'] },
      ],
    });
    const problems = machineProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'CLOSE: defined twice from OPEN',
        'OPEN: no role may take it',
        'OPEN: leaves terminal state GONE',
        'action REMOVE is not declared',
        'action LOCK has no transition',
        'state LOCKED is unreachable',
        'state LOCKED has no way out but is not terminal',
      ]),
    );
  });
});
