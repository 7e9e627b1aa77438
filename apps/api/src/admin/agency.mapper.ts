import type { AgencyView } from '@ctms/domain';
import type { AgencyEntity } from '../agencies/agency.entity';

/** Entities never leave the API: this is the only shape an agency takes in an admin response. */
export function toAgencyView(a: AgencyEntity): AgencyView {
  return {
    id: a.id,
    code: a.code,
    nameLo: a.nameLo,
    nameEn: a.nameEn,
    type: a.type,
    capabilities: [...a.capabilities],
    serviceTypes: [...a.serviceTypes],
    provinces: [...a.provinces],
    active: a.active,
    version: a.version,
  };
}
