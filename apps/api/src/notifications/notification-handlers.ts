import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import type { NotificationKind } from './notification-kinds';
import { NotificationRepository } from './notification.repository';
import { Notifier } from './notifier';

function id(job: OutboxJob, key: string): string {
  const v = job.payload[key];
  if (typeof v !== 'string') throw new PermanentJobError(`PAYLOAD_${key.toUpperCase()}_MISSING`);
  return v;
}

/**
 * The worker's handlers for the events that notify people. Each computes its recipients from the
 * ids in the outbox row, at the time it runs, and hands them to the Notifier (idempotent).
 *   referral.received, referral.cancelled   the receiving agency (referral:respond)
 *   referral.accepted/declined/completed    the sending side (referral:read): the case's lead agency now (access.ts)
 *   case.assigned                           the new assignee of a bulk reassignment, once for all its cases, while still an
 *                                           active worker of the lead agency; it points at the first case and counts them
 *   referral.reassigned                     the new assignee, while still an active worker of the receiving agency
 *   referral.note_added                     the other side than the author's agency: the receiving agency's assignee of
 *                                           the referral, else its supervisors (case:assign); the sending agency's
 *                                           caseworker assigned to the case, else its supervisors (case:assign)
 *   handoff.received                        the prosecution side (handoff:prosecute)
 *   handoff.returned/decided                the sending side (handoff:create): the lead now, and the identifying agency that sent it (access.ts)
 *   screening.returned/approved             the interviewer
 *   consent.withdrawn                       every agency that received data under the consent
 *   match.received                          the asked agency's supervisors (match:answer)
 *   match.answered                          the user who asked
 *   transfer.requested/cancelled            the receiving side's supervisors (case:transfer) covering the province the case goes to
 *   transfer.accepted/declined              the sending side's supervisors covering the province it came from
 *   identification.requested                the asked agency (case:identify)
 *   identification.decided                  the lead agency's supervisors (case:close) in scope: the lead now
 *   family_tracing.requested/withdrawn      the asked office (referral:respond) covering the addressed province
 *   family_tracing.answered/declined        the lead agency's supervisors (case:close) in scope: the lead now
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
    private readonly repo: NotificationRepository,
  ) {}

  onModuleInit(): void {
    for (const k of [
      'referral.received',
      'referral.accepted',
      'referral.declined',
      'referral.completed',
      'referral.cancelled',
    ] as const) {
      this.handlers.register(k, (job) => this.referral(job, k));
    }
    this.handlers.register('referral.reassigned', (job) => this.referralReassigned(job));
    this.handlers.register('case.assigned', (job) => this.caseAssigned(job));
    this.handlers.register('referral.note_added', (job) => this.referralNoteAdded(job));
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
    for (const k of ['transfer.requested', 'transfer.accepted', 'transfer.declined', 'transfer.cancelled'] as const) {
      this.handlers.register(k, (job) => this.transfer(job, k));
    }
    for (const k of ['identification.requested', 'identification.decided'] as const) {
      this.handlers.register(k, (job) => this.identificationRequest(job, k));
    }
    for (const k of [
      'family_tracing.requested',
      'family_tracing.answered',
      'family_tracing.declined',
      'family_tracing.withdrawn',
    ] as const) {
      this.handlers.register(k, (job) => this.familyTracing(job, k));
    }
    for (const k of ['closure.requested', 'closure.decided'] as const) {
      this.handlers.register(k, (job) => this.closureRequest(job, k));
    }
  }

  private async identificationRequest(
    job: OutboxJob,
    kind: 'identification.requested' | 'identification.decided',
  ): Promise<void> {
    const r = await this.repo.parties(this.ds, 'identification_request', id(job, 'identificationRequestId'));
    const recipients =
      kind === 'identification.requested'
        ? await this.notifier.agencyUsers(r.to_agency_id, 'case:identify', r.case_id)
        : await this.notifier.agenciesUsers(r.sender_agency_ids, 'case:close', r.case_id);
    await this.notifier.deliver(job, {
      kind,
      objectType: 'case',
      objectId: r.case_id,
      caseId: r.case_id,
      recipientUserIds: recipients,
    });
  }

  /** The office's users point at the request (they cannot open the case); the lead's at the case. */
  private async familyTracing(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const requestId = id(job, 'familyTracingRequestId');
    const r = await this.repo.parties(this.ds, 'family_tracing_request', requestId);
    const toOffice = kind === 'family_tracing.requested' || kind === 'family_tracing.withdrawn';
    const recipients = toOffice
      ? await this.notifier.agencyUsers(r.to_agency_id, 'referral:respond', r.case_id, r.to_province)
      : await this.notifier.agenciesUsers(r.sender_agency_ids, 'case:close', r.case_id);
    await this.notifier.deliver(job, {
      kind,
      objectType: toOffice ? 'family_tracing_request' : 'case',
      objectId: toOffice ? requestId : r.case_id,
      caseId: r.case_id,
      recipientUserIds: recipients,
    });
  }

  private async closureRequest(job: OutboxJob, kind: 'closure.requested' | 'closure.decided'): Promise<void> {
    const r = await this.repo.closureRequest(this.ds, id(job, 'closureRequestId'));
    const recipients =
      kind === 'closure.requested'
        ? await this.notifier.agencyUsers(r.agency_id, 'case:close', r.case_id)
        : r.asker_active
          ? [r.requested_by_id]
          : [];
    await this.notifier.deliver(job, {
      kind,
      objectType: 'case',
      objectId: r.case_id,
      caseId: r.case_id,
      recipientUserIds: recipients,
    });
  }

  private async referral(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const referralId = id(job, 'referralId');
    const r = await this.repo.parties(this.ds, 'referral', referralId);
    const toReceiver = kind === 'referral.received' || kind === 'referral.cancelled';
    const recipients = toReceiver
      ? await this.notifier.agencyUsers(r.to_agency_id, 'referral:respond', r.case_id)
      : await this.notifier.agenciesUsers(r.sender_agency_ids, 'referral:read', r.case_id);
    await this.notifier.deliver(job, {
      kind,
      objectType: 'referral',
      objectId: referralId,
      caseId: r.case_id,
      recipientUserIds: recipients,
    });
  }

  private async referralReassigned(job: OutboxJob): Promise<void> {
    const referralId = id(job, 'referralId');
    const assigneeId = id(job, 'assigneeId');
    const r = await this.repo.referralReassigned(this.ds, referralId, assigneeId);
    await this.notifier.deliver(job, {
      kind: 'referral.reassigned',
      objectType: 'referral',
      objectId: referralId,
      caseId: r.case_id,
      recipientUserIds: r.active ? [assigneeId] : [],
    });
  }

  /** One notification for a bulk reassignment: the first case (the number when it is the only one) and how many. */
  private async caseAssigned(job: OutboxJob): Promise<void> {
    const assigneeId = id(job, 'assigneeId');
    const caseIds = job.payload['caseIds'];
    if (!Array.isArray(caseIds) || !caseIds.length || typeof caseIds[0] !== 'string')
      throw new PermanentJobError('PAYLOAD_CASEIDS_MISSING');
    const first = caseIds[0];
    const active = await this.repo.caseAssigneeActive(this.ds, first, assigneeId);
    await this.notifier.deliver(job, {
      kind: 'case.assigned',
      objectType: 'case',
      objectId: first,
      caseId: caseIds.length === 1 ? first : null,
      itemCount: caseIds.length,
      recipientUserIds: active ? [assigneeId] : [],
    });
  }

  /** A note tells the other side (never the author's own agency): its worker on the referral, else its supervisors. */
  private async referralNoteAdded(job: OutboxJob): Promise<void> {
    const referralId = id(job, 'referralId');
    const r = await this.repo.referralNote(this.ds, referralId, id(job, 'noteId'));
    const toSender = r.author_agency_id === r.to_agency_id;
    const [agencyId, worker] = toSender
      ? [r.sender_agency_id, r.sender_worker_id]
      : [r.to_agency_id, r.receiver_worker_id];
    const recipients = worker ? [worker] : await this.notifier.agencyUsers(agencyId, 'case:assign', r.case_id);
    await this.notifier.deliver(job, {
      kind: 'referral.note_added',
      objectType: 'referral',
      objectId: referralId,
      caseId: r.case_id,
      recipientUserIds: recipients,
    });
  }

  private async handoff(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const handoffId = id(job, 'handoffId');
    const h = await this.repo.parties(this.ds, 'handoff', handoffId);
    const recipients =
      kind === 'handoff.received'
        ? await this.notifier.agencyUsers(h.to_agency_id, 'handoff:prosecute', h.case_id)
        : await this.notifier.agenciesUsers(h.sender_agency_ids, 'handoff:create', h.case_id);
    await this.notifier.deliver(job, {
      kind,
      objectType: 'handoff',
      objectId: handoffId,
      caseId: h.case_id,
      recipientUserIds: recipients,
    });
  }

  private async transfer(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const transferId = id(job, 'transferId');
    const t = await this.repo.parties(this.ds, 'case_transfer', transferId);
    const toReceiver = kind === 'transfer.requested' || kind === 'transfer.cancelled';
    const recipients = toReceiver
      ? await this.notifier.agencyUsers(t.to_agency_id, 'case:transfer', t.case_id, t.to_province)
      : await this.notifier.agencyUsers(t.from_agency_id, 'case:transfer', t.case_id, t.from_province);
    await this.notifier.deliver(job, {
      kind,
      objectType: 'transfer',
      objectId: transferId,
      caseId: t.case_id,
      recipientUserIds: recipients,
    });
  }

  private async screening(job: OutboxJob, kind: NotificationKind): Promise<void> {
    const screeningId = id(job, 'screeningId');
    const s = await this.repo.screening(this.ds, screeningId);
    await this.notifier.deliver(job, {
      kind,
      objectType: 'screening',
      objectId: screeningId,
      caseId: s.case_id,
      recipientUserIds: s.active ? [s.interviewer_id] : [],
    });
  }

  private async matchRequest(job: OutboxJob, kind: 'match.received' | 'match.answered'): Promise<void> {
    const matchRequestId = id(job, 'matchRequestId');
    const r = await this.repo.matchRequest(this.ds, matchRequestId);
    const recipients =
      kind === 'match.received'
        ? await this.notifier.agencyUsers(r.to_agency_id, 'match:answer', null)
        : r.asker_active
          ? [r.from_user_id]
          : [];
    await this.notifier.deliver(job, {
      kind,
      objectType: 'match_request',
      objectId: matchRequestId,
      caseId: null,
      recipientUserIds: recipients,
    });
  }

  private async consentWithdrawn(job: OutboxJob): Promise<void> {
    const consentId = id(job, 'consentId');
    const caseId = await this.repo.consentCase(this.ds, consentId);
    const { viaReferral, viaHandoff } = await this.repo.consentRecipients(this.ds, caseId, consentId);
    const recipients: string[] = [];
    for (const a of viaReferral) recipients.push(...(await this.notifier.agencyUsers(a, 'referral:read', caseId)));
    for (const a of viaHandoff) recipients.push(...(await this.notifier.agencyUsers(a, 'handoff:read', caseId)));
    await this.notifier.deliver(job, {
      kind: 'consent.withdrawn',
      objectType: 'case',
      objectId: caseId,
      caseId: caseId,
      recipientUserIds: recipients,
    });
  }
}
