import { Injectable } from '@nestjs/common';
import type { ConsentForm, ConsentGiver, ConsentType, DataCategory, ConsentAgencyView } from '@ctms/domain';
import { consent as consentAccess } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';
import type { ConsentParties } from './consent.mapper';

/**
 * A consent: granted and withdrawn, never edited (a trigger refuses anything else). parties_enc
 * (guardian and witness names) and withdrawal_reason_enc are bound to (consent, column, id).
 */
export const consentTable = table('consent', {
  id: col('uuid'),
  case_id: col('uuid'),
  type: col('varchar').of<ConsentType>(),
  status: col('varchar'),
  agency_ids: col('_uuid'),
  purposes: col('_text'),
  categories: col('_text'),
  given_by: col('varchar').of<ConsentGiver>(),
  form: col('varchar').of<ConsentForm>(),
  language: col('varchar').nullable(),
  interpreter_used: col('bool'),
  parties_enc: col('text').nullable(),
  granted_at: col('timestamptz'),
  expires_at: col('timestamptz').nullable(),
  recorded_by_id: col('uuid'),
  withdrawn_at: col('timestamptz').nullable(),
  withdrawn_by_id: col('uuid').nullable(),
  /** legacy plaintext (before decision 0013), until keys:rotate moves it into withdrawal_reason_enc */
  withdrawal_reason: col('varchar').nullable(),
  withdrawal_reason_enc: col('text').nullable(),
});

/** One row of the consent query, with recipient agencies and usernames. */
export type ConsentRow = RowOf<typeof consentTable> &
  KeysetRow & {
    recorded_by_username: string | null;
    recorded_by_display_name: string | null;
    withdrawn_by_username: string | null;
    withdrawn_by_display_name: string | null;
    agencies: ConsentAgencyView[] | null;
  };

/** The case a consent is recorded on, with the editor rule's facts and whether the person is a child. */
export interface ConsentCaseRow {
  id: string;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  status: string;
  is_child: boolean;
}

/** A consent locked for its withdrawal, with its case's editor facts. */
export type ConsentLockRow = PickRow<
  typeof consentTable,
  'id' | 'case_id' | 'type' | 'status' | 'categories' | 'expires_at' | 'withdrawn_at'
> & {
  agency_codes: string[];
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_status: string;
};

export type CoveringRow = PickRow<
  typeof consentTable,
  'id' | 'status' | 'agency_ids' | 'purposes' | 'categories' | 'granted_at' | 'expires_at' | 'withdrawn_at'
>;

export interface NewConsent {
  id: string;
  caseId: string;
  type: ConsentType;
  agencyIds: string[];
  purposes: string[];
  categories: DataCategory[];
  givenBy: ConsentGiver;
  form: ConsentForm;
  language: string | null;
  interpreterUsed: boolean;
  grantedAt: Date;
  expiresAt: Date | null;
  recordedById: string;
}

export const consentKeyset = keyset('k.granted_at', 'k.id');

const SELECT =
  raw(`SELECT k.id, k.case_id, k.type, k.status, k.agency_ids, k.purposes, k.categories, k.given_by, k.form,
         k.language, k.interpreter_used, k.parties_enc, k.granted_at, k.expires_at, k.recorded_by_id,
         ru.username AS recorded_by_username, ru.display_name AS recorded_by_display_name, k.withdrawn_at, k.withdrawn_by_id,
         wu.username AS withdrawn_by_username, wu.display_name AS withdrawn_by_display_name, k.withdrawal_reason, k.withdrawal_reason_enc,
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'nameLo', a.name_lo, 'nameEn', a.name_en) ORDER BY a.code), '[]'::json)
            FROM agency a WHERE a.id = ANY(k.agency_ids)) AS agencies`);
const FROM = raw(`FROM consent k
    LEFT JOIN app_user ru ON ru.id = k.recorded_by_id
    LEFT JOIN app_user wu ON wu.id = k.withdrawn_by_id`);

