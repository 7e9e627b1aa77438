import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PERMISSION_CAPABILITY, ROLE_PERMISSIONS, type Permission, type Role } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { MAILER, Mailer, certainlyNotSent } from './mailer';
import { mailFor, type NotificationKind, type NotificationObjectType } from './notification-kinds';

export interface Delivery {
  outboxId: string;
  kind: NotificationKind;
  objectType: NotificationObjectType;
  objectId: string;
  caseNumber: string | null;
  recipientUserIds: readonly string[];
  /** false: in-app only (dead-letter alerts) */
  mail?: boolean;
}

export function rolesWith(p: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(p));
}

/**
 * Delivers one event to its recipients, idempotently: one in-app notification per (outbox row,
 * recipient) (the unique key makes a second insert a no-op) and at most one e-mail per (outbox
 * row, recipient): the mail_delivery row is claimed before the message goes to SMTP. A claim left
 * SENDING by a crash is never sent again; a send the server certainly refused is FAILED and may be
 * claimed by the retry (docs/decisions/0005-outbox.md). Used by every feature's worker handlers.
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');

  constructor(
    private readonly ds: DataSource,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Active users of an agency holding `permission` (role and, by the capability rule, the agency's
   * capability) whose province scope covers the case (so nobody is told about a case they cannot open).
   */
  async agencyUsers(agencyId: string, permission: Permission, caseId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT u.id FROM app_user u JOIN agency a ON a.id = u.agency_id LEFT JOIN case_record c ON c.id = $3
        WHERE u.agency_id = $1 AND u.status = 'ACTIVE' AND u.roles && $2::text[]
          AND ($4::text IS NULL OR $4 = ANY(a.capabilities))
          AND ($3::uuid IS NULL OR u.all_provinces OR c.province_code = ANY(u.provinces))
          AND ($3::uuid IS NULL OR case_restriction_allows($3, u.id))
        ORDER BY u.id`,
      [agencyId, rolesWith(permission), caseId, PERMISSION_CAPABILITY[permission] ?? null],
    );
    return rows.map((r) => r.id);
  }

  async caseNumber(caseId: string | null): Promise<string | null> {
    if (!caseId) return null;
    const rows: { case_number: string }[] = await this.ds.query(`SELECT case_number FROM case_record WHERE id = $1`, [caseId]);
    return rows[0]?.case_number ?? null;
  }

  async deliver(d: Delivery): Promise<void> {
    const recipients = [...new Set(d.recipientUserIds)];
    if (!recipients.length) return;
    await this.ds.query(
      `INSERT INTO notification (id, recipient_user_id, kind, object_type, object_id, case_number, outbox_id)
       SELECT gen_random_uuid(), r, $2, $3, $4, $5, $1 FROM unnest($6::uuid[]) r
       ON CONFLICT (outbox_id, recipient_user_id) DO NOTHING`,
      [d.outboxId, d.kind, d.objectType, d.objectId, d.caseNumber, recipients],
    );
    if (d.mail === false || !this.mailer.enabled) return;
    const users: { id: string; email: string }[] = await this.ds.query(
      `SELECT id, email FROM app_user WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE' AND email IS NOT NULL AND email <> '' ORDER BY id`,
      [recipients],
    );
    const message = mailFor(this.config.publicUrl, d);
    let failure: unknown = null;
    for (const u of users) {
      try {
        await this.mailOnce(d.outboxId, u.id, u.email, async () => message);
      } catch (e) {
        failure = failure ?? e;
      }
    }
    if (failure) throw failure;
  }

  /**
   * Sends one e-mail for (outbox row, recipient) at most once: the mail_delivery row is claimed
   * first; a claim left SENDING by a crash is never sent again; a send the server certainly refused
   * is FAILED and may be claimed by the retry. `compose` runs only once the claim is held (the
   * activation mail makes its one-time token there) and may answer null to send nothing.
   * Returns whether a message went out.
   */
  async mailOnce(outboxId: string, userId: string, email: string, compose: () => Promise<{ subject: string; text: string } | null>): Promise<boolean> {
    const claimed: { id: string }[] = await this.ds.query(
      `INSERT INTO mail_delivery (id, outbox_id, recipient_user_id, status) VALUES ($1, $2, $3, 'SENDING')
       ON CONFLICT (outbox_id, recipient_user_id) DO UPDATE SET status = 'SENDING', claimed_at = now() WHERE mail_delivery.status = 'FAILED'
       RETURNING id`,
      [randomUUID(), outboxId, userId],
    );
    const claim = claimed[0];
    if (!claim) return false; // sent already, or claimed by an attempt that died: at most once
    try {
      const message = await compose();
      if (!message) {
        await this.ds.query(`UPDATE mail_delivery SET status = 'FAILED' WHERE id = $1`, [claim.id]);
        return false;
      }
      const sent = await this.mailer.send({ to: email, subject: message.subject, text: message.text });
      await this.ds.query(`UPDATE mail_delivery SET status = 'SENT', sent_at = now(), message_id = $2 WHERE id = $1`, [claim.id, sent.messageId.slice(0, 255)]);
      return true;
    } catch (e) {
      const status = certainlyNotSent(e) ? 'FAILED' : 'UNCERTAIN';
      await this.ds.query(`UPDATE mail_delivery SET status = $2 WHERE id = $1`, [claim.id, status]);
      this.logger.warn({ outboxId, status }, 'e-mail not delivered');
      throw e;
    }
  }
}
