import { AgencyEntity } from '../../agencies/agency.entity';
import { UserEntity } from '../../users/user.entity';
import { AuditEventEntity, AuditSealEntity } from '../audit/audit-event.entity';
import { SlaEventEntity } from '../../sla/sla-event.entity';
import { OutboxEntity } from '../outbox/outbox.entity';

/** Every entity, listed explicitly: globs do not survive the webpack bundle (stack notes P18). */
export const ENTITIES = [AgencyEntity, UserEntity, AuditEventEntity, AuditSealEntity, OutboxEntity, SlaEventEntity];
