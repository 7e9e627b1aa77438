import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import type { NotificationKind } from './notification-kinds';
import { Notifier } from './notifier';

function id(job: OutboxJob, key: string): string {
  const v = job.payload[key];
  if (typeof v !== 'string') throw new PermanentJobError(`PAYLOAD_${key.toUpperCase()}_MISSING`);
  return v;
}

interface ReferralFacts {
  case_id: string;
  from_agency_id: string;
  to_agency_id: string;
}

/**
 * The worker's handlers for the events that notify people. Each computes its recipients from the
 * ids in the outbox row, at the time it runs, and hands them to the Notifier (idempotent).
 *   referral.received, referral.cancelled   the receiving agency (referral:respond)
 *   referral.accepted/declined/completed    the sending agency (referral:read)
 *   handoff.received                        the prosecution side (handoff:prosecute)
 *   handoff.returned/decided                the sending side (handoff:create)
 *   screening.returned/approved             the interviewer
 *   consent.withdrawn                       every agency that received data under the consent
 *   match.received                          the asked agency's supervisors (match:answer)
 *   match.answered                          the user who asked
 *   identification.requested                the asked agency (case:identify)
 *   identification.decided                  the lead agency's case editors (case:update) in scope
 *   closure.requested                       the lead agency's supervisors (case:close)
 *   closure.decided                         the caseworker who asked
 * Identification and closure notifications point at the case (ids only in the payload).
 * A match request's notifications point at the request (no case number: nothing of a case crosses).
 */
