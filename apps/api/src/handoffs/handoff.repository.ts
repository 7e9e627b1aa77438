import { HANDOFF_BASE_CATEGORIES, HANDOFF_CONSENTED_CATEGORIES, HANDOFF_RECEIVE_BY_DAYS } from '@ctms/domain';
import { Injectable } from '@nestjs/common';
import type { DataCategory, HandoffStatus, IdentificationStatus, Verdict } from '@ctms/domain';
import { handoffReceiver, handoffSender } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * A prosecution handoff (MoPS ATD → OSPP). packet_enc (statement, evidence, proposed charges,
 * protection), suspects_enc and prosecution_enc (returns, charges filed, trial, verdict) are
 * encrypted JSON bound to (handoff, column, id). Indexes: IDX_handoff_case, _incoming, _outgoing.
 */
export const handoffTable = table('handoff', {
  id: col('uuid'),
  case_id: col('uuid'),
  from_agency_id: col('uuid'),
  from_user_id: col('uuid'),
  to_agency_id: col('uuid'),
  status: col('varchar').of<HandoffStatus>(),
  categories: col('_text').of<DataCategory[]>(),
  packet_enc: col('text').nullable(),
  suspects_enc: col('text').nullable(),
  willing_to_testify: col('varchar').nullable(),
  prosecutor_id: col('uuid').nullable(),
  prosecution_enc: col('text').nullable(),
  verdict: col('varchar').of<Verdict>().nullable(),
  receive_by: col('timestamptz'),
  received_at: col('timestamptz').nullable(),
  closed_at: col('timestamptz').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

export type HandoffPatch = Parameters<typeof handoffTable.set>[0];

/** The columns every handoff query selects, with the caller's two relations to it. */
export type HandoffSummaryRow = PickRow<
  typeof handoffTable,
  | 'id'
  | 'case_id'
  | 'status'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'receive_by'
  | 'received_at'
  | 'closed_at'
  | 'created_at'
  | 'updated_at'
  | 'version'
> &
  KeysetRow & {
    case_number: string;
    from_agency_code: string;
    to_agency_code: string;
    /** the caller's agency sent it (lead agency, in scope) */
    is_sender: boolean;
    /** the caller's agency receives it (and the relation holds) */
    is_receiver: boolean;
  };

export type HandoffRow = HandoffSummaryRow &
  PickRow<
    typeof handoffTable,
    | 'from_user_id'
    | 'prosecutor_id'
    | 'categories'
    | 'packet_enc'
    | 'suspects_enc'
    | 'prosecution_enc'
    | 'willing_to_testify'
    | 'verdict'
  > & {
    from_username: string | null;
    from_display_name: string | null;
    prosecutor_username: string | null;
    prosecutor_display_name: string | null;
    /** stored categories that hold now: the base ones, and the consented ones under an active consent */
    effective_categories: string[];
    case_status: string;
    identification_status: IdentificationStatus;
    province_code: string;
    flags: string[];
    exploitation_types: string[];
    opened_at: Date;
  };

export interface HandoffEventRow {
  kind: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_display_name: string | null;
  actor_agency_code: string | null;
  details: Record<string, unknown> | null;
}

/** The victim's data a receiver may read under consent (decrypted in the service with its binding). */
export interface HandoffVictimRow {
  id: string;
  person_id: string;
  identity_enc: string | null;
  exploitation_enc: string | null;
  health_enc: string | null;
}

export interface NewHandoff {
  id: string;
  caseId: string;
  fromAgencyId: string;
  fromUserId: string;
  toAgencyId: string;
  categories: DataCategory[];
  packet: unknown;
  suspects: unknown;
  willingToTestify: string;
}

export const handoffKeyset = keyset('h.created_at', 'h.id');

const SUMMARY =
  raw(`h.id, h.case_id, c.case_number, h.status, h.from_agency_id, fa.code AS from_agency_code, h.to_agency_id,
  ta.code AS to_agency_code, h.receive_by, h.received_at, h.closed_at, h.created_at, h.updated_at, h.version`);

const DETAIL =
  raw(`h.from_user_id, fu.username AS from_username, fu.display_name AS from_display_name, h.prosecutor_id, pu.username AS prosecutor_username, pu.display_name AS prosecutor_display_name,
  h.categories, h.packet_enc, h.suspects_enc, h.prosecution_enc, h.willing_to_testify, h.verdict,
  c.status AS case_status, c.identification_status, c.province_code, c.flags, c.exploitation_types, c.opened_at,
  ARRAY(SELECT x FROM unnest(h.categories) x
         WHERE x = ANY('{${HANDOFF_BASE_CATEGORIES.join(',')}}'::text[]) OR x = ANY(case_consented_categories(h.case_id, h.to_agency_id, 'LAW_ENFORCEMENT_SHARING'))) AS effective_categories`);

const JOINS = raw(
  `JOIN case_record c ON c.id = h.case_id JOIN agency fa ON fa.id = h.from_agency_id JOIN agency ta ON ta.id = h.to_agency_id`,
);

/**
 * The two relations a handoff has (the access layer): the SENDER is the lead agency that sent it,
 * within the caller's province scope; the RECEIVER is the agency it was sent to, while
 * case_relation_categories grants that agency a relation to the case (not once withdrawn).
 */
function relations(actor: Actor): { sender: Sql; receiver: Sql } {
  return { sender: handoffSender(actor, 'h', 'c'), receiver: handoffReceiver(actor, 'h') };
}

export interface HandoffFilter {
  box?: 'incoming' | 'outgoing';
  status?: HandoffStatus;
  cursor?: string;
  limit?: number;
}

/** The statements, pure: handoff.repository.spec.ts snapshots each one's text. */
export const handoffSql = {
  /** Incoming and/or outgoing handoffs, newest first; no personal data. */
  list: (actor: Actor, f: HandoffFilter): Sql => {
    const rel = relations(actor);
    const boxes =
      f.box === 'incoming' ? rel.receiver : f.box === 'outgoing' ? rel.sender : sql`(${rel.sender} OR ${rel.receiver})`;
    return sql`SELECT ${SUMMARY}, ${handoffKeyset.key}, ${rel.sender} AS is_sender, ${rel.receiver} AS is_receiver
                 FROM handoff h ${JOINS}
                WHERE ${and([boxes, f.status ? sql`h.status = ${f.status}` : sql``, handoffKeyset.after(f.cursor)])}
                ORDER BY ${handoffKeyset.order} LIMIT ${handoffKeyset.limit(f.limit)}`;
  },

  /** One handoff the caller may see (sender or receiver); the rule is in the WHERE clause. */
  load: (actor: Actor, id: string, lock: boolean): Sql => {
    const rel = relations(actor);
    return sql`SELECT ${SUMMARY}, ${handoffKeyset.key}, ${DETAIL}, ${rel.sender} AS is_sender, ${rel.receiver} AS is_receiver
                 FROM handoff h ${JOINS}
                 LEFT JOIN app_user fu ON fu.id = h.from_user_id
                 LEFT JOIN app_user pu ON pu.id = h.prosecutor_id
                WHERE h.id = ${id}::uuid AND (${rel.sender} OR ${rel.receiver})
                ${raw(lock ? 'FOR UPDATE OF h' : '')}`;
  },

  /** Is a handoff of this case to this agency still open? */
  openTo: (caseId: string, toAgencyId: string): Sql =>
    sql`SELECT 1 AS open FROM handoff WHERE case_id = ${caseId}::uuid AND to_agency_id = ${toAgencyId}::uuid AND status NOT IN ('CLOSED', 'WITHDRAWN')`,

  insert: (h: NewHandoff, packetEnc: string | null, suspectsEnc: string | null): Sql =>
    sql`INSERT INTO handoff (id, case_id, from_agency_id, from_user_id, to_agency_id, status, categories, packet_enc, suspects_enc,
          willing_to_testify, receive_by, version, created_at, updated_at)
        VALUES (${h.id}::uuid, ${h.caseId}::uuid, ${h.fromAgencyId}::uuid, ${h.fromUserId}::uuid, ${h.toAgencyId}::uuid, 'SUBMITTED', ${h.categories}::text[],
          ${packetEnc}, ${suspectsEnc}, ${h.willingToTestify}, ${receiveBy()}, 1, now(), now())`,

  /** A versioned update: 0 rows when someone else changed it first. */
  update: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE handoff SET ${sets}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`,

  /** The handoff's events on its case's timeline. */
  events: (caseId: string, handoffId: string): Sql =>
    sql`SELECT e.kind, e.at, e.actor_id, u.username AS actor_username, u.display_name AS actor_display_name, a.code AS actor_agency_code, e.details
          FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN agency a ON a.id = e.actor_agency_id
         WHERE e.case_id = ${caseId}::uuid AND e.details->>'handoffId' = ${handoffId}
         ORDER BY e.id`,

  /** The victim's encrypted data (asked only when the receiver's consented categories allow some of it). */
  victim: (caseId: string): Sql =>
    sql`SELECT c.id, c.person_id, p.identity_enc, c.exploitation_enc, c.health_enc FROM case_record c JOIN person p ON p.id = c.person_id WHERE c.id = ${caseId}::uuid`,
};

/** The deadline for receiving a handoff, from now. */
export function receiveBy(): Sql {
  return sql`now() + make_interval(days => ${HANDOFF_RECEIVE_BY_DAYS}::int)`;
}

type Encrypted = 'packet_enc' | 'suspects_enc' | 'prosecution_enc';

/** The handoff aggregate's data access (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class HandoffRepository {
  constructor(private readonly cipher: FieldCipher) {}

  list(m: Runner, actor: Actor, f: HandoffFilter): Promise<HandoffSummaryRow[]> {
    return select<HandoffSummaryRow>(m, handoffSql.list(actor, f));
  }

  load(m: Runner, actor: Actor, id: string, lock = false): Promise<HandoffRow | undefined> {
    return selectOne<HandoffRow>(m, handoffSql.load(actor, id, lock));
  }

  async hasOpen(m: Runner, caseId: string, toAgencyId: string): Promise<boolean> {
    return (await select(m, handoffSql.openTo(caseId, toAgencyId))).length > 0;
  }

  async insert(m: Runner, h: NewHandoff): Promise<void> {
    await exec(
      m,
      handoffSql.insert(h, this.encrypt(h.id, 'packet_enc', h.packet), this.encrypt(h.id, 'suspects_enc', h.suspects)),
    );
  }

  /** SETs at the version read (`staleVersion` when someone else changed it); `json` are the encrypted JSON columns in plaintext. */
  async update(
    m: Runner,
    h: Pick<HandoffRow, 'id' | 'version'>,
    patch: HandoffPatch,
    json: Partial<Record<Encrypted, unknown>> = {},
  ): Promise<void> {
    const encrypted: HandoffPatch = {};
    for (const [column, value] of Object.entries(json) as [Encrypted, unknown][])
      encrypted[column] = this.encrypt(h.id, column, value);
    if ((await exec(m, handoffSql.update(h.id, h.version, handoffTable.set({ ...patch, ...encrypted })))) !== 1)
      throw staleVersion('handoff');
  }

  events(m: Runner, caseId: string, handoffId: string): Promise<HandoffEventRow[]> {
    return select<HandoffEventRow>(m, handoffSql.events(caseId, handoffId));
  }

  /**
   * The victim data the caller may read of the handoff's case now: only the receiving agency (not
   * also the sender), and only when a consented category travels; otherwise nothing is selected.
   */
  async victim(
    m: Runner,
    h: Pick<HandoffRow, 'case_id' | 'is_receiver' | 'is_sender' | 'effective_categories'>,
  ): Promise<HandoffVictimRow | undefined> {
    const cats = h.effective_categories;
    const receiverSees = h.is_receiver && !h.is_sender && HANDOFF_CONSENTED_CATEGORIES.some((c) => cats.includes(c));
    return receiverSees ? selectOne<HandoffVictimRow>(m, handoffSql.victim(h.case_id)) : undefined;
  }

  private encrypt(id: string, column: Encrypted, value: unknown): string | null {
    return this.cipher.encryptJson(value, { table: 'handoff', column, rowId: id });
  }
}
