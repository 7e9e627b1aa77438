import { Injectable } from '@nestjs/common';
import type { DataCategory, DeclineReason, ReferralOutcome, ReferralStatus, ServiceType, Urgency } from '@ctms/domain';
import { holds, referral as referralAccess, referralReceiver, referralSender } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * A referral of a case to an agency inbox. `categories` is the data packet: what the receiving
 * agency may read while the referral lasts (and, once closed, what it had), always narrowed at read
 * time to what an active consent still covers (SQL function case_relation_categories).
 * Indexes: IDX_referral_incoming/_outgoing (agency, status, id), IDX_referral_case, IDX_referral_stats.
 */
export const referralTable = table('referral', {
  id: col('uuid'),
  case_id: col('uuid'),
  from_agency_id: col('uuid'),
  from_user_id: col('uuid'),
  to_agency_id: col('uuid'),
  service_types: col('_text').of<ServiceType[]>(),
  urgency: col('varchar').of<Urgency>(),
  reason_enc: col('text').nullable(),
  /** the data packet: DATA_CATEGORIES that travel (CASE_SUMMARY always does) */
  categories: col('_text').of<DataCategory[]>(),
  /** the consents that covered the packet when it was created */
  consent_ids: col('_uuid'),
  status: col('varchar').of<ReferralStatus>(),
  assigned_to_id: col('uuid').nullable(),
  decline_reason: col('varchar').of<DeclineReason>().nullable(),
  outcome: col('varchar').of<ReferralOutcome>().nullable(),
  /** decline, outcome and cancellation texts */
  notes_enc: col('text').nullable(),
  acknowledge_by: col('timestamptz'),
  acknowledged_at: col('timestamptz').nullable(),
  closed_at: col('timestamptz').nullable(),
  version: col('int4'),
  /** set on acceptance: the first service is due by then (the services SLA of the urgency) */
  services_due_by: col('timestamptz').nullable(),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

/** A service delivered under a referral. Index IDX_referral_service_referral (referral, delivered_on). */
export const referralServiceTable = table('referral_service', {
  id: col('uuid'),
  referral_id: col('uuid'),
  service_type: col('varchar').of<ServiceType>(),
  delivered_on: col('date'),
  /** legacy plaintext from before decision 0013: read-only, emptied by `keys:rotate`, to be dropped */
  provider: col('varchar').nullable(),
  notes_enc: col('text').nullable(),
  recorded_by_id: col('uuid'),
  created_at: col('timestamptz'),
  /** who delivered the service (free text, may name a person), encrypted and bound to this row */
  provider_enc: col('text').nullable(),
});

/**
 * Notes both agencies write on a referral (append-only), the body encrypted and bound to
 * (referral_note, body_enc, id). Index IDX_referral_note_referral (referral, created_at, id).
 */
export const referralNoteTable = table('referral_note', {
  id: col('uuid'),
  referral_id: col('uuid'),
  author_id: col('uuid'),
  author_agency_id: col('uuid'),
  body_enc: col('text'),
  created_at: col('timestamptz'),
});

export type ReferralRow = RowOf<typeof referralTable>;

export type ReferralNoteRow = PickRow<typeof referralNoteTable, 'id' | 'body_enc' | 'author_id' | 'created_at'> &
  KeysetRow & { author_username: string | null; author_display_name: string | null; author_agency_code: string | null };

/** What a printed referral carries: the referral, the case summary, and only the protected columns its packet still covers. */
export interface ReferralPrintRow {
  id: string;
  case_id: string;
  case_number: string;
  status: ReferralStatus;
  urgency: Urgency;
  service_types: ServiceType[];
  reason_enc: string | null;
  created_at: Date;
  acknowledge_by: Date;
  services_due_by: Date | null;
  from_agency_code: string;
  from_agency_name_lo: string;
  from_agency_name_en: string;
  to_agency_code: string;
  to_agency_name_lo: string;
  to_agency_name_en: string;
  province_code: string;
  exploitation_types: string[];
  needs: string[];
  risk_level: string | null;
  /** the packet's categories the receiving agency sees now (consents in force), in the packet's order */
  printed_categories: DataCategory[];
  person_id: string | null;
  sex: string | null;
  identity_enc: string | null;
  contact_enc: string | null;
  exploitation_enc: string | null;
  perpetrators_enc: string | null;
  health_enc: string | null;
  legal_enc: string | null;
}

export type ReferralSummaryRow = PickRow<
  typeof referralTable,
  | 'id'
  | 'case_id'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'service_types'
  | 'urgency'
  | 'status'
  | 'acknowledge_by'
  | 'services_due_by'
  | 'created_at'
  | 'updated_at'
  | 'version'
> &
  KeysetRow & { case_number: string; from_agency_code: string; to_agency_code: string };

export type ReferralDetailRow = ReferralSummaryRow &
  PickRow<
    typeof referralTable,
    | 'from_user_id'
    | 'reason_enc'
    | 'categories'
    | 'consent_ids'
    | 'assigned_to_id'
    | 'decline_reason'
    | 'outcome'
    | 'notes_enc'
    | 'acknowledged_at'
    | 'closed_at'
  > & {
    from_username: string | null;
    from_display_name: string | null;
    effective_categories: DataCategory[] | null;
    assigned_username: string | null;
    assigned_display_name: string | null;
    lead_agency_id: string;
    province_code: string;
    case_assigned_to_id: string | null;
    case_status: string;
    /** the caller's agency is the sending side: the case's lead agency now, in scope (`referralSender`) */
    is_sender: boolean;
    /** the caller's agency received it, in scope (`referralReceiver`) */
    is_receiver: boolean;
  };

export type ReferralServiceRow = Omit<RowOf<typeof referralServiceTable>, 'referral_id'> & {
  recorded_by_username: string | null;
  recorded_by_display_name: string | null;
};

export interface ReferralHistoryRow {
  kind: string;
  at: Date;
  actor_username: string | null;
  actor_display_name: string | null;
  actor_agency_code: string | null;
  details: Record<string, unknown> | null;
}

export interface DirectoryRow {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
  serviceTypes: ServiceType[];
  provinces: string[];
}

export interface ReferralFilter {
  box: 'incoming' | 'outgoing';
  status?: ReferralStatus;
  cursor?: string;
  limit?: number;
}

/** A new referral, its texts in plaintext (the repository encrypts them, bound to the row). */
export interface NewReferral {
  id: string;
  caseId: string;
  fromAgencyId: string;
  fromUserId: string;
  toAgencyId: string;
  serviceTypes: ServiceType[];
  urgency: Urgency;
  reason: string;
  categories: DataCategory[];
  consentIds: string[];
  acknowledgeBy: Date;
  now: Date;
}

export interface NewReferralService {
  id: string;
  referralId: string;
  serviceType: ServiceType;
  deliveredOn: string;
  provider: string | null;
  notes: string | null;
  recordedById: string;
}

export const referralKeyset = keyset('r.updated_at', 'r.id');
export const referralNoteKeyset = keyset('n.created_at', 'n.id', 'oldest');

/** A protected column of the print, selected only when the printed categories hold its category. */
function printed(category: DataCategory, column: string): Sql {
  return sql`CASE WHEN ${holds(raw('x.printed_categories'), category)} THEN ${raw(column)} END`;
}

const SUMMARY =
  raw(`r.id, r.case_id, c.case_number, r.from_agency_id, fa.code AS from_agency_code, r.to_agency_id, ta.code AS to_agency_code,
  r.service_types, r.urgency, r.status, r.acknowledge_by, r.services_due_by, r.created_at, r.updated_at, r.version`);
const JOINS = raw(
  `JOIN case_record c ON c.id = r.case_id JOIN agency fa ON fa.id = r.from_agency_id JOIN agency ta ON ta.id = r.to_agency_id`,
);

/** The statements, pure: referral.repository.spec.ts snapshots each one's text. */
export const referralSql = {
  list: (actor: Actor, f: ReferralFilter): Sql =>
    sql`SELECT ${SUMMARY}, ${referralKeyset.key}
          FROM referral r ${JOINS}
         WHERE ${and([
           // each box is one side of the referral predicate: incoming the receiver, outgoing the sender (the case's lead now)
           f.box === 'incoming' ? referralReceiver(actor, 'r', 'c') : referralSender(actor, 'c'),
           f.status ? sql`r.status = ${f.status}` : sql``,
           referralKeyset.after(f.cursor),
         ])}
         ORDER BY ${referralKeyset.order} LIMIT ${referralKeyset.limit(f.limit)}`,

  /** One referral the caller may see (sender or receiver in scope), with its case's editor facts and the caller's sides. */
  load: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${SUMMARY}, ${referralKeyset.key}, ${referralSender(actor, 'c')} AS is_sender, ${referralReceiver(actor, 'r', 'c')} AS is_receiver, r.from_user_id, fu.username AS from_username, fu.display_name AS from_display_name, r.reason_enc, r.categories, r.consent_ids,
               case_relation_categories(r.case_id, r.to_agency_id, '{}'::text[], true) AS effective_categories,
               r.assigned_to_id, au.username AS assigned_username, au.display_name AS assigned_display_name, r.decline_reason, r.outcome, r.notes_enc, r.acknowledged_at, r.closed_at,
               c.lead_agency_id, c.province_code, c.assigned_to_id AS case_assigned_to_id, c.status AS case_status
          FROM referral r ${JOINS}
          LEFT JOIN app_user fu ON fu.id = r.from_user_id
          LEFT JOIN app_user au ON au.id = r.assigned_to_id
         WHERE r.id = ${id}::uuid AND ${referralAccess(actor, 'r', 'c')}
         ${raw(lock ? 'FOR UPDATE OF r' : '')}`,

  insert: (r: NewReferral, reasonEnc: string | null): Sql =>
    sql`INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, service_types, urgency, reason_enc, categories, consent_ids,
          status, acknowledge_by, version, created_at, updated_at)
        VALUES (${r.id}::uuid, ${r.caseId}::uuid, ${r.fromAgencyId}::uuid, ${r.fromUserId}::uuid, ${r.toAgencyId}::uuid, ${r.serviceTypes}::text[],
          ${r.urgency}, ${reasonEnc}, ${r.categories}::text[], ${r.consentIds}::uuid[], 'PENDING', ${r.acknowledgeBy}, 1, ${r.now}, ${r.now})`,

  /** A versioned update: 0 rows when someone else changed it first. */
  update: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE referral SET ${sets}, version = version + 1, updated_at = clock_timestamp() WHERE id = ${id}::uuid AND version = ${version}::int`,

  insertService: (s: NewReferralService, providerEnc: string | null, notesEnc: string | null): Sql =>
    sql`INSERT INTO referral_service (id, referral_id, service_type, delivered_on, provider_enc, notes_enc, recorded_by_id, created_at)
        VALUES (${s.id}::uuid, ${s.referralId}::uuid, ${s.serviceType}, ${s.deliveredOn}::date, ${providerEnc}, ${notesEnc}, ${s.recordedById}::uuid, clock_timestamp())`,

  services: (referralId: string): Sql =>
    sql`SELECT s.id, s.service_type, s.delivered_on::text AS delivered_on, s.provider, s.provider_enc, s.notes_enc, s.recorded_by_id,
               u.username AS recorded_by_username, u.display_name AS recorded_by_display_name, s.created_at
          FROM referral_service s LEFT JOIN app_user u ON u.id = s.recorded_by_id
         WHERE s.referral_id = ${referralId}::uuid ORDER BY s.delivered_on, s.created_at, s.id`,

  /** The referral's events on its case's timeline. */
  history: (caseId: string, referralId: string): Sql =>
    sql`SELECT e.kind, e.at, u.username AS actor_username, u.display_name AS actor_display_name, a.code AS actor_agency_code, e.details
          FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN agency a ON a.id = e.actor_agency_id
         WHERE e.case_id = ${caseId}::uuid AND e.details->>'referralId' = ${referralId} ORDER BY e.at, e.id`,

  /** The notes of a referral the caller may see (sender or receiver in scope), oldest first; `noteId`: that one only. */
  notes: (
    actor: Actor,
    referralId: string,
    cursor: string | undefined,
    limit: number | undefined,
    noteId?: string,
  ): Sql =>
    sql`SELECT n.id, n.body_enc, n.author_id, u.username AS author_username, u.display_name AS author_display_name, a.code AS author_agency_code, n.created_at, ${referralNoteKeyset.key}
          FROM referral_note n JOIN referral r ON r.id = n.referral_id JOIN case_record c ON c.id = r.case_id
          LEFT JOIN app_user u ON u.id = n.author_id LEFT JOIN agency a ON a.id = n.author_agency_id
         WHERE ${and([sql`n.referral_id = ${referralId}::uuid`, noteId ? sql`n.id = ${noteId}::uuid` : sql``, referralAccess(actor, 'r', 'c'), referralNoteKeyset.after(cursor)])}
         ORDER BY ${referralNoteKeyset.order} LIMIT ${referralNoteKeyset.limit(limit)}`,

  insertNote: (id: string, referralId: string, actor: Actor, bodyEnc: string): Sql =>
    sql`INSERT INTO referral_note (id, referral_id, author_id, author_agency_id, body_enc, created_at)
        VALUES (${id}::uuid, ${referralId}::uuid, ${actor.userId}::uuid, ${actor.agencyId}::uuid, ${bodyEnc}, clock_timestamp())`,

  /**
   * The printable referral for a caller who may see it: the protected columns only for the categories
   * of its packet that the receiving agency sees now (case_relation_categories narrows by status and
   * by the consents in force), so a category outside the packet or no longer consented is not read.
   */
  printable: (actor: Actor, id: string): Sql =>
    sql`SELECT r.id, r.case_id, c.case_number, r.status, r.urgency, r.service_types, r.reason_enc, r.created_at, r.acknowledge_by, r.services_due_by,
               fa.code AS from_agency_code, fa.name_lo AS from_agency_name_lo, fa.name_en AS from_agency_name_en,
               ta.code AS to_agency_code, ta.name_lo AS to_agency_name_lo, ta.name_en AS to_agency_name_en,
               c.province_code, c.exploitation_types, c.needs, c.risk_level, x.printed_categories,
               ${printed('IDENTITY', 'p.id')} AS person_id, ${printed('IDENTITY', 'p.sex')} AS sex, ${printed('IDENTITY', 'p.identity_enc')} AS identity_enc,
               ${printed('CONTACT_LOCATION', 'c.contact_enc')} AS contact_enc, ${printed('EXPLOITATION_ACCOUNT', 'c.exploitation_enc')} AS exploitation_enc,
               ${printed('PERPETRATORS', 'c.perpetrators_enc')} AS perpetrators_enc, ${printed('HEALTH', 'c.health_enc')} AS health_enc,
               ${printed('LEGAL_PROCEEDINGS', 'c.legal_enc')} AS legal_enc
          FROM referral r ${JOINS}
          LEFT JOIN person p ON p.id = c.person_id
          CROSS JOIN LATERAL (
            SELECT ARRAY(SELECT k FROM unnest(r.categories) k WHERE k = ANY(COALESCE(case_relation_categories(r.case_id, r.to_agency_id, '{}'::text[], true), '{}'::text[]))) AS printed_categories
          ) x
         WHERE r.id = ${id}::uuid AND ${referralAccess(actor, 'r', 'c')}`,

  /** Active agencies that receive referrals, offer the service and cover the province (reference data). */
  directory: (serviceType: string, province: string): Sql =>
    sql`SELECT id, code, name_lo AS "nameLo", name_en AS "nameEn", service_types AS "serviceTypes", provinces
          FROM agency
         WHERE active AND 'RECEIVE_REFERRALS' = ANY(capabilities) AND ${serviceType} = ANY(service_types) AND ${province} = ANY(provinces)
         ORDER BY code`,
};

/** The referral aggregate's data access (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class ReferralRepository {
  constructor(private readonly cipher: FieldCipher) {}

  list(m: Runner, actor: Actor, f: ReferralFilter): Promise<ReferralSummaryRow[]> {
    return select<ReferralSummaryRow>(m, referralSql.list(actor, f));
  }

  load(m: Runner, actor: Actor, id: string, lock = false): Promise<ReferralDetailRow | undefined> {
    return selectOne<ReferralDetailRow>(m, referralSql.load(actor, id, lock));
  }

  async insert(m: Runner, r: NewReferral): Promise<void> {
    await exec(
      m,
      referralSql.insert(r, this.cipher.encrypt(r.reason, { table: 'referral', column: 'reason_enc', rowId: r.id })),
    );
  }

  /** SETs at the version read (`staleVersion` when someone else changed it); `note` replaces notes_enc when given. */
  async update(
    m: Runner,
    r: Pick<ReferralRow, 'id' | 'version'>,
    patch: Parameters<typeof referralTable.set>[0],
    note?: string | null,
  ): Promise<void> {
    const sets = referralTable.set(note === undefined ? patch : { ...patch, notes_enc: this.note(r.id, note) });
    if ((await exec(m, referralSql.update(r.id, r.version, sets))) !== 1) throw staleVersion('referral');
  }

  async insertService(m: Runner, s: NewReferralService): Promise<void> {
    const bind = (column: string) => ({ table: 'referral_service', column, rowId: s.id });
    await exec(
      m,
      referralSql.insertService(
        s,
        this.cipher.encrypt(s.provider, bind('provider_enc')),
        s.notes ? this.cipher.encrypt(s.notes, bind('notes_enc')) : null,
      ),
    );
  }

  services(m: Runner, referralId: string): Promise<ReferralServiceRow[]> {
    return select<ReferralServiceRow>(m, referralSql.services(referralId));
  }

  history(m: Runner, caseId: string, referralId: string): Promise<ReferralHistoryRow[]> {
    return select<ReferralHistoryRow>(m, referralSql.history(caseId, referralId));
  }

  directory(m: Runner, serviceType: string, province: string): Promise<DirectoryRow[]> {
    return select<DirectoryRow>(m, referralSql.directory(serviceType, province));
  }

  /** An encrypted, append-only note on the referral. */
  async insertNote(m: Runner, actor: Actor, id: string, referralId: string, body: string): Promise<void> {
    await exec(
      m,
      referralSql.insertNote(
        id,
        referralId,
        actor,
        this.cipher.encrypt(body, { table: 'referral_note', column: 'body_enc', rowId: id }),
      ),
    );
  }

  notes(
    m: Runner,
    actor: Actor,
    referralId: string,
    cursor: string | undefined,
    limit: number | undefined,
  ): Promise<ReferralNoteRow[]> {
    return select<ReferralNoteRow>(m, referralSql.notes(actor, referralId, cursor, limit));
  }

  /** One note of a referral the caller may see; undefined when none. */
  async noteById(m: Runner, actor: Actor, referralId: string, noteId: string): Promise<ReferralNoteRow | undefined> {
    return (await select<ReferralNoteRow>(m, referralSql.notes(actor, referralId, undefined, 1, noteId)))[0];
  }

  printable(m: Runner, actor: Actor, id: string): Promise<ReferralPrintRow | undefined> {
    return selectOne<ReferralPrintRow>(m, referralSql.printable(actor, id));
  }

  private note(referralId: string, text: string | null): string | null {
    return text ? this.cipher.encrypt(text, { table: 'referral', column: 'notes_enc', rowId: referralId }) : null;
  }
}
