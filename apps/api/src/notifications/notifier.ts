import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PERMISSION_CAPABILITY, ROLE_PERMISSIONS, type Permission, type Role } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { MAILER, Mailer, certainlyNotSent } from './mailer';
import type { OutboxJob } from '../platform/outbox/outbox-handlers';
import { NotificationRepository } from './notification.repository';
import { mailFor, type NotificationKind, type NotificationObjectType } from './notification-kinds';

export interface Delivery {
  kind: NotificationKind;
  objectType: NotificationObjectType;
  objectId: string;
  /** the case the object belongs to: deliver puts its number into the notification (null: none, e.g. a match request) */
  caseId: string | null;
  /** how many records the notification stands for (a bulk reassignment's cases) */
  itemCount?: number;
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
    private readonly repo: NotificationRepository,
  ) {}

  /**
   * Active users of an agency holding `permission` (role and, by the capability rule, the agency's
   * capability) whose province scope covers the case (so nobody is told about a case they cannot open),
   * or covers `provinceCode` when given (a transfer's receiving or sending province office).
   */
  /** `provinceCode`: the province office that counts instead of the case's (a transfer's sides). */
  async agencyUsers(
    agencyId: string,
    permission: Permission,
    caseId: string | null,
    provinceCode: string | null = null,
  ): Promise<string[]> {
    return this.repo.agencyUsers(
      this.ds,
      agencyId,
      rolesWith(permission),
      caseId,
      PERMISSION_CAPABILITY[permission] ?? null,
      provinceCode,
    );
  }

  /** `agencyUsers` of each of several agencies (a referral's or a handoff's sending side, `PartiesRow.sender_agency_ids`). */
  async agenciesUsers(
    agencyIds: readonly string[],
    permission: Permission,
    caseId: string | null,
    provinceCode: string | null = null,
  ): Promise<string[]> {
    const users: string[] = [];
    for (const agencyId of new Set(agencyIds))
      users.push(...(await this.agencyUsers(agencyId, permission, caseId, provinceCode)));
    return users;
  }

  /**
   * Delivers the event of outbox row `job` to its recipients (the one way every handler notifies):
   * the notification carries the kind, the object and the case's number, never a personal value.
   */
  async deliver(job: Pick<OutboxJob, 'outboxId'>, d: Delivery): Promise<void> {
    const recipients = [...new Set(d.recipientUserIds)];
    if (!recipients.length) return;
    const caseNumber = d.caseId ? await this.repo.caseNumber(this.ds, d.caseId) : null;
    await this.repo.insert(this.ds, {
      outbox_id: job.outboxId,
      kind: d.kind,
      object_type: d.objectType,
      object_id: d.objectId,
      case_number: caseNumber,
      item_count: d.itemCount ?? null,
      recipients,
    });
    if (d.mail === false || !this.mailer.enabled) return;
    const users = await this.repo.mailRecipients(this.ds, recipients);
    const message = mailFor(this.config.publicUrl, { ...d, caseNumber });
    let failure: Error | null = null;
    for (const u of users) {
      try {
        await this.mailOnce(job.outboxId, u.id, u.email, async () => message);
      } catch (e) {
        failure = failure ?? (e instanceof Error ? e : new Error('mail delivery failed'));
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
  async mailOnce(
    outboxId: string,
    userId: string,
    email: string,
    compose: () => Promise<{ subject: string; text: string } | null>,
  ): Promise<boolean> {
    const claim = await this.repo.claimMail(this.ds, randomUUID(), outboxId, userId);
    if (!claim) return false; // sent already, or claimed by an attempt that died: at most once
    try {
      const message = await compose();
      if (!message) {
        await this.repo.mailStatus(this.ds, claim, 'FAILED');
        return false;
      }
      const sent = await this.mailer.send({ to: email, subject: message.subject, text: message.text });
      await this.repo.mailSent(this.ds, claim, sent.messageId.slice(0, 255));
      return true;
    } catch (e) {
      const status = certainlyNotSent(e) ? 'FAILED' : 'UNCERTAIN';
      await this.repo.mailStatus(this.ds, claim, status);
      this.logger.warn({ outboxId, status }, 'e-mail not delivered');
      throw e;
    }
  }
}
