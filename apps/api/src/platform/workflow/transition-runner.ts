import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, TransitionDecision, TimelineEventKind } from '@ctms/domain';
import { AuditService } from '../audit/audit.service';
import { Conflict, NotFound, staleVersion } from '../http/errors';
import { actorOf, type Actor, type RequestContext } from '../http/request-context';
import { OutboxService, type OutboxPayload } from '../outbox/outbox.service';
import { addCaseEvent } from './timeline';

/** The kinds of record whose writes go through the runner (the audit row's object type). */
export type WorkflowObject =
  | 'case'
  | 'referral'
  | 'handoff'
  | 'screening'
  | 'consent'
  | 'attachment'
  | 'transfer'
  | 'identification_request'
  | 'closure_request'
  | 'case_plan'
  | 'plan_goal'
  | 'plan_task'
  | 'follow_up_visit'
  | 'reintegration_assessment'
  | 'family_tracing_request'
  | 'case_return';

/**
 * What a kind of record (case, referral, handoff, screening) tells the runner once: how its
 * repository locks and loads it for the caller, its version, the case whose timeline takes its
 * events, and the ids every event, audit row and outbox row of it carries.
 */
export interface Workflow<R, V> {
  objectType: WorkflowObject;
  /** the noun in the 409 answers ("Someone else changed this referral …") */
  noun: string;
  /** Lock (FOR UPDATE) and load the record through its repository, the access predicate in the WHERE; undefined when not visible. */
  lock(m: EntityManager, actor: Actor, id: string): Promise<R | undefined>;
  version(r: R): number;
  /** the case whose timeline takes the event; null: the record has no timeline (a screening) */
  caseOf(r: R): string | null;
  /** ids that go with the event's details (e.g. `{ referralId }`) and with the audit row's (e.g. `{ caseId, referralId }`) */
  keys(r: R): { event: Record<string, unknown>; audit: Record<string, unknown> };
  /** the outbox payload that names the record (ids only) */
  payload(r: R): OutboxPayload;
  /** The answer: the record as the caller now sees it, read in the same transaction. */
  answer(m: EntityManager, actor: Actor, id: string): Promise<V>;
}

/**
 * The Workflow of a record that belongs to a case (a referral, a handoff, a transfer, a request on
 * the case): its events go on the case's timeline, and its events, audit rows and outbox rows name it
 * by `idKey` (the audit rows with the case's id too).
 */
export function caseRecordWorkflow<R extends { id: string; case_id: string; version: number }, V>(
  w: Pick<Workflow<R, V>, 'objectType' | 'noun' | 'lock' | 'answer'> & { idKey: string },
): Workflow<R, V> {
  return {
    objectType: w.objectType,
    noun: w.noun,
    lock: w.lock,
    version: (r) => r.version,
    caseOf: (r) => r.case_id,
    keys: (r) => ({ event: { [w.idKey]: r.id }, audit: { caseId: r.case_id, [w.idKey]: r.id } }),
    payload: (r) => ({ [w.idKey]: r.id }),
    answer: w.answer,
  };
}

/** What a step wrote: the details of its event and audit row (codes and ids, never a protected value). */
export interface Change {
  details: Record<string, unknown>;
  /** the timeline event, when not the step's `event` */
  event?: TimelineEventKind;
  /** an outbox row of this kind, naming the record */
  notify?: string;
}

/** One state change of one record. */
export interface Step<R> {
  id: string;
  /** the ALLOWED audit row's action (the DENIED one is the route's, written by DenialAuditInterceptor) */
  audit: AuditAction;
  /** the timeline event (the record's case); omitted for records without a timeline */
  event?: TimelineEventKind;
  /** checks of the feature that come before the machine (e.g. the editor rule where no machine applies) */
  guard?: (actor: Actor, r: R) => void;
  /** asks the state machine in libs/domain (`can(MACHINE, r.status, action, context)`); omitted when no machine governs the change */
  decide?: (actor: Actor, r: R) => TransitionDecision<string>;
  /** checks that come after the machine's yes and before the version check */
  check?: (actor: Actor, r: R, to: string | null) => void;
  /** the version the caller read; undefined: not checked */
  version?: number;
  /** the change itself, through the repository; null: nothing changed (no event, no audit row) */
  apply(m: EntityManager, actor: Actor, r: R, to: string | null): Promise<Change | null>;
}

