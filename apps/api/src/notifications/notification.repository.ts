import { Injectable } from '@nestjs/common';
import { handoffSendingAgencies, ownNotification, referralSendingAgency } from '../platform/access/access';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { PermanentJobError } from '../platform/outbox/outbox-handlers';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * An in-app notification: what happened (kind), to which object, and the case number; never a
 * name. Unique per (outbox row, recipient) (UQ_notification_outbox_recipient): a handler that runs
 * twice inserts nothing new. Index IDX_notification_recipient (recipient, created_at, id).
 */
export const notificationTable = table('notification', {
  id: col('uuid'),
  recipient_user_id: col('uuid'),
  kind: col('varchar'),
  object_type: col('varchar'),
  object_id: col('uuid'),
  case_number: col('varchar').nullable(),
  /** how many records the one notification stands for (a bulk reassignment's cases); NULL: one */
  item_count: col('int4').nullable(),
  created_at: col('timestamptz'),
  read_at: col('timestamptz').nullable(),
  outbox_id: col('uuid'),
});

/**
 * One e-mail to one recipient for one outbox row, claimed (SENDING) before the message is handed to
 * SMTP, so a message is sent at most once per (outbox row, recipient) (UQ_mail_delivery_outbox_recipient;
 * docs/decisions/0005-outbox.md). Status: SENDING, SENT, FAILED (may be claimed again), UNCERTAIN.
 */
export const mailDeliveryTable = table('mail_delivery', {
  id: col('uuid'),
  outbox_id: col('uuid'),
  recipient_user_id: col('uuid'),
  status: col('varchar').of<'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN'>(),
  claimed_at: col('timestamptz'),
  sent_at: col('timestamptz').nullable(),
  message_id: col('varchar').nullable(),
});

export type NotificationRow = PickRow<
  typeof notificationTable,
  'id' | 'kind' | 'object_type' | 'object_id' | 'case_number' | 'item_count' | 'created_at' | 'read_at'
> &
  KeysetRow;

/** One notification to each of several recipients, for one outbox row. */
export type NewNotifications = PickRow<
  typeof notificationTable,
  'outbox_id' | 'kind' | 'object_type' | 'object_id' | 'case_number' | 'item_count'
> & { recipients: readonly string[] };

/** The parties of a referral, a handoff, a case transfer or an identification request (all have them in the same columns). */
export interface PartiesRow {
  case_id: string;
  from_agency_id: string;
  to_agency_id: string;
  /** a transfer's province offices (null for referrals and handoffs: the case's province counts) */
  from_province: string | null;
  to_province: string | null;
  /** the agencies on the sending side now: a referral's or a handoff's as the access layer says, otherwise `from_agency_id` */
  sender_agency_ids: string[];
}

/** Who a referral note concerns (notificationSql.referralNote). */
export interface ReferralNoteFacts {
  case_id: string;
  /** the sending side now: the case's lead (platform/access `referralSendingAgency`) */
  sender_agency_id: string;
  to_agency_id: string;
  author_agency_id: string;
  receiver_worker_id: string | null;
  sender_worker_id: string | null;
}

/** What carries parties: a referral, a handoff, a case transfer. */
export type PartiesOf = 'referral' | 'handoff' | 'case_transfer' | 'identification_request' | 'family_tracing_request';

export const notificationKeyset = keyset('n.created_at', 'n.id');

