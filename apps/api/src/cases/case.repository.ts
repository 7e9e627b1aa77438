import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CaseListSort, CaseStatus, DataCategory, IdentificationStatus } from '@ctms/domain';
import { caseCategoriesOf, caseLead, holds } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, seqKeyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * The case record. The protected categories are encrypted JSON bound to (case_record, column, id);
 * what a caller's relation carries is decided by case_relation_categories (the access layer).
 */
export const caseTable = table('case_record', {
  id: col('uuid'),
  case_number: col('varchar'),
  person_id: col('uuid'),
  lead_agency_id: col('uuid'),
  province_code: col('varchar'),
  assigned_to_id: col('uuid').nullable(),
  status: col('varchar').of<CaseStatus>(),
  identification_status: col('varchar').of<IdentificationStatus>(),
  exploitation_types: col('_text'),
  destination_countries: col('_text'),
  risk_level: col('varchar').nullable(),
  needs: col('_text'),
  flags: col('_text'),
  opened_at: col('timestamptz'),
  closed_at: col('timestamptz').nullable(),
  closure_reason: col('varchar').nullable(),
  exploitation_enc: col('text').nullable(),
  perpetrators_enc: col('text').nullable(),
  health_enc: col('text').nullable(),
  contact_enc: col('text').nullable(),
  legal_enc: col('text').nullable(),
  plan_enc: col('text').nullable(),
  /** when the earliest open plan task or expected visit becomes overdue; kept by triggers (migration AddCaseNextDue) */
  next_due_at: col('timestamptz').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

/** A case's timeline (codes, ids and field names only); its one writer is addCaseEvent (platform/workflow/timeline.ts). */
export const caseEventTable = table('case_event', {
  id: col('int8'),
  case_id: col('uuid'),
  at: col('timestamptz'),
  actor_id: col('uuid').nullable(),
  actor_agency_id: col('uuid').nullable(),
  kind: col('varchar'),
  details: col('jsonb').of<Record<string, unknown>>().nullable(),
});

/** Append-only notes, the body encrypted and bound to (case_note, body_enc, id). */
export const caseNoteTable = table('case_note', {
  id: col('uuid'),
  case_id: col('uuid'),
  author_id: col('uuid'),
  author_agency_id: col('uuid'),
  category: col('varchar'),
  body_enc: col('text'),
  created_at: col('timestamptz'),
});

/** Formal identification decisions, the reasons encrypted and bound to (case_identification, reasons_enc, id). */
export const caseIdentificationTable = table('case_identification', {
  id: col('uuid'),
  case_id: col('uuid'),
  decision: col('varchar'),
  decided_on: col('date'),
  decided_by_id: col('uuid'),
  agency_id: col('uuid'),
  reasons_enc: col('text'),
  created_at: col('timestamptz'),
});

/** The case-number sequence per province and year (its row lock serialises concurrent openings). */
export const caseCounterTable = table('case_counter', {
  province_code: col('varchar'),
  year: col('int4'),
  last: col('int4'),
});

export type CasePatch = Parameters<typeof caseTable.set>[0];

/** The columns every case query selects. */
export type CaseSummaryRow = PickRow<
  typeof caseTable,
  | 'id'
  | 'case_number'
  | 'status'
  | 'identification_status'
  | 'province_code'
  | 'lead_agency_id'
  | 'assigned_to_id'
  | 'flags'
  | 'exploitation_types'
  | 'opened_at'
  | 'updated_at'
  | 'version'
> &
  KeysetRow & { lead_agency_code: string; assigned_username: string | null; assigned_display_name: string | null };

/** Relations that open a case (docs/access.md "Relations that open a case"), as the load names them. */
export type CaseRelation =
  | 'LEAD_AGENCY'
  | 'REFERRAL_PENDING'
  | 'REFERRAL_ACTIVE'
  | 'REFERRAL_COMPLETED'
  | 'REFERRAL_CLOSED'
  | 'HANDOFF'
  | 'TRANSFER_PENDING'
  | 'FORMER_LEAD'
  | 'IDENTIFICATION_REQUEST';

export type CaseRow = CaseSummaryRow &
  PickRow<
    typeof caseTable,
    | 'destination_countries'
    | 'risk_level'
    | 'needs'
    | 'closed_at'
    | 'closure_reason'
    | 'exploitation_enc'
    | 'perpetrators_enc'
    | 'health_enc'
    | 'contact_enc'
    | 'legal_enc'
    | 'plan_enc'
  > & {
    /** NULL unless the relation carries IDENTITY */
    person_id: string | null;
    /** the categories the caller's relation carries (case_relation_categories) */
    visible_categories: DataCategory[] | null;
    relation: CaseRelation | null;
    ident_id: string | null;
    ident_decision: string | null;
    ident_decided_on: string | null;
    ident_decided_by_id: string | null;
    ident_decided_by_username: string | null;
    ident_decided_by_display_name: string | null;
    ident_agency_code: string | null;
    ident_reasons_enc: string | null;
    ident_created_at: Date | null;
  };

/** What a write on a case's records (a referral, a handoff, a consent …) needs of the case: the editor rule's facts. */
export type CaseLockRow = PickRow<
  typeof caseTable,
  'id' | 'status' | 'province_code' | 'lead_agency_id' | 'assigned_to_id'
>;

export type CaseNoteRow = PickRow<typeof caseNoteTable, 'id' | 'category' | 'body_enc' | 'author_id' | 'created_at'> &
  KeysetRow & { author_username: string | null; author_display_name: string | null };

export type CaseEventRow = Omit<PickRow<typeof caseEventTable, 'kind' | 'at' | 'actor_id' | 'details'>, never> & {
  id: string;
  actor_username: string | null;
  actor_display_name: string | null;
};

export interface AccessLogRow {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_display_name: string | null;
  agency_code: string | null;
  action: string;
  outcome: string;
}

/** The person's open case of an agency, for a screening approval to attach to. */
export type OpenCaseRow = PickRow<typeof caseTable, 'id' | 'case_number' | 'exploitation_enc'>;

export interface CaseFilter {
  status?: CaseStatus;
  province?: string;
  /** a user id */
  assignedTo?: string;
  /** true: nobody active is assigned (none, or a disabled user); false: somebody active */
  unassigned?: boolean;
  /** only cases that are not closed (the caseload's drill-down) */
  open?: boolean;
  riskLevel?: string;
  /** the CHILD flag set (true) or not (false) */
  child?: boolean;
  /** the RESTRICTED flag set (true) or not (false) */
  restricted?: boolean;
  identification?: IdentificationStatus;
  /** an exact case number */
  caseNumber?: string;
  /** only the cases of these persons (a name search's visible candidates) */
  personIds?: readonly string[];
  /** something of the case is past its due day (true) or nothing is (false): `next_due_at` */
  overdue?: boolean;
  /** `due`: only the cases with something due, the earliest due first (default: most recently changed first) */
  sort?: CaseListSort;
  cursor?: string;
  limit?: number;
}

export interface NewCase {
  id: string;
  caseNumber: string;
  personId: string;
  leadAgencyId: string;
  provinceCode: string;
  exploitationTypes: string[];
  needs: string[];
  flags: string[];
  assignedToId: string | null;
  destinationCountries: string[];
}

/** What a screening attached to an open case adds to it. */
export interface CaseAddition {
  exploitationTypes: string[];
  needs: string[];
  child: boolean;
  destinationCountries: string[];
}

export const caseKeyset = keyset('c.updated_at', 'c.id');
/** The case list by due date (decision 0036): `next_due_at`, earliest first, over IDX_case_next_due. */
export const caseDueKeyset = keyset('c.next_due_at', 'c.id', 'oldest');

/** The keyset a case list sorted by `sort` pages with (its rows and cursors have the same shape). */
export function caseListKeyset(sort: CaseListSort | undefined): typeof caseKeyset {
  return sort === 'due' ? caseDueKeyset : caseKeyset;
}
export const noteKeyset = keyset('n.created_at', 'n.id', 'oldest');
export const eventKeyset = seqKeyset('e.id');
export const accessLogKeyset = seqKeyset('x.seq');

/**
 * The assignee is joined only while ACTIVE: a disabled user's cases show as unassigned at once, in
 * the list, its `unassigned` filter, the caseload and the case (decision 0034), and no case row is
 * rewritten when an administrator disables someone.
 */
const SUMMARY =
  raw(`c.id, c.case_number, c.status, c.identification_status, c.province_code, c.lead_agency_id, a.code AS lead_agency_code,
  u.id AS assigned_to_id, u.username AS assigned_username, u.display_name AS assigned_display_name, c.flags, c.exploitation_types, c.opened_at, c.updated_at, c.version`);
const SUMMARY_JOINS = raw(
  `JOIN agency a ON a.id = c.lead_agency_id LEFT JOIN app_user u ON u.id = c.assigned_to_id AND u.status = 'ACTIVE'`,
);

type EncryptedCategoryName =
  | 'EXPLOITATION_ACCOUNT'
  | 'PERPETRATORS'
  | 'HEALTH'
  | 'CONTACT_LOCATION'
  | 'LEGAL_PROCEEDINGS';

/**
 * The caller's strongest relation to case `c`, given `cats` (its case_relation_categories): what it
 * may see is decided by that function (the access layer), this only names the relation for the portal.
 */
function relationKind(actor: Actor, cats: Sql): Sql {
  const agency = actor.agencyId;
  return sql`CASE
    WHEN ${cats} IS NULL THEN NULL
    WHEN ${caseLead(actor, 'c')} THEN 'LEAD_AGENCY'
    WHEN EXISTS (SELECT 1 FROM case_transfer tt WHERE tt.case_id = c.id AND tt.from_agency_id = ${agency}::uuid AND tt.status = 'ACCEPTED' AND cardinality(tt.retained_categories) > 0) THEN 'FORMER_LEAD'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid AND rr.status IN ('ACCEPTED','IN_PROGRESS')) THEN 'REFERRAL_ACTIVE'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid AND rr.status = 'PENDING') THEN 'REFERRAL_PENDING'
    WHEN EXISTS (SELECT 1 FROM handoff hh WHERE hh.case_id = c.id AND hh.to_agency_id = ${agency}::uuid AND hh.status <> 'WITHDRAWN') THEN 'HANDOFF'
    WHEN EXISTS (SELECT 1 FROM case_transfer tt WHERE tt.case_id = c.id AND tt.to_agency_id = ${agency}::uuid AND tt.status = 'REQUESTED') THEN 'TRANSFER_PENDING'
    WHEN EXISTS (SELECT 1 FROM identification_request ir WHERE ir.case_id = c.id AND ir.to_agency_id = ${agency}::uuid AND ir.status IN ('REQUESTED','DECIDED')) THEN 'IDENTIFICATION_REQUEST'
    WHEN EXISTS (SELECT 1 FROM referral rr WHERE rr.case_id = c.id AND rr.to_agency_id = ${agency}::uuid
                  AND (rr.status = 'COMPLETED' OR (rr.status = 'CANCELLED' AND rr.acknowledged_at IS NOT NULL))) THEN 'REFERRAL_COMPLETED'
    ELSE 'REFERRAL_CLOSED' END`;
}

/** The statements, pure: case.repository.spec.ts snapshots each one's text. */
export const caseSql = {
  /** One page of the cases the caller's agency leads in scope, filtered or searched (case-search.service.ts): one SELECT with its joins. */
  list: (actor: Actor, f: CaseFilter, k = caseListKeyset(f.sort)): Sql =>
    sql`SELECT ${SUMMARY}, ${k.key} FROM case_record c ${SUMMARY_JOINS}
         WHERE ${and([
           caseLead(actor, 'c'),
           f.status ? sql`c.status = ${f.status}` : sql``,
           f.province ? sql`c.province_code = ${f.province}` : sql``,
           f.assignedTo ? sql`c.assigned_to_id = ${f.assignedTo}::uuid AND u.id IS NOT NULL` : sql``,
           f.unassigned === undefined ? sql`` : raw(`u.id IS ${f.unassigned ? '' : 'NOT '}NULL`),
           f.open ? raw(`c.status <> 'CLOSED'`) : sql``,
           f.riskLevel ? sql`c.risk_level = ${f.riskLevel}` : sql``,
           f.child === undefined ? sql`` : raw(`${f.child ? '' : 'NOT '}('CHILD' = ANY(c.flags))`),
           f.restricted === undefined ? sql`` : raw(`${f.restricted ? '' : 'NOT '}('RESTRICTED' = ANY(c.flags))`),
           f.identification ? sql`c.identification_status = ${f.identification}` : sql``,
           f.caseNumber ? sql`c.case_number = ${f.caseNumber}` : sql``,
           f.personIds ? sql`c.person_id = ANY(${f.personIds}::uuid[])` : sql``,
           f.overdue === undefined
             ? sql``
             : raw(
                 f.overdue
                   ? `c.next_due_at <= now() AND c.status <> 'CLOSED'`
                   : `(c.next_due_at IS NULL OR c.next_due_at > now())`,
               ),
           f.sort === 'due' ? raw(`c.next_due_at IS NOT NULL`) : sql``,
           k.after(f.cursor),
         ])}
         ORDER BY ${k.order} LIMIT ${k.limit(f.limit)}`,

  /**
   * One case the caller may open. By default only the lead agency in scope loads it (every write,
   * notes, timeline, access log); `anyRelation` opens it through any relation
   * (case_relation_categories), and then the encrypted columns of categories the relation does not
   * carry are not even selected: they come back NULL.
   */
  load: (actor: Actor, id: string, lock: boolean, anyRelation: boolean): Sql => {
    const cats = raw('rel.cats');
    const lead = sql`(c.lead_agency_id = ${actor.agencyId}::uuid AND ${cats} IS NOT NULL)`;
    const blob = (category: EncryptedCategoryName, column: string) =>
      sql`CASE WHEN ${holds(cats, category)} THEN c.${raw(column)} END AS ${raw(column)}`;
    return sql`SELECT ${SUMMARY}, ${caseKeyset.key}, c.destination_countries, c.risk_level, c.needs, c.closed_at, c.closure_reason,
                 CASE WHEN ${holds(cats, 'IDENTITY')} THEN c.person_id END AS person_id,
                 ${blob('EXPLOITATION_ACCOUNT', 'exploitation_enc')}, ${blob('PERPETRATORS', 'perpetrators_enc')}, ${blob('HEALTH', 'health_enc')},
                 ${blob('CONTACT_LOCATION', 'contact_enc')}, ${blob('LEGAL_PROCEEDINGS', 'legal_enc')},
                 CASE WHEN ${lead} THEN c.plan_enc END AS plan_enc,
                 ${cats} AS visible_categories, ${relationKind(actor, cats)} AS relation,
                 i.id AS ident_id, i.decision AS ident_decision, i.decided_on::text AS ident_decided_on, i.decided_by_id AS ident_decided_by_id,
                 iu.username AS ident_decided_by_username, iu.display_name AS ident_decided_by_display_name, ia.code AS ident_agency_code, i.reasons_enc AS ident_reasons_enc, i.created_at AS ident_created_at
            FROM case_record c ${SUMMARY_JOINS}
            CROSS JOIN LATERAL (SELECT ${caseCategoriesOf(actor, 'c')} AS cats) rel
            LEFT JOIN LATERAL (SELECT * FROM case_identification ci WHERE ci.case_id = c.id AND ${lead} ORDER BY ci.created_at DESC, ci.id DESC LIMIT 1) i ON true
            LEFT JOIN app_user iu ON iu.id = i.decided_by_id
            LEFT JOIN agency ia ON ia.id = i.agency_id
           WHERE c.id = ${id}::uuid AND ${anyRelation ? sql`${cats} IS NOT NULL` : caseLead(actor, 'c')}
           ${raw(lock ? 'FOR UPDATE OF c' : '')}`;
  },

  /** The case the caller's agency leads in scope, locked (`SHARE`: its records are written; `UPDATE`: it is). */
  lockLead: (actor: Actor, id: string, mode: 'SHARE' | 'UPDATE'): Sql =>
    sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id
          FROM case_record c
         WHERE c.id = ${id}::uuid AND ${caseLead(actor, 'c')}
         ${raw(mode === 'SHARE' ? 'FOR SHARE OF c' : 'FOR UPDATE OF c')}`,

  /** A versioned update: 0 rows when someone else changed it first. */
  update: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE case_record SET ${sets}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`,

  insertNote: (id: string, caseId: string, actor: Actor, category: string, bodyEnc: string): Sql =>
    sql`INSERT INTO case_note (id, case_id, author_id, author_agency_id, category, body_enc, created_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${actor.userId}::uuid, ${actor.agencyId}::uuid, ${category}, ${bodyEnc}, clock_timestamp())`,

  note: (id: string): Sql =>
    sql`SELECT n.id, n.category, n.body_enc, n.author_id, u.username AS author_username, u.display_name AS author_display_name, n.created_at, ${noteKeyset.key}
          FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id WHERE n.id = ${id}::uuid`,

  /** A case's notes, oldest first. */
  notes: (caseId: string, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT n.id, n.category, n.body_enc, n.author_id, u.username AS author_username, u.display_name AS author_display_name, n.created_at, ${noteKeyset.key}
          FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id
         WHERE ${and([sql`n.case_id = ${caseId}::uuid`, noteKeyset.after(cursor)])}
         ORDER BY ${noteKeyset.order} LIMIT ${noteKeyset.limit(limit)}`,

  /** A case's timeline, oldest first. */
  events: (caseId: string, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT e.id::text AS id, e.kind, e.at, e.actor_id, u.username AS actor_username, u.display_name AS actor_display_name, e.details
          FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id
         WHERE ${and([sql`e.case_id = ${caseId}::uuid`, eventKeyset.after(cursor)])}
         ORDER BY e.id LIMIT ${eventKeyset.limit(limit)}`,

  /**
   * Who read or changed the case (and who was refused), oldest first: events on the case, its person,
   * its consents, referrals and handoffs. One index range scan on IDX_audit_event_object (type, id,
   * seq) per object, each cut at the page size, then the few rows merged: an OR over the five kinds
   * scanned the table.
   */
  accessLog: (caseId: string, personId: string | null, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`WITH objs(t, id) AS (
           SELECT 'case'::varchar, ${caseId}::varchar
           UNION ALL SELECT 'person', ${personId}::varchar
           UNION ALL SELECT 'consent', k.id::text FROM consent k WHERE k.case_id = ${caseId}::uuid
           UNION ALL SELECT 'referral', r.id::text FROM referral r WHERE r.case_id = ${caseId}::uuid
           UNION ALL SELECT 'handoff', h.id::text FROM handoff h WHERE h.case_id = ${caseId}::uuid
           UNION ALL SELECT 'identification_request', ir.id::text FROM identification_request ir WHERE ir.case_id = ${caseId}::uuid
           UNION ALL SELECT 'closure_request', cr.id::text FROM closure_request cr WHERE cr.case_id = ${caseId}::uuid)
         SELECT e.seq::text AS seq, e.at, e.actor_user_id, e.actor_username, au.display_name AS actor_display_name, ag.code AS agency_code, e.action, e.outcome
           FROM objs o
           CROSS JOIN LATERAL (
             SELECT x.seq, x.at, x.actor_user_id, x.actor_username, x.actor_agency_id, x.action, x.outcome
               FROM audit_event x
              WHERE ${and([sql`x.object_type = o.t AND x.object_id = o.id`, accessLogKeyset.after(cursor)])}
              ORDER BY x.seq LIMIT ${accessLogKeyset.limit(limit)}) e
           LEFT JOIN agency ag ON ag.id = e.actor_agency_id
           LEFT JOIN app_user au ON au.id = e.actor_user_id
          ORDER BY e.seq LIMIT ${accessLogKeyset.limit(limit)}`,

  insertIdentification: (
    id: string,
    caseId: string,
    actor: Actor,
    decision: string,
    decidedOn: string,
    reasonsEnc: string,
  ): Sql =>
    sql`INSERT INTO case_identification (id, case_id, decision, decided_on, decided_by_id, agency_id, reasons_enc, created_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${decision}, ${decidedOn}::date, ${actor.userId}::uuid, ${actor.agencyId}::uuid, ${reasonsEnc}, clock_timestamp())`,

  /** The person row, locked: two approvals for one person do not both open a case. */
  lockPerson: (personId: string): Sql => sql`SELECT id FROM person WHERE id = ${personId}::uuid FOR UPDATE`,

  /** The person's open case with this lead agency, locked (so that it is not closed while a screening attaches). */
  openCaseOf: (personId: string, agencyId: string): Sql =>
    sql`SELECT id, case_number, exploitation_enc FROM case_record
         WHERE person_id = ${personId}::uuid AND lead_agency_id = ${agencyId}::uuid AND status <> 'CLOSED'
         ORDER BY opened_at DESC, id LIMIT 1 FOR UPDATE`,

  /** A screening's facts merged into an open case (codes as sets, the child flag once, the account replaced when given). */
  attach: (id: string, add: CaseAddition, exploitationEnc: string | null): Sql =>
    sql`UPDATE case_record
           SET exploitation_types = ARRAY(SELECT DISTINCT unnest(exploitation_types || ${add.exploitationTypes}::text[]) ORDER BY 1),
               needs = ARRAY(SELECT DISTINCT unnest(needs || ${add.needs}::text[]) ORDER BY 1),
               flags = CASE WHEN ${add.child}::boolean AND NOT ('CHILD' = ANY(flags)) THEN flags || ARRAY['CHILD'] ELSE flags END,
               destination_countries = ARRAY(SELECT DISTINCT unnest(destination_countries || ${add.destinationCountries}::text[]) ORDER BY 1),
               exploitation_enc = COALESCE(${exploitationEnc}, exploitation_enc),
               version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid`,

  /** The next case number's sequence for the province and year (race-free: the row lock serialises). */
  nextSequence: (provinceCode: string, year: number): Sql =>
    sql`INSERT INTO case_counter (province_code, year, last) VALUES (${provinceCode}, ${year}::int, 1)
        ON CONFLICT (province_code, year) DO UPDATE SET last = case_counter.last + 1
        RETURNING last`,

  insert: (c: NewCase, exploitationEnc: string | null): Sql =>
    sql`INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, identification_status,
                                 exploitation_types, needs, flags, opened_at, assigned_to_id, destination_countries, exploitation_enc)
        VALUES (${c.id}::uuid, ${c.caseNumber}, ${c.personId}::uuid, ${c.leadAgencyId}::uuid, ${c.provinceCode}, 'OPEN', 'POSSIBLE_VICTIM',
                ${c.exploitationTypes}::text[], ${c.needs}::text[], ${c.flags}::text[], now(), ${c.assignedToId}::uuid, ${c.destinationCountries}::text[], ${exploitationEnc})`,
};

/** The encrypted JSON columns of a case, each bound to (case_record, column, id). */
export type CaseBlobColumn =
  | 'exploitation_enc'
  | 'perpetrators_enc'
  | 'health_enc'
  | 'contact_enc'
  | 'legal_enc'
  | 'plan_enc';

/** The case aggregate's data access (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class CaseRepository {
  constructor(private readonly cipher: FieldCipher) {}

  list(m: Runner, actor: Actor, f: CaseFilter): Promise<CaseSummaryRow[]> {
    return select<CaseSummaryRow>(m, caseSql.list(actor, f));
  }

  load(
    m: Runner,
    actor: Actor,
    id: string,
    opts: { lock?: boolean; anyRelation?: boolean } = {},
  ): Promise<CaseRow | undefined> {
    return selectOne<CaseRow>(m, caseSql.load(actor, id, opts.lock ?? false, opts.anyRelation ?? false));
  }

  /** The case for a write on one of its records, or undefined when the caller's agency does not lead it in scope. */
  lockLead(m: Runner, actor: Actor, id: string, mode: 'SHARE' | 'UPDATE'): Promise<CaseLockRow | undefined> {
    return selectOne<CaseLockRow>(m, caseSql.lockLead(actor, id, mode));
  }

  /** SETs at the version read (`staleVersion` when someone else changed it); `blobs` are encrypted JSON columns in plaintext. */
  async update(
    m: Runner,
    id: string,
    version: number,
    patch: CasePatch,
    blobs: Partial<Record<CaseBlobColumn, unknown>> = {},
  ): Promise<void> {
    const encrypted: CasePatch = {};
    for (const [column, value] of Object.entries(blobs) as [CaseBlobColumn, unknown][])
      encrypted[column] = this.encryptBlob(id, column, value);
    if ((await exec(m, caseSql.update(id, version, caseTable.set({ ...patch, ...encrypted })))) !== 1)
      throw staleVersion();
  }

  /** Inserts an encrypted, append-only note and answers its id. */
  async addNote(
    m: Runner,
    actor: Actor,
    caseId: string,
    body: string,
    category = 'EXPLOITATION_ACCOUNT',
  ): Promise<string> {
    const id = randomUUID();
    await exec(
      m,
      caseSql.insertNote(
        id,
        caseId,
        actor,
        category,
        this.cipher.encrypt(body, { table: 'case_note', column: 'body_enc', rowId: id }),
      ),
    );
    return id;
  }

  note(m: Runner, id: string): Promise<CaseNoteRow | undefined> {
    return selectOne<CaseNoteRow>(m, caseSql.note(id));
  }

  notes(m: Runner, caseId: string, cursor: string | undefined, limit: number | undefined): Promise<CaseNoteRow[]> {
    return select<CaseNoteRow>(m, caseSql.notes(caseId, cursor, limit));
  }

  events(m: Runner, caseId: string, cursor: string | undefined, limit: number | undefined): Promise<CaseEventRow[]> {
    return select<CaseEventRow>(m, caseSql.events(caseId, cursor, limit));
  }

  accessLog(
    m: Runner,
    caseId: string,
    personId: string | null,
    cursor: string | undefined,
    limit: number | undefined,
  ): Promise<AccessLogRow[]> {
    return select<AccessLogRow>(m, caseSql.accessLog(caseId, personId, cursor, limit));
  }

  /**
   * A formal identification decision: its record (the reasons encrypted) and the case's
   * identification status `to`, at the version read. Answers the decision's id.
   */
  async recordIdentification(
    m: Runner,
    actor: Actor,
    c: { id: string; version: number },
    d: { decision: string; decidedOn: string; reasons: string },
    to: IdentificationStatus,
  ): Promise<string> {
    const id = randomUUID();
    const reasonsEnc = this.cipher.encrypt(d.reasons, {
      table: 'case_identification',
      column: 'reasons_enc',
      rowId: id,
    });
    await exec(m, caseSql.insertIdentification(id, c.id, actor, d.decision, d.decidedOn, reasonsEnc));
    await this.update(m, c.id, c.version, { identification_status: to });
    return id;
  }

  async lockPerson(m: Runner, personId: string): Promise<void> {
    await select(m, caseSql.lockPerson(personId));
  }

  openCaseOf(m: Runner, personId: string, agencyId: string): Promise<OpenCaseRow | undefined> {
    return selectOne<OpenCaseRow>(m, caseSql.openCaseOf(personId, agencyId));
  }

  /** Merges a screening's facts into the open case; `exploitation` (plaintext, already merged) replaces the account when given. */
  async attach(m: Runner, id: string, add: CaseAddition, exploitation: unknown): Promise<void> {
    await exec(
      m,
      caseSql.attach(
        id,
        add,
        exploitation === null || exploitation === undefined
          ? null
          : this.encryptBlob(id, 'exploitation_enc', exploitation),
      ),
    );
  }

  async nextSequence(m: Runner, provinceCode: string, year: number): Promise<number> {
    const row = await selectOne<{ last: number }>(m, caseSql.nextSequence(provinceCode, year));
    if (!row?.last) throw new Error('case_counter returned no sequence');
    return row.last;
  }

  async insert(m: Runner, c: NewCase, exploitation: unknown): Promise<void> {
    await exec(
      m,
      caseSql.insert(
        c,
        exploitation === null || exploitation === undefined
          ? null
          : this.encryptBlob(c.id, 'exploitation_enc', exploitation),
      ),
    );
  }

  /** A protected category of the case row, decrypted with its binding. */
  decryptBlob<T>(id: string, column: CaseBlobColumn, ciphertext: string | null): T | null {
    return this.cipher.decryptJson<T>(ciphertext, { table: 'case_record', column, rowId: id });
  }

  private encryptBlob(id: string, column: CaseBlobColumn, value: unknown): string | null {
    return this.cipher.encryptJson(value, { table: 'case_record', column, rowId: id });
  }
}