/** What the event, the audit row and the outbox row of one write say. */
export interface Written {
  objectType: WorkflowObject;
  objectId: string;
  audit: AuditAction;
  caseId: string | null;
  event?: TimelineEventKind;
  eventDetails: Record<string, unknown>;
  auditDetails: Record<string, unknown>;
  /** the actor's own words for the change (a bulk reassignment's reason): encrypted in the audit row */
  reasonText?: string;
  outbox?: { kind: string; payload: OutboxPayload };
}

/** A write that creates a record of a case: its event carries `details`, its audit row the case's id and the same details. */
export interface Created {
  objectType: WorkflowObject;
  objectId: string;
  caseId: string;
  audit: AuditAction;
  event: TimelineEventKind;
  details: Record<string, unknown>;
  outbox?: { kind: string; payload: OutboxPayload };
}

/**
 * The one write pipeline for every state change of a case, referral, handoff and screening
 * (decision 0018). In one transaction: lock and load the record through its repository with the
 * access predicate (404 when the caller may not see it), the feature's checks, the machine's
 * decision (a refusal is a 409 with the machine's reason), the version (STALE_VERSION), the change,
 * then its timeline event, its ALLOWED audit row and its outbox row. A refusal rolls everything
 * back; its one DENIED audit row is written outside the transaction by DenialAuditInterceptor.
 */
@Injectable()
export class TransitionRunner {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  run<R, V>(ctx: RequestContext, wf: Workflow<R, V>, step: Step<R>): Promise<V> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const r = await wf.lock(m, actor, step.id);
      if (r === undefined) throw new NotFound();
      step.guard?.(actor, r);
      let to: string | null = null;
      if (step.decide) {
        const d = step.decide(actor, r);
        if (!d.ok) throw new Conflict(d.reason, `This change to the ${wf.noun} is not allowed`);
        to = d.to;
      }
      step.check?.(actor, r, to);
      if (step.version !== undefined && wf.version(r) !== step.version) throw staleVersion(wf.noun);
      const change = await step.apply(m, actor, r, to);
      if (change) {
        const keys = wf.keys(r);
        await this.record(m, ctx, {
          objectType: wf.objectType,
          objectId: step.id,
          audit: step.audit,
          caseId: wf.caseOf(r),
          event: change.event ?? step.event,
          eventDetails: { ...keys.event, ...change.details },
          auditDetails: { ...keys.audit, ...change.details },
          outbox: change.notify ? { kind: change.notify, payload: wf.payload(r) } : undefined,
        });
      }
      return wf.answer(m, actor, step.id);
    });
  }

  /**
   * The timeline event, the ALLOWED audit row and the outbox row of one write, in the caller's
   * transaction: `run` uses it, and so do the writes that create a record (no record to lock yet).
   */
  async record(m: EntityManager, ctx: RequestContext, w: Written): Promise<void> {
    if (w.event && w.caseId) await addCaseEvent(m, ctx, w.caseId, w.event, w.eventDetails);
    await this.audit.record(
      ctx,
      {
        action: w.audit,
        outcome: 'ALLOWED',
        objectType: w.objectType,
        objectId: w.objectId,
        details: w.auditDetails,
        reasonText: w.reasonText ?? null,
      },
      m,
    );
    if (w.outbox) await this.outbox.add(m, w.outbox.kind, w.outbox.payload);
  }

  /** `record` for a write that creates a record of a case (a referral, a handoff, a request). */
  recordCreated(m: EntityManager, ctx: RequestContext, c: Created): Promise<void> {
    const { details, ...w } = c;
    return this.record(m, ctx, { ...w, eventDetails: details, auditDetails: { caseId: c.caseId, ...details } });
  }
}
