import { Injectable } from '@nestjs/common';
import type { AgencyCapability } from '@ctms/domain';
import { raw, select, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table } from '../platform/database/table';

/** The provinces of Lao PDR (seeded by the migrations). */
export const provinceTable = table('province', {
  code: col('varchar'),
  iso: col('varchar'),
  name_lo: col('varchar'),
  name_en: col('varchar'),
  /** Lao-script variants and other Latin spellings */
  variants: col('jsonb').of<string[]>(),
});

export const serviceTypeTable = table('service_type', {
  code: col('varchar'),
  name_lo: col('varchar'),
  name_en: col('varchar'),
});

/** The ILO indicators of trafficking, with their strength per profile (e.g. {"ADULT_LABOUR":"STRONG"}). */
export const iloIndicatorTable = table('ilo_indicator', {
  code: col('varchar'),
  dimension: col('varchar'),
  label_en: col('text'),
  label_lo: col('text').nullable(),
  strength: col('jsonb').of<Record<string, string>>(),
});

export interface ProvinceItem {
  code: string;
  iso: string;
  nameLo: string;
  nameEn: string;
}

export interface ServiceTypeItem {
  code: string;
  nameLo: string;
  nameEn: string;
}

export interface IndicatorItem {
  code: string;
  dimension: string;
  labelEn: string;
  labelLo: string | null;
  strength: Record<string, string>;
}

export interface DirectoryAgencyItem {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
  capabilities: AgencyCapability[];
  serviceTypes: string[];
  provinces: string[];
}

/** A reference table whose codes a request may name. */
export type CodeTable = 'province' | 'service_type';

/** The statements, pure: reference.repository.spec.ts snapshots each one's text. */
export const referenceSql = {
  provinces: (): Sql => sql`SELECT code, iso, name_lo AS "nameLo", name_en AS "nameEn" FROM province ORDER BY code`,
  serviceTypes: (): Sql => sql`SELECT code, name_lo AS "nameLo", name_en AS "nameEn" FROM service_type ORDER BY code`,
  indicators: (): Sql =>
    sql`SELECT code, dimension, label_en AS "labelEn", label_lo AS "labelLo", strength FROM ilo_indicator ORDER BY code`,
  /** The service directory: which active agency offers which services where. */
  agencies: (): Sql =>
    sql`SELECT id, code, name_lo AS "nameLo", name_en AS "nameEn", capabilities, service_types AS "serviceTypes", provinces
          FROM agency WHERE active ORDER BY code`,
  /** Which of `codes` the reference table knows. */
  knownCodes: (t: CodeTable, codes: readonly string[]): Sql =>
    sql`SELECT code FROM ${raw(t === 'province' ? 'province' : 'service_type')} WHERE code = ANY(${codes}::text[])`,
};

/** Reference data (decision 0018): the same for every user, no case content. */
@Injectable()
export class ReferenceRepository {
  provinces(m: Runner): Promise<ProvinceItem[]> {
    return select<ProvinceItem>(m, referenceSql.provinces());
  }

  serviceTypes(m: Runner): Promise<ServiceTypeItem[]> {
    return select<ServiceTypeItem>(m, referenceSql.serviceTypes());
  }

  indicators(m: Runner): Promise<IndicatorItem[]> {
    return select<IndicatorItem>(m, referenceSql.indicators());
  }

  agencies(m: Runner): Promise<DirectoryAgencyItem[]> {
    return select<DirectoryAgencyItem>(m, referenceSql.agencies());
  }
}

/** The codes of `codes` that the reference table does not know. */
export async function unknownCodes(m: Runner, t: CodeTable, codes: readonly string[]): Promise<string[]> {
  const known = new Set((await select<{ code: string }>(m, referenceSql.knownCodes(t, codes))).map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}
