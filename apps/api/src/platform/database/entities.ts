import { AgencyEntity } from '../../agencies/agency.entity';
import { IloIndicatorEntity, ProvinceEntity, ServiceTypeEntity } from '../../reference/reference.entities';
import { UserEntity } from '../../users/user.entity';
import { AuditEventEntity, AuditSealEntity } from '../audit/audit-event.entity';
import { ExportJobEntity } from '../../exports/export.entity';
import { SlaEventEntity } from '../../sla/sla-event.entity';
import { MailDeliveryEntity, NotificationEntity } from '../../notifications/notification.entity';
import { OutboxEntity } from '../outbox/outbox.entity';

/** Every entity, listed explicitly: globs do not survive the webpack bundle (stack notes P18). */
export const ENTITIES = [
  AgencyEntity,
  UserEntity,
  AuditEventEntity,
  AuditSealEntity,
  ProvinceEntity,
  ServiceTypeEntity,
  IloIndicatorEntity,
  OutboxEntity,
  NotificationEntity,
  MailDeliveryEntity,
  SlaEventEntity,
  ExportJobEntity,
];
