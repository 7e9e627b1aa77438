import { AgencyEntity } from '../../agencies/agency.entity';
import { LoginFailureEntity } from '../../auth/login-failure.entity';
import { RefreshTokenEntity } from '../../auth/refresh-token.entity';
import { IloIndicatorEntity, ProvinceEntity, ServiceTypeEntity } from '../../reference/reference.entities';
import { UserEntity } from '../../users/user.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';

/** Every entity, listed explicitly: globs do not survive the webpack bundle (stack notes P18). */
export const ENTITIES = [
  AgencyEntity,
  UserEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  AuditEventEntity,
  ProvinceEntity,
  ServiceTypeEntity,
  IloIndicatorEntity,
];
