import { Controller, Get, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../platform/auth/decorators';
import {
  ReferenceRepository,
  type DirectoryAgencyItem,
  type IndicatorItem,
  type ProvinceItem,
  type ServiceTypeItem,
} from './reference.repository';

/** Reference data: the same for every user, cacheable (see noStoreMiddleware), no case content. */
@ApiTags('reference')
@Controller({ path: 'reference', version: '1' })
export class ReferenceController {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReferenceRepository,
  ) {}

  @RequirePermission('reference:read')
  @Get('provinces')
  provinces(): Promise<ProvinceItem[]> {
    return this.repo.provinces(this.ds);
  }

  @RequirePermission('reference:read')
  @Get('service-types')
  serviceTypes(): Promise<ServiceTypeItem[]> {
    return this.repo.serviceTypes(this.ds);
  }

  @RequirePermission('reference:read')
  @Get('indicators')
  indicators(): Promise<IndicatorItem[]> {
    return this.repo.indicators(this.ds);
  }

  /** The service directory: which active agency offers which services where. */
  @RequirePermission('reference:read')
  @Get('agencies')
  agencies(): Promise<DirectoryAgencyItem[]> {
    return this.repo.agencies(this.ds);
  }
}

@Module({ controllers: [ReferenceController], providers: [ReferenceRepository] })
export class ReferenceModule {}
