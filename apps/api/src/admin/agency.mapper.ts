import type { AgencyView } from '@ctms/domain';
import type { AgencyRow } from '../agencies/agency.repository';

/** The only shape an agency takes in an admin response. */
export function toAgencyView(a: AgencyRow): AgencyView {
  return {
    id: a.id,
    code: a.code,
    nameLo: a.name_lo,
    nameEn: a.name_en,
    type: a.type,
    capabilities: [...a.capabilities],
    serviceTypes: [...a.service_types],
    provinces: [...a.provinces],
    active: a.active,
    version: a.version,
  };
}
