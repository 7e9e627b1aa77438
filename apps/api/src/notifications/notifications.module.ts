import { Module } from '@nestjs/common';
import { ActivationRepository } from '../auth/activation.repository';
import { UserRepository } from '../users/user.repository';
import { AccountHandlers } from './account-handlers';
import { MAILER, NodeMailer } from './mailer';
import { NotificationHandlers } from './notification-handlers';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';
import { NotificationRepository } from './notification.repository';

/** The API side: the caller's notifications. */
@Module({ controllers: [NotificationsController], providers: [NotificationsService, NotificationRepository] })
export class NotificationsModule {}

/**
 * The worker side: handlers for the notifying events, the Notifier (in-app + e-mail, idempotent)
 * and the mailer. Exports Notifier for other features' handlers (SLA reminders, exports).
 */
@Module({
  providers: [
    { provide: MAILER, useClass: NodeMailer },
    Notifier,
    NotificationHandlers,
    AccountHandlers,
    ActivationRepository,
    UserRepository,
    NotificationRepository,
  ],
  exports: [Notifier, MAILER, NotificationRepository],
})
export class NotificationsWorkerModule {}
