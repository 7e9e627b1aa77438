import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, AuditOutcome } from '@ctms/domain';
import { FieldCipher } from '../crypto/field-cipher';
import type { RequestContext } from '../http/request-context';

export interface AuditEntry {
  /** one of the shared list, so that every row the portal shows has a Lao and an English label */
  action: AuditAction;
  outcome: AuditOutcome;
  objectType?: string | null;
  objectId?: string | null;
  /** a machine code (NOT_FOUND, a refusal's code); anything else is treated as reasonText */
  reason?: string | null;
  /**
   * free text a person typed (a merge's or an administrator's reason): stored encrypted in
   * reason_enc, bound to the row's seq (decision 0013), never in clear
   */
  reasonText?: string | null;
  /** field names and coded values only: never a protected value, password or token */
  details?: Record<string, unknown> | null;
  /** overrides the actor's username, e.g. the account a failed login named */
  actorUsername?: string | null;
  actorUserId?: string | null;
  actorAgencyId?: string | null;
}

const INSERT_AUDIT = `INSERT INTO audit_event (at, actor_user_id, actor_username, actor_agency_id, actor_roles, action,
     object_type, object_id, outcome, request_id, source_ip, reason, details, seq, reason_enc)
   VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

/**
 * The append-only audit writer. Pass the EntityManager of the transaction that makes the change so
 * that the change and its audit row commit or roll back together; pass none for events that change
 * nothing else (a denial, a failed login).
 */
/** What `reason` may hold in clear: an upper-case code. Anything else is encrypted like reasonText. */
export const AUDIT_REASON_CODE_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The binding of an audit row's encrypted reason: the row's seq, drawn before the INSERT. */
export const auditReasonBinding = (seq: string) => ({
  table: 'audit_event',
  column: 'reason_enc',
  rowId: seq,
});

@Injectable()
export class AuditService {
  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async record(ctx: RequestContext, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const coded = entry.reason === null || entry.reason === undefined || AUDIT_REASON_CODE_RE.test(entry.reason);
    const text = entry.reasonText ?? (coded ? null : (entry.reason ?? null));
    const code = coded ? (entry.reason ?? null) : null;
    if (text === null) {
      await (manager ?? this.ds.manager).query(INSERT_AUDIT, this.values(ctx, entry, code, null, null));
      return;
    }
    // the ciphertext is bound to seq, so seq is drawn first, on the connection that inserts the row
    // (the stamp trigger keeps only the value this session has just drawn)
    const write = async (m: EntityManager): Promise<void> => {
      const drawn: { seq: string }[] = await m.query(`SELECT nextval('audit_event_seq')::text AS seq`);
      const seq = drawn[0]?.seq;
      if (!seq) throw new Error('audit_event_seq gave no value');
      await m.query(
        INSERT_AUDIT,
        this.values(ctx, entry, code, seq, this.cipher.encrypt(text, auditReasonBinding(seq))),
      );
    };
    if (manager?.queryRunner) await write(manager);
    else await this.ds.transaction(write);
  }

  /** The reason of an audit row for a reader: the code, or the decrypted free text. */
  reasonOf(row: { seq: string; reason: string | null; reason_enc: string | null }): string | null {
    if (row.reason_enc) return this.cipher.decrypt(row.reason_enc, auditReasonBinding(row.seq));
    return row.reason;
  }

  private values(
    ctx: RequestContext,
    entry: AuditEntry,
    code: string | null,
    seq: string | null,
    reasonEnc: string | null,
  ): unknown[] {
    const a = ctx.actor;
    return [
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
      code,
      entry.details ? JSON.stringify(entry.details) : null,
      seq,
      reasonEnc,
    ];
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