/** The statements, pure: consent.repository.spec.ts snapshots each one's text. */
export const consentSql = {
  /** The case, if the caller may see its consents (the lead agency in scope), with what a grant needs. */
  loadCase: (actor: Actor, caseId: string): Sql =>
    sql`SELECT c.id, c.lead_agency_id, c.province_code, c.assigned_to_id, c.status, ('CHILD' = ANY(c.flags) OR p.presumed_minor) AS is_child
          FROM case_record c JOIN person p ON p.id = c.person_id
         WHERE c.id = ${caseId}::uuid AND ${consentAccess(actor, 'c')}`,

  insert: (k: NewConsent, partiesEnc: string | null): Sql =>
    sql`INSERT INTO consent (id, case_id, type, status, agency_ids, purposes, categories, given_by, form, language,
          interpreter_used, parties_enc, granted_at, expires_at, recorded_by_id)
        VALUES (${k.id}::uuid, ${k.caseId}::uuid, ${k.type}, 'ACTIVE', ${k.agencyIds}::uuid[], ${k.purposes}::text[], ${k.categories}::text[], ${k.givenBy}, ${k.form},
          ${k.language}, ${k.interpreterUsed}, ${partiesEnc}, ${k.grantedAt}, ${k.expiresAt}, ${k.recordedById}::uuid)`,

  /** One consent by id (the caller established that it may see it). */
  one: (id: string): Sql => sql`${SELECT}, ${consentKeyset.key} ${FROM} WHERE k.id = ${id}::uuid`,

  /** A case's consents, newest grant first. */
  list: (caseId: string, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`${SELECT}, ${consentKeyset.key} ${FROM}
         WHERE ${and([sql`k.case_id = ${caseId}::uuid`, consentKeyset.after(cursor)])}
         ORDER BY ${consentKeyset.order} LIMIT ${consentKeyset.limit(limit)}`,

  /** The consent the caller may see (the case's lead agency in scope), locked for its withdrawal. */
  lock: (actor: Actor, id: string): Sql =>
    sql`SELECT k.id, k.case_id, k.type, k.status, k.categories, k.expires_at, k.withdrawn_at,
               ARRAY(SELECT a.code FROM agency a WHERE a.id = ANY(k.agency_ids) ORDER BY a.code) AS agency_codes,
               c.lead_agency_id, c.province_code, c.assigned_to_id, c.status AS case_status
          FROM consent k JOIN case_record c ON c.id = k.case_id
         WHERE k.id = ${id}::uuid AND ${consentAccess(actor, 'c')}
         FOR UPDATE OF k`,

  withdraw: (id: string, byId: string, reasonEnc: string): Sql =>
    sql`UPDATE consent SET status = 'WITHDRAWN', withdrawn_at = clock_timestamp(), withdrawn_by_id = ${byId}::uuid, withdrawal_reason_enc = ${reasonEnc}
         WHERE id = ${id}::uuid AND status = 'ACTIVE'`,

  /**
   * The case's active consents for the agency and purpose that cover any of the categories, locked
   * FOR SHARE: a withdrawal waits for the caller to commit and then sees what it created.
   */
  covering: (caseId: string, agencyId: string, purpose: string, categories: readonly string[]): Sql =>
    sql`SELECT id, status, agency_ids, purposes, categories, granted_at, expires_at, withdrawn_at
          FROM consent
         WHERE case_id = ${caseId}::uuid AND status = 'ACTIVE' AND ${agencyId}::uuid = ANY(agency_ids) AND ${purpose} = ANY(purposes) AND categories && ${[...categories]}::text[]
         ORDER BY id
         FOR SHARE`,
};

/** The consent aggregate's data access (decision 0018): SQL, row types and the encryption binding. */
@Injectable()
export class ConsentRepository {
  constructor(private readonly cipher: FieldCipher) {}

  loadCase(m: Runner, actor: Actor, caseId: string): Promise<ConsentCaseRow | undefined> {
    return selectOne<ConsentCaseRow>(m, consentSql.loadCase(actor, caseId));
  }

  /** Inserts the consent; the parties are encrypted when any is named. Answers whether they were recorded. */
  async insert(m: Runner, k: NewConsent, parties: ConsentParties): Promise<boolean> {
    const partiesEnc =
      parties.guardianName || parties.witnessName
        ? this.cipher.encryptJson(parties, this.bind('parties_enc', k.id))
        : null;
    await exec(m, consentSql.insert(k, partiesEnc));
    return partiesEnc !== null;
  }

  one(m: Runner, id: string): Promise<ConsentRow | undefined> {
    return selectOne<ConsentRow>(m, consentSql.one(id));
  }

  list(m: Runner, caseId: string, cursor: string | undefined, limit: number | undefined): Promise<ConsentRow[]> {
    return select<ConsentRow>(m, consentSql.list(caseId, cursor, limit));
  }

  lock(m: Runner, actor: Actor, id: string): Promise<ConsentLockRow | undefined> {
    return selectOne<ConsentLockRow>(m, consentSql.lock(actor, id));
  }

  async withdraw(m: Runner, id: string, byId: string, reason: string): Promise<void> {
    await exec(m, consentSql.withdraw(id, byId, this.cipher.encrypt(reason, this.bind('withdrawal_reason_enc', id))));
  }

  covering(
    m: Runner,
    caseId: string,
    agencyId: string,
    purpose: string,
    categories: readonly string[],
  ): Promise<CoveringRow[]> {
    return select<CoveringRow>(m, consentSql.covering(caseId, agencyId, purpose, categories));
  }

  /** The guardian's and witness's names, decrypted. */
  parties(r: Pick<ConsentRow, 'id' | 'parties_enc'>): ConsentParties | null {
    return r.parties_enc
      ? this.cipher.decryptJson<ConsentParties>(r.parties_enc, this.bind('parties_enc', r.id))
      : null;
  }

  /** The withdrawal reason: encrypted, or the legacy plaintext until keys:rotate moved it. */
  withdrawalReason(r: Pick<ConsentRow, 'id' | 'withdrawal_reason' | 'withdrawal_reason_enc'>): string | null {
    return r.withdrawal_reason_enc
      ? this.cipher.decrypt(r.withdrawal_reason_enc, this.bind('withdrawal_reason_enc', r.id))
      : r.withdrawal_reason;
  }

  private bind(column: 'parties_enc' | 'withdrawal_reason_enc', rowId: string) {
    return { table: 'consent', column, rowId };
  }
}
