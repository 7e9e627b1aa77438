import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgencyView, Page } from '@ctms/domain';
import { AgencyEntity } from '../agencies/agency.entity';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { execUpdate } from '../platform/database/exec-update';
import { checkCodesExist, sameSet, staleVersion } from './admin-db';
import { decodeCursor, encodeCursor } from './admin-policy';
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
    private readonly audit: AuditService,
  ) {}

  async list(q: ListAgenciesQueryDto): Promise<Page<AgencyView>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const qb = this.ds.getRepository(AgencyEntity).createQueryBuilder('a');
    if (q.cursor) qb.where('a.code > :after', { after: decodeCursor(q.cursor, AGENCY_CODE) });
    const rows = await qb.orderBy('a.code', 'ASC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toAgencyView), nextCursor: rows.length > limit && last ? encodeCursor(last.code) : null };
  }

  async create(ctx: RequestContext, dto: CreateAgencyDto): Promise<AgencyView> {
    return this.ds.transaction(async (m) => {
      await checkCodesExist(m, 'service_type', 'serviceTypes', dto.serviceTypes);
      await checkCodesExist(m, 'province', 'provinces', dto.provinces);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO agency (code, name_lo, name_en, type, capabilities, service_types, provinces)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO NOTHING
         RETURNING id`,
        [dto.code, dto.nameLo, dto.nameEn, dto.type, dto.capabilities, dto.serviceTypes, dto.provinces],
      );
      const created = rows[0];
      if (!created) throw new Conflict('AGENCY_CODE_TAKEN', 'An agency with that code exists already');
      await this.audit.record(
        ctx,
        {
          action: 'AGENCY_CREATED',
          outcome: 'ALLOWED',
          objectType: 'agency',
          objectId: created.id,
          details: { fields: ['code', 'nameLo', 'nameEn', 'type', 'capabilities', 'serviceTypes', 'provinces'], code: dto.code },
        },
        m,
      );
      return toAgencyView(await m.getRepository(AgencyEntity).findOneByOrFail({ id: created.id }));
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAgencyDto): Promise<AgencyView> {
    return this.ds.transaction(async (m) => {
      const a = await m.getRepository(AgencyEntity).createQueryBuilder('a').where('a.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!a) throw new NotFound();
      if (a.version !== dto.version) throw staleVersion();
      if (dto.active === false && a.active && a.id === ctx.actor?.agencyId) {
        // deactivating the own agency would lock every system administrator out, this one first
        throw new Conflict('CANNOT_CHANGE_SELF', 'You cannot deactivate your own agency');
      }
      const sets: string[] = [];
      const params: unknown[] = [id, dto.version];
      const fields: string[] = [];
      const set = (column: string, field: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
        fields.push(field);
      };
      if (dto.nameLo !== undefined && dto.nameLo !== a.nameLo) set('name_lo', 'nameLo', dto.nameLo);
      if (dto.nameEn !== undefined && dto.nameEn !== a.nameEn) set('name_en', 'nameEn', dto.nameEn);
      if (dto.type !== undefined && dto.type !== a.type) set('type', 'type', dto.type);
      if (dto.capabilities !== undefined && !sameSet(dto.capabilities, a.capabilities)) set('capabilities', 'capabilities', dto.capabilities);
      if (dto.serviceTypes !== undefined && !sameSet(dto.serviceTypes, a.serviceTypes)) {
        await checkCodesExist(m, 'service_type', 'serviceTypes', dto.serviceTypes);
        set('service_types', 'serviceTypes', dto.serviceTypes);
      }
      if (dto.provinces !== undefined && !sameSet(dto.provinces, a.provinces)) {
        await checkCodesExist(m, 'province', 'provinces', dto.provinces);
        set('provinces', 'provinces', dto.provinces);
      }
      if (dto.active !== undefined && dto.active !== a.active) set('active', 'active', dto.active);
      if (!fields.length) return toAgencyView(a); // nothing changed: nothing written

      const n = await execUpdate(
        m,
        `UPDATE agency SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
        params,
      );
      if (n !== 1) throw staleVersion();
      await this.audit.record(
        ctx,
        {
          action: 'AGENCY_UPDATED',
          outcome: 'ALLOWED',
          objectType: 'agency',
          objectId: id,
          details: { fields, code: a.code, ...(dto.active !== undefined && dto.active !== a.active ? { active: dto.active } : {}) },
        },
        m,
      );
      return toAgencyView(await m.getRepository(AgencyEntity).findOneByOrFail({ id }));
    });
  }
}
