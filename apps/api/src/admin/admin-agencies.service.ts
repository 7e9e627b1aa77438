import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgencyView, Page } from '@ctms/domain';
import { AgencyRepository, type AgencyChanges, type AgencyRow } from '../agencies/agency.repository';
import { AuditService } from '../platform/audit/audit.service';
import type { Runner } from '../platform/database/sql';
import { Conflict, NotFound } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { checkCodesExist, sameSet, staleVersion } from './admin-db';
import { decodeCursor, encodeCursor, pageOf } from './admin-policy';
import { toAgencyView } from './agency.mapper';
import { AGENCY_CODE, CreateAgencyDto, ListAgenciesQueryDto, UpdateAgencyDto } from './dto/agency.dto';
import { DEFAULT_PAGE } from './dto/common.dto';

/**
 * Agency administration (SYSTEM_ADMIN only, by the permission `agency:manage`). Every write is one
 * transaction with its one audit row. The code is the stable key other systems and the seed use,
 * so it cannot be changed after creation.
 */
@Injectable()
export class AdminAgenciesService {
  constructor(
    private readonly ds: DataSource,
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditService,
  ) {}

  async list(q: ListAgenciesQueryDto): Promise<Page<AgencyView>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const rows = await this.agencies.list(this.ds, q.cursor ? decodeCursor(q.cursor, AGENCY_CODE) : null, limit + 1);
    const page = pageOf(rows, limit, (a) => encodeCursor(a.code));
    return { items: page.items.map(toAgencyView), nextCursor: page.nextCursor };
  }

  async create(ctx: RequestContext, dto: CreateAgencyDto): Promise<AgencyView> {
    return this.ds.transaction(async (m) => {
      await checkCodesExist(m, 'service_type', 'serviceTypes', dto.serviceTypes);
      await checkCodesExist(m, 'province', 'provinces', dto.provinces);
      const id = await this.agencies.insert(m, {
        code: dto.code,
        name_lo: dto.nameLo,
        name_en: dto.nameEn,
        type: dto.type,
        capabilities: dto.capabilities,
        service_types: dto.serviceTypes,
        provinces: dto.provinces,
      });
      if (!id) throw new Conflict('AGENCY_CODE_TAKEN', 'An agency with that code exists already');
      await this.audit.record(
        ctx,
        {
          action: 'AGENCY_CREATED',
          outcome: 'ALLOWED',
          objectType: 'agency',
          objectId: id,
          details: {
            fields: ['code', 'nameLo', 'nameEn', 'type', 'capabilities', 'serviceTypes', 'provinces'],
            code: dto.code,
          },
        },
        m,
      );
      return toAgencyView(await this.loaded(m, id));
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAgencyDto): Promise<AgencyView> {
    return this.ds.transaction(async (m) => {
      const a = await this.agencies.load(m, id, true);
      if (!a) throw new NotFound();
      if (a.version !== dto.version) throw staleVersion();
      if (dto.active === false && a.active && a.id === ctx.actor?.agencyId) {
        // deactivating the own agency would lock every system administrator out, this one first
        throw new Conflict('CANNOT_CHANGE_SELF', 'You cannot deactivate your own agency');
      }
      const changes: AgencyChanges = {};
      const fields: string[] = [];
      const set = <K extends keyof AgencyChanges>(column: K, field: string, value: AgencyChanges[K]) => {
        changes[column] = value;
        fields.push(field);
      };
      if (dto.nameLo !== undefined && dto.nameLo !== a.name_lo) set('name_lo', 'nameLo', dto.nameLo);
      if (dto.nameEn !== undefined && dto.nameEn !== a.name_en) set('name_en', 'nameEn', dto.nameEn);
      if (dto.type !== undefined && dto.type !== a.type) set('type', 'type', dto.type);
      if (dto.capabilities !== undefined && !sameSet(dto.capabilities, a.capabilities))
        set('capabilities', 'capabilities', dto.capabilities);
      if (dto.serviceTypes !== undefined && !sameSet(dto.serviceTypes, a.service_types)) {
        await checkCodesExist(m, 'service_type', 'serviceTypes', dto.serviceTypes);
        set('service_types', 'serviceTypes', dto.serviceTypes);
      }
      if (dto.provinces !== undefined && !sameSet(dto.provinces, a.provinces)) {
        await checkCodesExist(m, 'province', 'provinces', dto.provinces);
        set('provinces', 'provinces', dto.provinces);
      }
      if (dto.active !== undefined && dto.active !== a.active) set('active', 'active', dto.active);
      if (!fields.length) return toAgencyView(a); // nothing changed: nothing written

      const n = await this.agencies.update(m, id, dto.version, changes);
      if (n !== 1) throw staleVersion();
      await this.audit.record(
        ctx,
        {
          action: 'AGENCY_UPDATED',
          outcome: 'ALLOWED',
          objectType: 'agency',
          objectId: id,
          details: {
            fields,
            code: a.code,
            ...(dto.active !== undefined && dto.active !== a.active ? { active: dto.active } : {}),
          },
        },
        m,
      );
      return toAgencyView(await this.loaded(m, id));
    });
  }

  private async loaded(m: Runner, id: string): Promise<AgencyRow> {
    const a = await this.agencies.load(m, id);
    if (!a) throw new Error(`agency ${id} vanished in its own transaction`);
    return a;
  }
}