/** The statements, pure: notification.repository.spec.ts snapshots each one's text. */
export const notificationSql = {
  /** The caller's own notifications, newest first. */
  list: (actor: Actor, unread: boolean, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT n.id, n.kind, n.object_type, n.object_id, n.case_number, n.item_count, n.created_at, n.read_at, ${notificationKeyset.key}
          FROM notification n
         WHERE ${and([ownNotification(actor, 'n'), unread ? sql`n.read_at IS NULL` : sql``, notificationKeyset.after(cursor)])}
         ORDER BY ${notificationKeyset.order} LIMIT ${notificationKeyset.limit(limit)}`,

  unreadCount: (actor: Actor): Sql =>
    sql`SELECT count(*)::int AS n FROM notification n WHERE ${ownNotification(actor, 'n')} AND n.read_at IS NULL`,

  /** One of the caller's notifications read (again: no change). */
  markRead: (actor: Actor, id: string): Sql =>
    sql`UPDATE notification n SET read_at = coalesce(n.read_at, now()) WHERE n.id = ${id}::uuid AND ${ownNotification(actor, 'n')} RETURNING n.read_at`,

  /** Every unread notification of the caller read, and nobody else's; answers how many. */
  markAllRead: (actor: Actor): Sql =>
    sql`WITH done AS (UPDATE notification n SET read_at = now() WHERE ${ownNotification(actor, 'n')} AND n.read_at IS NULL RETURNING 1)
        SELECT count(*)::int AS n FROM done`,

  /** Idempotent: a second insert for the same outbox row and recipient is a no-op. */
  insert: (d: NewNotifications): Sql =>
    sql`INSERT INTO notification (id, recipient_user_id, kind, object_type, object_id, case_number, item_count, outbox_id)
        SELECT gen_random_uuid(), r, ${d.kind}, ${d.object_type}, ${d.object_id}::uuid, ${d.case_number}, ${d.item_count}::int, ${d.outbox_id}::uuid FROM unnest(${d.recipients}::uuid[]) r
        ON CONFLICT (outbox_id, recipient_user_id) DO NOTHING`,

  /**
   * Active users of an agency holding one of `roles` (and the agency `capability` when one is
   * needed) whose province scope covers the case (none: any scope).
   */
  agencyUsers: (
    agencyId: string,
    roles: readonly string[],
    caseId: string | null,
    capability: string | null,
    provinceCode: string | null = null,
  ): Sql =>
    sql`SELECT u.id FROM app_user u JOIN agency a ON a.id = u.agency_id LEFT JOIN case_record c ON c.id = ${caseId}::uuid
         WHERE u.agency_id = ${agencyId}::uuid AND u.status = 'ACTIVE' AND u.roles && ${roles}::text[]
           AND (${capability}::text IS NULL OR ${capability}::text = ANY(a.capabilities))
           AND (${caseId}::uuid IS NULL OR u.all_provinces OR coalesce(${provinceCode}::text, c.province_code) = ANY(u.provinces))
           AND (${caseId}::uuid IS NULL OR case_restriction_allows(${caseId}::uuid, u.id))
         ORDER BY u.id`,

  caseNumber: (caseId: string): Sql => sql`SELECT case_number FROM case_record WHERE id = ${caseId}::uuid`,

  /** The recipients that take e-mail: active, with an address. */
  mailRecipients: (userIds: readonly string[]): Sql =>
    sql`SELECT id, email FROM app_user WHERE id = ANY(${userIds}::uuid[]) AND status = 'ACTIVE' AND email IS NOT NULL AND email <> '' ORDER BY id`,

  /** Claims the one e-mail of (outbox row, recipient): new, or FAILED before; nothing when sent or in doubt. */
  claimMail: (id: string, outboxId: string, userId: string): Sql =>
    sql`INSERT INTO mail_delivery (id, outbox_id, recipient_user_id, status) VALUES (${id}::uuid, ${outboxId}::uuid, ${userId}::uuid, 'SENDING')
        ON CONFLICT (outbox_id, recipient_user_id) DO UPDATE SET status = 'SENDING', claimed_at = now() WHERE mail_delivery.status = 'FAILED'
        RETURNING id`,

  mailSent: (id: string, messageId: string): Sql =>
    sql`UPDATE mail_delivery SET status = 'SENT', sent_at = now(), message_id = ${messageId} WHERE id = ${id}::uuid`,

  mailStatus: (id: string, status: 'FAILED' | 'UNCERTAIN'): Sql =>
    sql`UPDATE mail_delivery SET status = ${status} WHERE id = ${id}::uuid`,

  /**
   * The parties of a referral, a handoff, a case transfer or an identification request, whom its
   * events concern. The sending side of a referral, an identification request or a handoff is the
   * access layer's (`referralSendingAgency`, `handoffSendingAgencies`): after a lead transfer, the
   * new lead (an identification request's sender is the lead, as `identificationRequest` says).
   */
  parties: (kind: PartiesOf, id: string): Sql =>
    sql`SELECT x.case_id, x.from_agency_id, x.to_agency_id, ${raw(kind === 'case_transfer' ? 'x.from_province_code AS from_province, x.to_province_code AS to_province' : kind === 'family_tracing_request' ? 'NULL::text AS from_province, x.province_code AS to_province' : 'NULL::text AS from_province, NULL::text AS to_province')},
               ${kind === 'referral' || kind === 'identification_request' || kind === 'family_tracing_request' ? sql`ARRAY[${referralSendingAgency('c')}]` : kind === 'handoff' ? handoffSendingAgencies('x', 'c') : sql`ARRAY[x.from_agency_id]`} AS sender_agency_ids
          FROM ${raw(kind)} x JOIN case_record c ON c.id = x.case_id WHERE x.id = ${id}::uuid`,

  /** The active worker an accepted referral is assigned to (none, or one). */
  referralAssignee: (id: string): Sql =>
    sql`SELECT u.id FROM referral r JOIN app_user u ON u.id = r.assigned_to_id AND u.status = 'ACTIVE' WHERE r.id = ${id}::uuid`,

  /**
   * A note on a referral: its parties, the author's agency, and the worker each side has on it,
   * while still an active user of that side whom the case opens to: the receiving agency's
   * assignee of the referral, the lead's caseworker assigned to the case (the lead is the sending side).
   */
  referralNote: (id: string, noteId: string): Sql =>
    sql`SELECT r.case_id, ${referralSendingAgency('c')} AS sender_agency_id, r.to_agency_id, n.author_agency_id,
               (SELECT u.id FROM app_user u WHERE u.id = r.assigned_to_id AND u.status = 'ACTIVE' AND u.agency_id = r.to_agency_id
                   AND case_restriction_allows(r.case_id, u.id)) AS receiver_worker_id,
               (SELECT u.id FROM app_user u WHERE u.id = c.assigned_to_id AND u.status = 'ACTIVE' AND u.agency_id = ${referralSendingAgency('c')}
                   AND case_restriction_allows(r.case_id, u.id)) AS sender_worker_id
          FROM referral r JOIN referral_note n ON n.id = ${noteId}::uuid AND n.referral_id = r.id JOIN case_record c ON c.id = r.case_id
         WHERE r.id = ${id}::uuid`,

  /** A reassigned referral's case, and whether the new assignee is still an active worker of the receiving agency. */
  referralReassigned: (id: string, assigneeId: string): Sql =>
    sql`SELECT r.case_id, (u.status = 'ACTIVE' AND u.agency_id = r.to_agency_id) AS active FROM referral r JOIN app_user u ON u.id = ${assigneeId}::uuid WHERE r.id = ${id}::uuid`,

  /** Whether a bulk reassignment's assignee is still an active user of the case's lead agency. */
  caseAssigneeActive: (caseId: string, assigneeId: string): Sql =>
    sql`SELECT (u.status = 'ACTIVE' AND u.agency_id = c.lead_agency_id) AS active FROM case_record c JOIN app_user u ON u.id = ${assigneeId}::uuid WHERE c.id = ${caseId}::uuid`,

  /** A closure request's case and agency, and the caseworker who asked (while still active). */
  closureRequest: (id: string): Sql =>
    sql`SELECT cr.case_id, cr.agency_id, cr.requested_by_id, (u.status = 'ACTIVE') AS asker_active FROM closure_request cr JOIN app_user u ON u.id = cr.requested_by_id WHERE cr.id = ${id}::uuid`,

  screening: (id: string): Sql =>
    sql`SELECT s.interviewer_id, s.case_id, (u.status = 'ACTIVE') AS active FROM screening s JOIN app_user u ON u.id = s.interviewer_id WHERE s.id = ${id}::uuid`,

  matchRequest: (id: string): Sql =>
    sql`SELECT mr.to_agency_id, mr.from_user_id, (u.status = 'ACTIVE') AS asker_active FROM match_request mr JOIN app_user u ON u.id = mr.from_user_id WHERE mr.id = ${id}::uuid`,

  consentCase: (id: string): Sql => sql`SELECT case_id FROM consent WHERE id = ${id}::uuid`,

  /** The agencies that received the case's data under the consent: by referral … */
  consentReferralAgencies: (caseId: string, consentId: string): Sql =>
    sql`SELECT DISTINCT to_agency_id AS agency_id FROM referral WHERE case_id = ${caseId}::uuid AND ${consentId}::uuid = ANY(consent_ids) ORDER BY 1`,

  /** … and by handoff to law enforcement. */
  consentHandoffAgencies: (caseId: string, consentId: string): Sql =>
    sql`SELECT DISTINCT h.to_agency_id AS agency_id FROM handoff h JOIN consent k ON k.id = ${consentId}::uuid
         WHERE h.case_id = ${caseId}::uuid AND h.to_agency_id = ANY(k.agency_ids) AND 'LAW_ENFORCEMENT_SHARING' = ANY(k.purposes) ORDER BY 1`,
};

/** Notifications and e-mail deliveries (decision 0018); the worker's handlers read their facts here. */
@Injectable()
export class NotificationRepository {
  list(
    m: Runner,
    actor: Actor,
    unread: boolean,
    cursor: string | undefined,
    limit: number | undefined,
  ): Promise<NotificationRow[]> {
    return select<NotificationRow>(m, notificationSql.list(actor, unread, cursor, limit));
  }

  async unreadCount(m: Runner, actor: Actor): Promise<number> {
    return (await selectOne<{ n: number }>(m, notificationSql.unreadCount(actor)))?.n ?? 0;
  }

  async markRead(m: Runner, actor: Actor, id: string): Promise<Date | undefined> {
    return (await selectOne<{ read_at: Date }>(m, notificationSql.markRead(actor, id)))?.read_at;
  }

  async markAllRead(m: Runner, actor: Actor): Promise<number> {
    return (await selectOne<{ n: number }>(m, notificationSql.markAllRead(actor)))?.n ?? 0;
  }

  async insert(m: Runner, d: NewNotifications): Promise<void> {
    await exec(m, notificationSql.insert(d));
  }

  async agencyUsers(
    m: Runner,
    agencyId: string,
    roles: readonly string[],
    caseId: string | null,
    capability: string | null,
    provinceCode: string | null = null,
  ): Promise<string[]> {
    return (
      await select<{ id: string }>(m, notificationSql.agencyUsers(agencyId, roles, caseId, capability, provinceCode))
    ).map((r) => r.id);
  }

  async caseNumber(m: Runner, caseId: string): Promise<string | null> {
    return (await selectOne<{ case_number: string }>(m, notificationSql.caseNumber(caseId)))?.case_number ?? null;
  }

  mailRecipients(m: Runner, userIds: readonly string[]): Promise<{ id: string; email: string }[]> {
    return select(m, notificationSql.mailRecipients(userIds));
  }

  /** The claim's id, or undefined when the e-mail was sent already or is in doubt. */
  async claimMail(m: Runner, id: string, outboxId: string, userId: string): Promise<string | undefined> {
    return (await selectOne<{ id: string }>(m, notificationSql.claimMail(id, outboxId, userId)))?.id;
  }

  async mailSent(m: Runner, id: string, messageId: string): Promise<void> {
    await exec(m, notificationSql.mailSent(id, messageId));
  }

  async mailStatus(m: Runner, id: string, status: 'FAILED' | 'UNCERTAIN'): Promise<void> {
    await exec(m, notificationSql.mailStatus(id, status));
  }

  // The facts of an outbox event's object, read when its handler runs. A missing object is
  // permanent: the job is not retried (PermanentJobError OBJECT_MISSING).

  referralReassigned(m: Runner, id: string, assigneeId: string): Promise<{ case_id: string; active: boolean }> {
    return found(
      selectOne<{ case_id: string; active: boolean }>(m, notificationSql.referralReassigned(id, assigneeId)),
    );
  }

  async caseAssigneeActive(m: Runner, caseId: string, assigneeId: string): Promise<boolean> {
    return (
      (await selectOne<{ active: boolean }>(m, notificationSql.caseAssigneeActive(caseId, assigneeId)))?.active ?? false
    );
  }

  referralNote(m: Runner, id: string, noteId: string): Promise<ReferralNoteFacts> {
    return found(selectOne<ReferralNoteFacts>(m, notificationSql.referralNote(id, noteId)));
  }

  closureRequest(
    m: Runner,
    id: string,
  ): Promise<{ case_id: string; agency_id: string; requested_by_id: string; asker_active: boolean }> {
    return found(
      selectOne<{ case_id: string; agency_id: string; requested_by_id: string; asker_active: boolean }>(
        m,
        notificationSql.closureRequest(id),
      ),
    );
  }

  async referralAssignee(m: Runner, id: string): Promise<string[]> {
    return (await select<{ id: string }>(m, notificationSql.referralAssignee(id))).map((r) => r.id);
  }

  parties(m: Runner, kind: PartiesOf, id: string): Promise<PartiesRow> {
    return found(selectOne<PartiesRow>(m, notificationSql.parties(kind, id)));
  }

  screening(m: Runner, id: string): Promise<{ interviewer_id: string; case_id: string | null; active: boolean }> {
    return found(selectOne(m, notificationSql.screening(id)));
  }

  matchRequest(m: Runner, id: string): Promise<{ to_agency_id: string; from_user_id: string; asker_active: boolean }> {
    return found(selectOne(m, notificationSql.matchRequest(id)));
  }

  async consentCase(m: Runner, id: string): Promise<string> {
    return (await found(selectOne<{ case_id: string }>(m, notificationSql.consentCase(id)))).case_id;
  }

  /** The agencies that received the case's data under the consent, by referral and by handoff. */
  async consentRecipients(
    m: Runner,
    caseId: string,
    consentId: string,
  ): Promise<{ viaReferral: string[]; viaHandoff: string[] }> {
    const ids = (rows: { agency_id: string }[]) => rows.map((r) => r.agency_id);
    return {
      viaReferral: ids(await select(m, notificationSql.consentReferralAgencies(caseId, consentId))),
      viaHandoff: ids(await select(m, notificationSql.consentHandoffAgencies(caseId, consentId))),
    };
  }
}

async function found<T>(row: Promise<T | undefined>): Promise<T> {
  const r = await row;
  if (!r) throw new PermanentJobError('OBJECT_MISSING');
  return r;
}
