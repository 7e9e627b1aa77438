import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { Conflict, NotFound } from '../http/errors';
import type { RequestContext } from '../http/request-context';
import type { OutboxService } from '../outbox/outbox.service';
import { SNAPSHOT_ACTOR } from '../database/statement-fixtures';
import { TransitionRunner, type Step, type Workflow } from './transition-runner';

interface Row {
  id: string;
  version: number;
  status: string;
}

/** The runner's order and what it writes, against fakes that log every call (the database is the integration tests'). */
describe('TransitionRunner', () => {
  const ctx: RequestContext = { actor: SNAPSHOT_ACTOR, requestId: 'r', sourceIp: null };
  let log: string[];
  let runner: TransitionRunner;
  let row: Row | undefined;

  const m = {
    query: (text: string) => (log.push(`query ${text.trim().split(/\s+/).slice(0, 3).join(' ')}`), Promise.resolve([])),
  } as unknown as EntityManager;
  const wf: Workflow<Row, string> = {
    objectType: 'referral',
    noun: 'referral',
    lock: () => (log.push('lock'), Promise.resolve(row)),
    version: (r) => r.version,
    caseOf: () => 'case-1',
    keys: (r) => ({ event: { referralId: r.id }, audit: { caseId: 'case-1', referralId: r.id } }),
    payload: (r) => ({ referralId: r.id }),
    answer: () => (log.push('answer'), Promise.resolve('view')),
  };
  const step = (over: Partial<Step<Row>> = {}): Step<Row> => ({
    id: 'ref-1',
    audit: 'REFERRAL_ACCEPTED',
    event: 'REFERRAL_ACCEPTED',
    guard: () => log.push('guard'),
    decide: () => (log.push('decide'), { ok: true, to: 'ACCEPTED' }),
    check: () => log.push('check'),
    version: 2,
    apply: async () => (log.push('apply'), { details: { to: 'ACCEPTED' }, notify: 'referral.accepted' }),
    ...over,
  });

  beforeEach(() => {
    log = [];
    row = { id: 'ref-1', version: 2, status: 'PENDING' };
    const ds = { transaction: <T>(fn: (em: EntityManager) => Promise<T>) => fn(m) } as unknown as DataSource;
    const audit = {
      record: (_c: unknown, e: { action: string; outcome: string; details: unknown }) => (
        log.push(`audit ${e.action} ${e.outcome} ${JSON.stringify(e.details)}`),
        Promise.resolve()
      ),
    } as unknown as AuditService;
    const outbox = {
      add: (_m: unknown, kind: string, payload: unknown) => (
        log.push(`outbox ${kind} ${JSON.stringify(payload)}`),
        Promise.resolve('id')
      ),
    } as unknown as OutboxService;
    runner = new TransitionRunner(ds, audit, outbox);
  });

  it('locks, guards, asks the machine, checks, checks the version, applies, then event, audit, outbox and the answer', async () => {
    await expect(runner.run(ctx, wf, step())).resolves.toBe('view');
    expect(log).toEqual([
      'lock',
      'guard',
      'decide',
      'check',
      'apply',
      'query INSERT INTO case_event',
      'audit REFERRAL_ACCEPTED ALLOWED {"caseId":"case-1","referralId":"ref-1","to":"ACCEPTED"}',
      'outbox referral.accepted {"referralId":"ref-1"}',
      'answer',
    ]);
  });

  it('answers 404 for a record the caller may not see, before any rule runs', async () => {
    row = undefined;
    await expect(runner.run(ctx, wf, step())).rejects.toBeInstanceOf(NotFound);
    expect(log).toEqual(['lock']);
  });

  it("answers the machine's refusal as a 409 with its reason, before the version", async () => {
    const e = await runner
      .run(ctx, wf, step({ version: 9, decide: () => ({ ok: false, reason: 'NOT_RECEIVING_AGENCY' }) }))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Conflict);
    expect((e as Conflict).code).toBe('NOT_RECEIVING_AGENCY');
    expect(log).toEqual(['lock', 'guard']);
  });

  it('answers a stale version with STALE_VERSION and writes nothing', async () => {
    const e = await runner.run(ctx, wf, step({ version: 1 })).catch((x: unknown) => x);
    expect((e as Conflict).code).toBe('STALE_VERSION');
    expect(log).toEqual(['lock', 'guard', 'decide', 'check']);
  });

  it('records nothing when the step changed nothing', async () => {
    await runner.run(ctx, wf, step({ apply: async () => (log.push('apply'), null) }));
    expect(log).toEqual(['lock', 'guard', 'decide', 'check', 'apply', 'answer']);
  });
});
