import type { ClientBase } from 'pg';
import type { FieldCipher } from '../../apps/api/src/platform/crypto/field-cipher';
import { documentBlindIndex, gramHash, identityKeys, keyBlindIndex, keyTrigrams, phoneBlindIndex, type PersonSearchColumns } from '../../apps/api/src/persons/name-index';
import type { PersonIdentityInput } from '../../apps/api/src/persons/person.types';
import { splitIdentity } from '../../apps/api/src/persons/person-writer';
import type { PlannedCase, PlannedPerson } from './plan';

/** One column of a bulk insert: its name and the SQL type its text value is cast to. */
export type Column = readonly [name: string, type: string];
export type Cell = string | number | boolean | null | Date | readonly (string | number)[] | Record<string, unknown>;

export interface TableSpec {
  table: string;
  columns: readonly Column[];
}

export const TABLES = {
  person: {
    table: 'person',
    columns: [
      ['id', 'uuid'], ['identity_enc', 'text'], ['contact_enc', 'text'], ['sex', 'varchar'], ['citizenship', 'text[]'], ['presumed_minor', 'boolean'],
      ['name_grams', 'int[]'], ['name_bidx', 'text[]'], ['document_bidx', 'text[]'], ['phone_bidx', 'text[]'], ['created_by_agency_id', 'uuid'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  case_record: {
    table: 'case_record',
    columns: [
      ['id', 'uuid'], ['case_number', 'varchar'], ['person_id', 'uuid'], ['lead_agency_id', 'uuid'], ['province_code', 'varchar'], ['assigned_to_id', 'uuid'],
      ['status', 'varchar'], ['identification_status', 'varchar'], ['exploitation_types', 'text[]'], ['destination_countries', 'text[]'], ['risk_level', 'varchar'],
      ['needs', 'text[]'], ['flags', 'text[]'], ['opened_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['closure_reason', 'varchar'],
      ['exploitation_enc', 'text'], ['perpetrators_enc', 'text'], ['health_enc', 'text'], ['contact_enc', 'text'], ['legal_enc', 'text'], ['plan_enc', 'text'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  screening: {
    table: 'screening',
    columns: [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['interviewer_id', 'uuid'], ['status', 'varchar'], ['province_code', 'varchar'], ['interview_at', 'timestamptz'],
      ['interview_language', 'varchar'], ['content_enc', 'text'], ['indicators_enc', 'text'], ['is_child', 'boolean'], ['person_id', 'uuid'], ['case_id', 'uuid'],
      ['submitted_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  consent: {
    table: 'consent',
    columns: [
      ['id', 'uuid'], ['case_id', 'uuid'], ['type', 'varchar'], ['status', 'varchar'], ['agency_ids', 'uuid[]'], ['purposes', 'text[]'], ['categories', 'text[]'],
      ['given_by', 'varchar'], ['form', 'varchar'], ['parties_enc', 'text'], ['granted_at', 'timestamptz'], ['recorded_by_id', 'uuid'], ['withdrawn_at', 'timestamptz'],
      ['withdrawn_by_id', 'uuid'],
    ],
  },
  referral: {
    table: 'referral',
    columns: [
      ['id', 'uuid'], ['case_id', 'uuid'], ['from_agency_id', 'uuid'], ['from_user_id', 'uuid'], ['to_agency_id', 'uuid'], ['service_types', 'text[]'], ['urgency', 'varchar'],
      ['reason_enc', 'text'], ['categories', 'text[]'], ['consent_ids', 'uuid[]'], ['status', 'varchar'], ['acknowledge_by', 'timestamptz'], ['acknowledged_at', 'timestamptz'],
      ['closed_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  handoff: {
    table: 'handoff',
    columns: [
      ['id', 'uuid'], ['case_id', 'uuid'], ['from_agency_id', 'uuid'], ['from_user_id', 'uuid'], ['to_agency_id', 'uuid'], ['status', 'varchar'], ['categories', 'text[]'],
      ['packet_enc', 'text'], ['receive_by', 'timestamptz'], ['received_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  case_note: {
    table: 'case_note',
    columns: [['id', 'uuid'], ['case_id', 'uuid'], ['author_id', 'uuid'], ['author_agency_id', 'uuid'], ['body_enc', 'text'], ['created_at', 'timestamptz']],
  },
  case_event: {
    table: 'case_event',
    columns: [['case_id', 'uuid'], ['at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_agency_id', 'uuid'], ['kind', 'varchar'], ['details', 'jsonb']],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export type Rows = Record<TableName, Cell[][]>;

export function emptyRows(): Rows {
  return { person: [], case_record: [], screening: [], consent: [], referral: [], handoff: [], case_note: [], case_event: [] };
}

function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

function toText(v: Cell): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return arrayLiteral(v);
  return JSON.stringify(v);
}

/** One INSERT … SELECT FROM unnest(text[] per column): one round trip, any number of rows. */
export async function insertRows(client: ClientBase, spec: TableSpec, rows: readonly Cell[][]): Promise<void> {
  if (rows.length === 0) return;
  const cols = spec.columns;
  const params = cols.map((_, i) => rows.map((r) => toText(r[i] ?? null)));
  const names = cols.map(([n]) => `"${n}"`).join(', ');
  const select = cols.map(([, t], i) => `c${i}::${t}`).join(', ');
  const unnest = cols.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const alias = cols.map((_, i) => `c${i}`).join(', ');
  await client.query(`INSERT INTO "${spec.table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${alias})`, params);
}

const gramCache = new Map<string, number>();
const keyCache = new Map<string, string | null>();

/**
 * name-index.ts searchColumns() with its keyed hashes memoised: names are built from a few hundred
 * parts, so the same trigrams and keys recur millions of times. Same functions, same values.
 */
export function cachedSearchColumns(cipher: FieldCipher, identity: PersonIdentityInput): PersonSearchColumns {
  const keys = identityKeys(identity);
  const grams = new Set<number>();
  const bidx = new Set<string>();
  for (const k of keys) {
    for (const t of keyTrigrams(k)) {
      let h = gramCache.get(t);
      if (h === undefined) gramCache.set(t, (h = gramHash(cipher, t)));
      grams.add(h);
    }
    const id = `${k.script}:${k.key}`;
    let b = keyCache.get(id);
    if (b === undefined) keyCache.set(id, (b = keyBlindIndex(cipher, k)));
    if (b !== null) bidx.add(b);
  }
  const docs = (identity.documents ?? []).map((d) => documentBlindIndex(cipher, d.number)).filter((x): x is string => x !== null);
  const phone = identity.phone ? phoneBlindIndex(cipher, identity.phone) : null;
  return { nameGrams: [...grams].sort((a, b) => a - b), nameBidx: [...bidx].sort(), documentBidx: [...new Set(docs)].sort(), phoneBidx: phone ? [phone] : [] };
}

const PACKET = ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION', 'HEALTH'];

function personRow(cipher: FieldCipher, p: PlannedPerson): Cell[] {
  const { identity, contact } = splitIdentity(p.identity);
  const s = cachedSearchColumns(cipher, p.identity);
  return [
    p.id,
    cipher.encryptJson(identity, { table: 'person', column: 'identity_enc', rowId: p.id }),
    contact ? cipher.encryptJson(contact, { table: 'person', column: 'contact_enc', rowId: p.id }) : null,
    p.identity.sex ?? null,
    p.identity.citizenship ?? [],
    p.identity.presumedMinor ?? false,
    s.nameGrams,
    s.nameBidx,
    s.documentBidx,
    s.phoneBidx,
    p.agencyId,
    p.createdAt,
    p.createdAt,
  ];
}

/** The rows of one planned case, protected categories encrypted with the row's own binding. */
export function encodeCase(cipher: FieldCipher, c: PlannedCase, out: Rows): void {
  const enc = (column: string, value: unknown) => cipher.encryptJson(value, { table: 'case_record', column, rowId: c.id });
  const author = c.assignedTo?.id ?? c.supervisor?.id ?? null;
  for (const p of [c.person, ...c.others]) out.person.push(personRow(cipher, p));
  const updatedAt = c.closedAt ?? new Date(c.openedAt.getTime() + 3_600_000 * (24 + (c.index % 500)));
  out.case_record.push([
    c.id, c.caseNumber, c.person.id, c.leadAgencyId, c.province, c.assignedTo?.id ?? null, c.status, c.identificationStatus, c.exploitationTypes, c.destinations,
    c.riskLevel, [], c.flags, c.openedAt, c.closedAt, c.closureReason,
    enc('exploitation_enc', { narrative: `Recruited in ${c.province} for work in ${c.destinations[0] ?? 'TH'}; passport kept by the employer.`, meansOfControl: ['DEBT_BONDAGE'] }),
    enc('perpetrators_enc', [{ role: 'RECRUITER', description: 'broker from the same district' }]),
    enc('health_enc', { medical: 'checked at the provincial hospital' }),
    enc('contact_enc', { currentShelter: 'provincial shelter', safeContact: 'through the village chief' }),
    enc('legal_enc', { willingToTestify: 'UNDECIDED' }),
    enc('plan_enc', { goals: ['return to school'], services: ['SHELTER'] }),
    c.openedAt, updatedAt,
  ]);
  const interviewer = c.assignedTo?.id ?? c.supervisor?.id;
  if (interviewer) {
    [c.person, ...c.others].forEach((p, k) => {
      const sid = `${c.id.slice(0, 24)}${String(k + 1).padStart(12, '0')}`;
      const status = k === 0 ? 'APPROVED' : (['SUBMITTED', 'TERMINATED', 'DRAFT', 'RETURNED'][(c.index + k) % 4] ?? 'SUBMITTED');
      out.screening.push([
        sid, c.leadAgencyId, interviewer, status, c.province, p.createdAt, 'lo',
        cipher.encryptJson({ bioData: p.identity }, { table: 'screening', column: 'content_enc', rowId: sid }),
        cipher.encryptJson({ answers: { A1: 'PRESENT', B2: 'UNKNOWN' } }, { table: 'screening', column: 'indicators_enc', rowId: sid }),
        p.identity.presumedMinor ?? false, k === 0 || status === 'APPROVED' ? p.id : null, k === 0 ? c.id : null, status === 'DRAFT' ? null : p.createdAt, p.createdAt, p.createdAt,
      ]);
    });
  }
  if (!author) return;
  for (const k of c.consents) {
    out.consent.push([
      k.id, c.id, k.type, k.status, k.agencyIds, k.purposes, k.categories, 'SELF', 'WRITTEN_SIGNATURE',
      cipher.encryptJson({ witness: 'village chief' }, { table: 'consent', column: 'parties_enc', rowId: k.id }),
      k.grantedAt, author, k.status === 'WITHDRAWN' ? new Date(k.grantedAt.getTime() + 86_400_000) : null, k.status === 'WITHDRAWN' ? author : null,
    ]);
  }
  for (const r of c.referrals) {
    const acked = r.status !== 'PENDING' && !(r.status === 'CANCELLED' && c.index % 2 === 0);
    const closed = ['DECLINED', 'COMPLETED', 'CANCELLED'].includes(r.status);
    out.referral.push([
      r.id, c.id, c.leadAgencyId, author, r.toAgencyId, r.services, r.urgency,
      cipher.encryptJson({ reason: 'needs shelter and counselling' }, { table: 'referral', column: 'reason_enc', rowId: r.id }),
      PACKET, [c.consents[0]?.id ?? ''], r.status, new Date(r.createdAt.getTime() + 72 * 3_600_000), acked ? new Date(r.createdAt.getTime() + 20 * 3_600_000) : null,
      closed ? new Date(r.createdAt.getTime() + 400 * 3_600_000) : null, r.createdAt, r.createdAt,
    ]);
  }
  for (const h of c.handoffs) {
    out.handoff.push([
      h.id, c.id, c.leadAgencyId, author, h.toAgencyId, h.status, ['CASE_SUMMARY', 'LEGAL_PROCEEDINGS', 'PERPETRATORS'],
      cipher.encryptJson({ summary: 'statement taken; suspects known' }, { table: 'handoff', column: 'packet_enc', rowId: h.id }),
      new Date(h.createdAt.getTime() + 72 * 3_600_000), h.status === 'SUBMITTED' ? null : new Date(h.createdAt.getTime() + 30 * 3_600_000), h.createdAt, h.createdAt,
    ]);
  }
  for (const n of c.notes) {
    out.case_note.push([n.id, c.id, author, c.leadAgencyId, cipher.encrypt(n.body, { table: 'case_note', column: 'body_enc', rowId: n.id }), n.at]);
  }
  out.case_event.push([c.id, c.openedAt, author, c.leadAgencyId, 'CASE_OPENED', null]);
  for (const r of c.referrals) out.case_event.push([c.id, r.createdAt, author, c.leadAgencyId, 'REFERRAL_SENT', { referralId: r.id }]);
  if (c.closedAt) out.case_event.push([c.id, c.closedAt, author, c.leadAgencyId, 'CASE_CLOSED', { reason: c.closureReason }]);
}
