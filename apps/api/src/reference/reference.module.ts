import { Controller, Get, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AgencyCapability } from '@ctms/domain';
import { RequirePermission } from '../platform/auth/decorators';

/** Reference data: the same for every user, cacheable (see noStoreMiddleware), no case content. */
@ApiTags('reference')
@Controller({ path: 'reference', version: '1' })
export class ReferenceController {
  constructor(private readonly ds: DataSource) {}

  @RequirePermission('reference:read')
  @Get('provinces')
  provinces(): Promise<{ code: string; iso: string; nameLo: string; nameEn: string }[]> {
    return this.ds.query(`SELECT code, iso, name_lo AS "nameLo", name_en AS "nameEn" FROM province ORDER BY code`);
  }

  @RequirePermission('reference:read')
  @Get('service-types')
  serviceTypes(): Promise<{ code: string; nameLo: string; nameEn: string }[]> {
    return this.ds.query(`SELECT code, name_lo AS "nameLo", name_en AS "nameEn" FROM service_type ORDER BY code`);
  }

  @RequirePermission('reference:read')
  @Get('indicators')
  indicators(): Promise<{ code: string; dimension: string; labelEn: string; labelLo: string | null; strength: Record<string, string> }[]> {
    return this.ds.query(`SELECT code, dimension, label_en AS "labelEn", label_lo AS "labelLo", strength FROM ilo_indicator ORDER BY code`);
  }

  /** The service directory: which active agency offers which services where. */
  @RequirePermission('reference:read')
  @Get('agencies')
  agencies(): Promise<{ id: string; code: string; nameLo: string; nameEn: string; capabilities: AgencyCapability[]; serviceTypes: string[]; provinces: string[] }[]> {
    return this.ds.query(
      `SELECT id, code, name_lo AS "nameLo", name_en AS "nameEn", capabilities, service_types AS "serviceTypes", provinces
         FROM agency WHERE active ORDER BY code`,
    );
  }
}

@Module({ controllers: [ReferenceController] })
export class ReferenceModule {}
