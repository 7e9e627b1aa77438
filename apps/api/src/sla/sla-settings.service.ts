import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { URGENCIES, URGENCY_SLA_HOURS, SERVICES_SLA_HOURS, type SlaSettingView, type Urgency } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { type Runner } from '../platform/database/sql';
import { ValidationFailed } from '../platform/http/errors';
import { actorOf, type RequestContext } from '../platform/http/request-context';
import type { UpdateSlaSettingsDto } from './dto/sla-settings.dto';
import { SlaSettingsRepository, type SlaSettingRow } from './sla-settings.repository';

/** The hours of both clocks, per urgency, as the referral service uses them. */
export interface SlaHours {
  acknowledge: Record<Urgency, number>;
  services: Record<Urgency, number>;
}

function toView(r: SlaSettingRow): SlaSettingView {
  return {
    urgency: r.urgency,
    acknowledgeHours: r.acknowledge_hours,
    servicesHours: r.services_hours,
    updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
  };
}

/**
 * The SLA hours per urgency (docs/workflows.md "Referral"): read when a referral is sent (its
 * acknowledgement deadline) and when it is accepted (its services deadline); changed by the system
 * administrator, audited with the old and the new hours. A change applies to the next clock started,
 * never to a deadline already set.
 */
@Injectable()
export class SlaSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly settings: SlaSettingsRepository,
  ) {}

  /** The hours in force, inside the caller's transaction; an urgency without a row keeps the code's default. */
  async hours(m: Runner): Promise<SlaHours> {
    const h: SlaHours = { acknowledge: { ...URGENCY_SLA_HOURS }, services: { ...SERVICES_SLA_HOURS } };
    for (const r of await this.settings.all(m)) {
      h.acknowledge[r.urgency] = r.acknowledge_hours;
      h.services[r.urgency] = r.services_hours;
    }
    return h;
  }

  async list(ctx: RequestContext): Promise<SlaSettingView[]> {
    const rows = await this.settings.all(this.ds);
    await this.audit.record(ctx, { action: 'SLA_SETTINGS_READ', outcome: 'ALLOWED', objectType: 'sla_setting' });
    return rows.map(toView);
  }

  async update(ctx: RequestContext, dto: UpdateSlaSettingsDto): Promise<SlaSettingView[]> {
    const seen = dto.settings.map((s) => s.urgency);
    const missing = URGENCIES.filter((u) => !seen.includes(u));
    if (missing.length || new Set(seen).size !== seen.length) {
      throw new ValidationFailed([
        { field: 'settings', problems: [`must hold each urgency once (${URGENCIES.join(', ')})`] },
      ]);
    }
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const before = await this.settings.all(m, true);
      for (const s of dto.settings)
        await this.settings.update(m, s.urgency, s.acknowledgeHours, s.servicesHours, actor.userId);
      const after = await this.settings.all(m);
      const hours = (rows: SlaSettingRow[]) =>
        Object.fromEntries(
          rows.map((r) => [r.urgency, { acknowledge: r.acknowledge_hours, services: r.services_hours }]),
        );
      await this.audit.record(
        ctx,
        {
          action: 'SLA_SETTINGS_UPDATED',
          outcome: 'ALLOWED',
          objectType: 'sla_setting',
          details: { before: hours(before), after: hours(after) },
        },
        m,
      );
      return after.map(toView);
    });
  }
}