@Injectable()
export class NotificationHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    for (const k of ['referral.received', 'referral.accepted', 'referral.declined', 'referral.completed', 'referral.cancelled'] as const) {
      this.handlers.register(k, (job) => this.referral(job, k));
    }
    for (const k of ['handoff.received', 'handoff.returned', 'handoff.decided'] as const) {
      this.handlers.register(k, (job) => this.handoff(job, k));
    }
    for (const k of ['screening.returned', 'screening.approved'] as const) {
      this.handlers.register(k, (job) => this.screening(job, k));
    }
    this.handlers.register('consent.withdrawn', (job) => this.consentWithdrawn(job));
    for (const k of ['match.received', 'match.answered'] as const) {
      this.handlers.register(k, (job) => this.matchRequest(job, k));
    }
    for (const k of ['identification.requested', 'identification.decided'] as const) {
      this.handlers.register(k, (job) => this.identificationRequest(job, k));
    }
    for (const k of ['closure.requested', 'closure.decided'] as const) {
      this.handlers.register(k, (job) => this.closureRequest(job, k));
    }
  }

  private async identificationRequest(job: OutboxJob, kind: 'identification.requested' | 'identification.decided'): Promise<void> {
    const r = await this.one<{ case_id: string; from_agency_id: string; to_agency_id: string }>(
      `SELECT case_id, from_agency_id, to_agency_id FROM identification_request WHERE id = $1`,
      [id(job, 'identificationRequestId')],
    );
    const recipients =
      kind === 'identification.requested'
        ? await this.notifier.agencyUsers(r.to_agency_id, 'case:identify', r.case_id)
        : await this.notifier.agencyUsers(r.from_agency_id, 'case:close', r.case_id);
    await this.notifier.deliver({ outboxId: job.outboxId, kind, objectType: 'case', objectId: r.case_id, caseNumber: await this.notifier.caseNumber(r.case_id), recipientUserIds: recipients });
  }

  private async closureRequest(job: OutboxJob, kind: 'closure.requested' | 'closure.decided'): Promise<void> {
    const r = await this.one<{ case_id: string; agency_id: string; requested_by_id: string; asker_active: boolean }>(
      `SELECT cr.case_id, cr.agency_id, cr.requested_by_id, (u.status = 'ACTIVE') AS asker_active FROM closure_request cr JOIN app_user u ON u.id = cr.requested_by_id WHERE cr.id = $1`,
      [id(job, 'closureRequestId')],
    );
    const recipients = kind === 'closure.requested' ? await this.notifier.agencyUsers(r.agency_id, 'case:close', r.case_id) : r.asker_active ? [r.requested_by_id] : [];
    await this.notifier.deliver({ outboxId: job.outboxId, kind, objectType: 'case', objectId: r.case_id, caseNumber: await this.notifier.caseNumber(r.case_id), recipientUserIds: recipients });
  }

  private async one<T>(sql: string, params: unknown[]): Promise<T> {
    const rows: T[] = await this.ds.query(sql, params);
    const row = rows[0];
    if (!row) throw new PermanentJobError('OBJECT_MISSING');
    return row;
  }

  private async referral(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const referralId = id(job, 'referralId');
    const r = await this.one<ReferralFacts>(`SELECT case_id, from_agency_id, to_agency_id FROM referral WHERE id = $1`, [referralId]);
    const toReceiver = kind === 'referral.received' || kind === 'referral.cancelled';
    const recipients = toReceiver
      ? await this.notifier.agencyUsers(r.to_agency_id, 'referral:respond', r.case_id)
      : await this.notifier.agencyUsers(r.from_agency_id, 'referral:read', r.case_id);
    await this.notifier.deliver({ outboxId: job.outboxId, kind, objectType: 'referral', objectId: referralId, caseNumber: await this.notifier.caseNumber(r.case_id), recipientUserIds: recipients });
  }

  private async handoff(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const handoffId = id(job, 'handoffId');
    const h = await this.one<ReferralFacts>(`SELECT case_id, from_agency_id, to_agency_id FROM handoff WHERE id = $1`, [handoffId]);
    const recipients =
      kind === 'handoff.received'
        ? await this.notifier.agencyUsers(h.to_agency_id, 'handoff:prosecute', h.case_id)
        : await this.notifier.agencyUsers(h.from_agency_id, 'handoff:create', h.case_id);
    await this.notifier.deliver({ outboxId: job.outboxId, kind, objectType: 'handoff', objectId: handoffId, caseNumber: await this.notifier.caseNumber(h.case_id), recipientUserIds: recipients });
  }

  private async screening(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const screeningId = id(job, 'screeningId');
    const s = await this.one<{ interviewer_id: string; case_id: string | null; active: boolean }>(
      `SELECT s.interviewer_id, s.case_id, (u.status = 'ACTIVE') AS active FROM screening s JOIN app_user u ON u.id = s.interviewer_id WHERE s.id = $1`,
      [screeningId],
    );
    await this.notifier.deliver({
      outboxId: job.outboxId,
      kind,
      objectType: 'screening',
      objectId: screeningId,
      caseNumber: await this.notifier.caseNumber(s.case_id),
      recipientUserIds: s.active ? [s.interviewer_id] : [],
    });
  }

  private async matchRequest(job: OutboxJob, kind: 'match.received' | 'match.answered'): Promise<void> {
    const matchRequestId = id(job, 'matchRequestId');
    const r = await this.one<{ to_agency_id: string; from_user_id: string; asker_active: boolean }>(
      `SELECT mr.to_agency_id, mr.from_user_id, (u.status = 'ACTIVE') AS asker_active FROM match_request mr JOIN app_user u ON u.id = mr.from_user_id WHERE mr.id = $1`,
      [matchRequestId],
    );
    const recipients =
      kind === 'match.received' ? await this.notifier.agencyUsers(r.to_agency_id, 'match:answer', null) : r.asker_active ? [r.from_user_id] : [];
    await this.notifier.deliver({ outboxId: job.outboxId, kind, objectType: 'match_request', objectId: matchRequestId, caseNumber: null, recipientUserIds: recipients });
  }

  private async consentWithdrawn(job: OutboxJob): Promise<void> {
    const consentId = id(job, 'consentId');
    const k = await this.one<{ case_id: string }>(`SELECT case_id FROM consent WHERE id = $1`, [consentId]);
    const viaReferral: { agency_id: string }[] = await this.ds.query(
      `SELECT DISTINCT to_agency_id AS agency_id FROM referral WHERE case_id = $1 AND $2::uuid = ANY(consent_ids) ORDER BY 1`,
      [k.case_id, consentId],
    );
    const viaHandoff: { agency_id: string }[] = await this.ds.query(
      `SELECT DISTINCT h.to_agency_id AS agency_id FROM handoff h JOIN consent k ON k.id = $2
        WHERE h.case_id = $1 AND h.to_agency_id = ANY(k.agency_ids) AND 'LAW_ENFORCEMENT_SHARING' = ANY(k.purposes) ORDER BY 1`,
      [k.case_id, consentId],
    );
    const recipients: string[] = [];
    for (const a of viaReferral) recipients.push(...(await this.notifier.agencyUsers(a.agency_id, 'referral:read', k.case_id)));
    for (const a of viaHandoff) recipients.push(...(await this.notifier.agencyUsers(a.agency_id, 'handoff:read', k.case_id)));
    await this.notifier.deliver({ outboxId: job.outboxId, kind: 'consent.withdrawn', objectType: 'case', objectId: k.case_id, caseNumber: await this.notifier.caseNumber(k.case_id), recipientUserIds: recipients });
  }
}
