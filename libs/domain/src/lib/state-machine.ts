/**
 * A small, framework-free finite-state machine described as data.
 *
 * A machine lists its states and its transitions. Each transition names the action that takes it,
 * the states it leaves from, the state it goes to, the roles that may take it, and two optional checks:
 *
 * - `guard`: a precondition about the record and the actor (is the actor in the right agency, is the
 *   interview consent complete …). Evaluated by both `can` and `allowedActions`.
 * - `validate`: a check of the input the action carries (a reason, a coded outcome …). Evaluated by
 *   `can` only, so that `allowedActions` can tell the portal which buttons to show before the user has
 *   typed the reason.
 *
 * Both return a refusal reason (a code such as `REASON_REQUIRED`) or `null` when satisfied. The API
 * answers a refused transition with 409 and that reason.
 */
import type { Role } from './enums';
import type { Permission } from './permissions';

/** What every machine's context carries: the roles of the actor attempting the action. */
export interface MachineContext {
  readonly roles: readonly Role[];
}

/** A check returning a refusal reason, or null when it passes. */
export type MachineCheck<S extends string, C extends MachineContext> = (ctx: C, from: S) => string | null;

export interface Transition<S extends string, A extends string, C extends MachineContext> {
  readonly action: A;
  readonly from: readonly S[];
  readonly to: S;
  /** roles that may take the transition; the actor needs at least one of them */
  readonly roles: readonly Role[];
  /** the catalogue permission the API route for this action declares (documentation; checked by tests) */
  readonly permission?: Permission;
  readonly guard?: MachineCheck<S, C>;
  readonly validate?: MachineCheck<S, C>;
}

export interface Machine<S extends string, A extends string, C extends MachineContext> {
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  /** states with no way out */
  readonly terminal: readonly S[];
  readonly actions: readonly A[];
  readonly transitions: readonly Transition<S, A, C>[];
}

export type TransitionDecision<S extends string> = { ok: true; to: S } | { ok: false; reason: string };

/** Refusal reasons produced by the machine itself (guards add their own). */
export const MACHINE_REFUSALS = [
  'UNKNOWN_STATE',
  'UNKNOWN_ACTION',
  'ACTION_NOT_ALLOWED_IN_STATE',
  'ROLE_NOT_ALLOWED',
] as const;
export type MachineRefusal = (typeof MACHINE_REFUSALS)[number];

/** Identity helper that keeps the literal types of a machine definition. */
export function defineMachine<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
): Machine<S, A, C> {
  return machine;
}

function findTransition<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  state: S,
  action: A,
): Transition<S, A, C> | undefined {
  return machine.transitions.find((t) => t.action === action && t.from.includes(state));
}

function check<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  state: S,
  action: A,
  ctx: C,
  withInput: boolean,
): TransitionDecision<S> {
  if (!machine.states.includes(state)) return { ok: false, reason: 'UNKNOWN_STATE' };
  if (!machine.actions.includes(action)) return { ok: false, reason: 'UNKNOWN_ACTION' };
  const t = findTransition(machine, state, action);
  if (!t) return { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' };
  if (!ctx.roles.some((r) => t.roles.includes(r))) return { ok: false, reason: 'ROLE_NOT_ALLOWED' };
  const refused = t.guard?.(ctx, state) ?? null;
  if (refused !== null) return { ok: false, reason: refused };
  if (withInput) {
    const invalid = t.validate?.(ctx, state) ?? null;
    if (invalid !== null) return { ok: false, reason: invalid };
  }
  return { ok: true, to: t.to };
}

/**
 * May the actor described by `ctx` take `action` from `state`? Checks, in order: known state, known
 * action, a transition from this state, the actor's roles, the guard, then the input validation.
 */
export function can<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  state: S,
  action: A,
  ctx: C,
): TransitionDecision<S> {
  return check(machine, state, action, ctx, true);
}

/**
 * The actions the actor may take from `state` (roles and guards pass). Input validation is not
 * applied: these are the actions to offer, the input is checked when the action is taken.
 */
export function allowedActions<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  state: S,
  ctx: C,
): A[] {
  return machine.actions.filter((a) => check(machine, state, a, ctx, false).ok);
}

/** Every action that leaves `state`, regardless of who asks. */
export function actionsFrom<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
  state: S,
): A[] {
  return machine.actions.filter((a) => findTransition(machine, state, a) !== undefined);
}

/** Structural problems of a machine definition (empty when sound). Used by the tests of every machine. */
export function machineProblems<S extends string, A extends string, C extends MachineContext>(
  machine: Machine<S, A, C>,
): string[] {
  const problems: string[] = [];
  const states = new Set<string>(machine.states);
  if (!states.has(machine.initial)) problems.push(`initial state ${machine.initial} is not a state`);
  for (const s of machine.terminal) if (!states.has(s)) problems.push(`terminal state ${s} is not a state`);
  const seen = new Set<string>();
  for (const t of machine.transitions) {
    if (!machine.actions.includes(t.action)) problems.push(`action ${t.action} is not declared`);
    if (!states.has(t.to)) problems.push(`${t.action}: target ${t.to} is not a state`);
    if (t.from.length === 0) problems.push(`${t.action}: no source state`);
    if (t.roles.length === 0) problems.push(`${t.action}: no role may take it`);
    for (const f of t.from) {
      if (!states.has(f)) problems.push(`${t.action}: source ${f} is not a state`);
      if (machine.terminal.includes(f)) problems.push(`${t.action}: leaves terminal state ${f}`);
      const key = `${f}|${t.action}`;
      if (seen.has(key)) problems.push(`${t.action}: defined twice from ${f}`);
      seen.add(key);
    }
  }
  for (const a of machine.actions)
    if (!machine.transitions.some((t) => t.action === a)) problems.push(`action ${a} has no transition`);
  for (const s of machine.states) {
    const leaves = machine.transitions.some((t) => t.from.includes(s));
    if (!leaves && !machine.terminal.includes(s)) problems.push(`state ${s} has no way out but is not terminal`);
  }
  for (const s of machine.states) {
    if (s === machine.initial) continue;
    if (!machine.transitions.some((t) => t.to === s)) problems.push(`state ${s} is unreachable`);
  }
  return problems;
}
