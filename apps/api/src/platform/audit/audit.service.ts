import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, AuditOutcome } from '@ctms/domain';
import type { RequestContext } from '../http/request-context';

export interface AuditEntry {
  /** one of the shared list, so that every row the portal shows has a Lao and an English label */
  action: AuditAction;
  outcome: AuditOutcome;
  objectType?: string | null;
  objectId?: string | null;
  reason?: string | null;
  /** field names and coded values only: never a protected value, password or token */
  details?: Record<string, unknown> | null;
  /** overrides the actor's username, e.g. the account a failed login named */
  actorUsername?: string | null;
  actorUserId?: string | null;
  actorAgencyId?: string | null;
}

/**
 * The append-only audit writer. Pass the EntityManager of the transaction that makes the change so
 * that the change and its audit row commit or roll back together; pass none for events that change
 * nothing else (a denial, a failed login).
 */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  async record(ctx: RequestContext, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const a = ctx.actor;
    const runner = manager ?? this.ds.manager;
    await runner.query(
      `INSERT INTO audit_event (at, actor_user_id, actor_username, actor_agency_id, actor_roles, action,
         object_type, object_id, outcome, request_id, source_ip, reason, details)
       VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        entry.actorUserId !== undefined ? entry.actorUserId : (a?.userId ?? null),
        entry.actorUsername !== undefined ? entry.actorUsername : (a?.username ?? null),
        entry.actorAgencyId !== undefined ? entry.actorAgencyId : (a?.agencyId ?? null),
        a?.roles ?? [],
        entry.action,
        entry.objectType ?? null,
        entry.objectId ?? null,
        entry.outcome,
        ctx.requestId,
        ctx.sourceIp,
        entry.reason ?? null,
        entry.details ? JSON.stringify(entry.details) : null,
      ],
    );
  }

  /**
   * Seals every audit row whose transaction has finished into hash-chained blocks (decision 0007);
   * returns the rows sealed. The worker calls it every AUDIT_SEAL_EVERY_SECONDS. At most `rounds`
   * blocks of `maxRows` rows per call, so one call stays short after a long outage.
   */
  async seal(maxRows = 50_000, rounds = 20): Promise<number> {
    let total = 0;
    for (let i = 0; i < rounds; i++) {
      const r: { n: number }[] = await this.ds.query('SELECT audit_seal($1) AS n', [maxRows]);
      const n = Number(r[0]?.n ?? 0);
      total += n;
      if (n === 0) break;
    }
    return total;
  }
}
