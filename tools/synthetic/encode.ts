import type { PersonIdentityInput } from '@ctms/domain';
import type { ClientBase } from 'pg';
import type { FieldCipher } from '../../apps/api/src/platform/crypto/field-cipher';
import {
  documentBlindIndex,
  gramHash,
  identityKeys,
  keyBlindIndex,
  keyTrigrams,
  phoneBlindIndex,
  type MatchKey,
  type PersonSearchColumns,
} from '../../apps/api/src/persons/name-index';
import { splitIdentity } from '../../apps/api/src/persons/person.repository';
import { arrayLiteral, copyFrom, copyText } from './copy';
import type { SyntheticEncryptor } from './fast-cipher';
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
      ['id', 'uuid'],
      ['identity_enc', 'text'],
      ['contact_enc', 'text'],
      ['sex', 'varchar'],
      ['citizenship', 'text[]'],
      ['presumed_minor', 'boolean'],
      ['name_grams', 'int[]'],
      ['name_bidx', 'text[]'],
      ['document_bidx', 'text[]'],
      ['phone_bidx', 'text[]'],
      ['created_by_agency_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  case_record: {
    table: 'case_record',
    columns: [
      ['id', 'uuid'],
      ['case_number', 'varchar'],
      ['person_id', 'uuid'],
      ['lead_agency_id', 'uuid'],
      ['province_code', 'varchar'],
      ['assigned_to_id', 'uuid'],
      ['status', 'varchar'],
      ['identification_status', 'varchar'],
      ['exploitation_types', 'text[]'],
      ['destination_countries', 'text[]'],
      ['risk_level', 'varchar'],
      ['needs', 'text[]'],
      ['flags', 'text[]'],
      ['opened_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['closure_reason', 'varchar'],
      ['exploitation_enc', 'text'],
      ['perpetrators_enc', 'text'],
      ['health_enc', 'text'],
      ['contact_enc', 'text'],
      ['legal_enc', 'text'],
      ['plan_enc', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  screening: {
    table: 'screening',
    columns: [
      ['id', 'uuid'],
      ['agency_id', 'uuid'],
      ['interviewer_id', 'uuid'],
      ['status', 'varchar'],
      ['province_code', 'varchar'],
      ['interview_at', 'timestamptz'],
      ['interview_language', 'varchar'],
      ['content_enc', 'text'],
      ['indicators_enc', 'text'],
      ['is_child', 'boolean'],
      ['person_id', 'uuid'],
      ['case_id', 'uuid'],
      ['submitted_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  consent: {
    table: 'consent',
    columns: [
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['type', 'varchar'],
      ['status', 'varchar'],
      ['agency_ids', 'uuid[]'],
      ['purposes', 'text[]'],
      ['categories', 'text[]'],
      ['given_by', 'varchar'],
      ['form', 'varchar'],
      ['parties_enc', 'text'],
      ['granted_at', 'timestamptz'],
      ['recorded_by_id', 'uuid'],
      ['withdrawn_at', 'timestamptz'],
      ['withdrawn_by_id', 'uuid'],
    ],
  },
  referral: {
    table: 'referral',
    columns: [
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['from_agency_id', 'uuid'],
      ['from_user_id', 'uuid'],
      ['to_agency_id', 'uuid'],
      ['service_types', 'text[]'],
      ['urgency', 'varchar'],
      ['reason_enc', 'text'],
      ['categories', 'text[]'],
      ['consent_ids', 'uuid[]'],
      ['status', 'varchar'],
      ['acknowledge_by', 'timestamptz'],
      ['acknowledged_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  handoff: {
    table: 'handoff',
    columns: [
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['from_agency_id', 'uuid'],
      ['from_user_id', 'uuid'],
      ['to_agency_id', 'uuid'],
      ['status', 'varchar'],
      ['categories', 'text[]'],
      ['packet_enc', 'text'],
      ['receive_by', 'timestamptz'],
      ['received_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  case_note: {
    table: 'case_note',
    columns: [
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['author_id', 'uuid'],
      ['author_agency_id', 'uuid'],
      ['body_enc', 'text'],
      ['created_at', 'timestamptz'],
    ],
  },
  case_event: {
    table: 'case_event',
    columns: [
      ['case_id', 'uuid'],
      ['at', 'timestamptz'],
      ['actor_id', 'uuid'],
      ['actor_agency_id', 'uuid'],
      ['kind', 'varchar'],
      ['details', 'jsonb'],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export type Rows = Record<TableName, Cell[][]>;

export function emptyRows(): Rows {
  return {
    person: [],
    case_record: [],
    screening: [],
    consent: [],
    referral: [],
    handoff: [],
    case_note: [],
    case_event: [],
  };
}

function copyCell(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return copyText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return copyText(arrayLiteral(v));
  return copyText(JSON.stringify(v));
}

/** Rows in COPY's text format: tab-separated fields, \\N for NULL, one line per row. */
export function copyData(rows: readonly Cell[][], width: number): string {
  let out = '';
  for (const r of rows) {
    for (let i = 0; i < width; i++) out += (i === 0 ? '' : '\t') + copyCell(r[i] ?? null);
    out += '\n';
  }
  return out;
}

/** One COPY FROM STDIN per table and chunk: the fastest way in, triggers included. */
export async function insertRows(client: ClientBase, spec: TableSpec, rows: readonly Cell[][]): Promise<number> {
  if (rows.length === 0) return 0;
  return copyFrom(
    client,
    spec.table,
    spec.columns.map(([n]) => n),
    copyData(rows, spec.columns.length),
  );
}

const gramCache = new Map<string, number>();
interface KeyInfo {
  grams: readonly number[];
  bidx: string | null;
}
const keyCache = new Map<string, KeyInfo>();
const CACHE_LIMIT = 500_000;

function cached<K, V>(map: Map<K, V>, k: K, make: () => V): V {
  let v = map.get(k);
  if (v === undefined) {
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(k, (v = make()));
  }
  return v;
}

function keyInfo(cipher: FieldCipher, k: MatchKey): KeyInfo {
  return cached(keyCache, `${k.script}:${k.key}`, () => {
    const grams: number[] = [];
    for (const t of keyTrigrams(k)) grams.push(cached(gramCache, t, () => gramHash(cipher, t)));
    return { grams, bidx: keyBlindIndex(cipher, k) };
  });
}

/**
 * name-index.ts searchColumns() with the keyed hashes memoised: names are built from a few hundred
 * parts, so the same keys and trigrams recur millions of times. The keys come from the API's own
 * identityKeys() (so a change there reaches the generator), each key's trigram hashes and blind
 * index from a cache. Same functions, same values: synthetic.test.ts compares it with
 * person-search-rows.ts personSearchColumns(), and the worker checks one person per chunk.
 */
export function cachedSearchColumns(cipher: FieldCipher, identity: PersonIdentityInput): PersonSearchColumns {
  const grams = new Set<number>();
  const bidx = new Set<string>();
  for (const k of identityKeys(identity)) {
    const info = keyInfo(cipher, k);
    for (const g of info.grams) grams.add(g);
    if (info.bidx !== null) bidx.add(info.bidx);
  }
  const docs = (identity.documents ?? [])
    .map((d) => documentBlindIndex(cipher, d.number))
    .filter((x): x is string => x !== null);
  const phone = identity.phone ? phoneBlindIndex(cipher, identity.phone) : null;
  return {
    nameGrams: [...grams].sort((a, b) => a - b),
    nameBidx: [...bidx].sort(),
    documentBidx: [...new Set(docs)].sort(),
    phoneBidx: phone ? [phone] : [],
  };
}

const PACKET = ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION', 'HEALTH'];
const HANDOFF_CATEGORIES = ['CASE_SUMMARY', 'LEGAL_PROCEEDINGS', 'PERPETRATORS'];
// plaintexts that are the same in every row, serialised once (each row still gets its own ciphertext)
const JSON_PERPETRATORS = JSON.stringify([{ role: 'RECRUITER', description: 'broker from the same district' }]);
const JSON_HEALTH = JSON.stringify({ medical: 'checked at the provincial hospital' });
const JSON_CONTACT = JSON.stringify({ currentShelter: 'provincial shelter', safeContact: 'through the village chief' });
const JSON_LEGAL = JSON.stringify({ willingToTestify: 'UNDECIDED' });
const JSON_PLAN = JSON.stringify({ goals: ['return to school'], services: ['SHELTER'] });
const JSON_INDICATORS = JSON.stringify({ answers: { A1: 'PRESENT', B2: 'UNKNOWN' } });
const JSON_PARTIES = JSON.stringify({ witness: 'village chief' });
const JSON_REASON = JSON.stringify({ reason: 'needs shelter and counselling' });
const JSON_PACKET = JSON.stringify({ summary: 'statement taken; suspects known' });

function personRow(cipher: FieldCipher, sx: SyntheticEncryptor, p: PlannedPerson): Cell[] {
  const { identity, contact } = splitIdentity(p.identity);
  const s = cachedSearchColumns(cipher, p.identity);
  return [
    p.id,
    sx.encryptJson(identity, 'person', 'identity_enc', p.id),
    contact ? sx.encryptJson(contact, 'person', 'contact_enc', p.id) : null,
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
export function encodeCase(cipher: FieldCipher, sx: SyntheticEncryptor, c: PlannedCase, out: Rows): void {
  const enc = (column: string, json: string) => sx.encrypt(json, 'case_record', column, c.id);
  const author = c.assignedTo?.id ?? c.supervisor?.id ?? null;
  for (const p of [c.person, ...c.others]) out.person.push(personRow(cipher, sx, p));
  const updatedAt = c.closedAt ?? new Date(c.openedAt.getTime() + 3_600_000 * (24 + (c.index % 500)));
  out.case_record.push([
    c.id,
    c.caseNumber,
    c.person.id,
    c.leadAgencyId,
    c.province,
    c.assignedTo?.id ?? null,
    c.status,
    c.identificationStatus,
    c.exploitationTypes,
    c.destinations,
    c.riskLevel,
    [],
    c.flags,
    c.openedAt,
    c.closedAt,
    c.closureReason,
    enc(
      'exploitation_enc',
      JSON.stringify({
        narrative: `Recruited in ${c.province} for work in ${c.destinations[0] ?? 'TH'}; passport kept by the employer.`,
        meansOfControl: ['DEBT_BONDAGE'],
      }),
    ),
    enc('perpetrators_enc', JSON_PERPETRATORS),
    enc('health_enc', JSON_HEALTH),
    enc('contact_enc', JSON_CONTACT),
    enc('legal_enc', JSON_LEGAL),
    enc('plan_enc', JSON_PLAN),
    c.openedAt,
    updatedAt,
  ]);
  const interviewer = c.assignedTo?.id ?? c.supervisor?.id;
  if (interviewer) {
    [c.person, ...c.others].forEach((p, k) => {
      const sid = `${c.id.slice(0, 24)}${String(k + 1).padStart(12, '0')}`;
      const status =
        k === 0 ? 'APPROVED' : (['SUBMITTED', 'TERMINATED', 'DRAFT', 'RETURNED'][(c.index + k) % 4] ?? 'SUBMITTED');
      out.screening.push([
        sid,
        c.leadAgencyId,
        interviewer,
        status,
        c.province,
        p.createdAt,
        'lo',
        sx.encryptJson({ bioData: p.identity }, 'screening', 'content_enc', sid),
        sx.encrypt(JSON_INDICATORS, 'screening', 'indicators_enc', sid),
        p.identity.presumedMinor ?? false,
        k === 0 || status === 'APPROVED' ? p.id : null,
        k === 0 ? c.id : null,
        status === 'DRAFT' ? null : p.createdAt,
        p.createdAt,
        p.createdAt,
      ]);
    });
  }
  if (!author) return;
  for (const k of c.consents) {
    out.consent.push([
      k.id,
      c.id,
      k.type,
      k.status,
      k.agencyIds,
      k.purposes,
      k.categories,
      'SELF',
      'WRITTEN_SIGNATURE',
      sx.encrypt(JSON_PARTIES, 'consent', 'parties_enc', k.id),
      k.grantedAt,
      author,
      k.status === 'WITHDRAWN' ? new Date(k.grantedAt.getTime() + 86_400_000) : null,
      k.status === 'WITHDRAWN' ? author : null,
    ]);
  }
  for (const r of c.referrals) {
    const acked = r.status !== 'PENDING' && !(r.status === 'CANCELLED' && c.index % 2 === 0);
    const closed = ['DECLINED', 'COMPLETED', 'CANCELLED'].includes(r.status);
    out.referral.push([
      r.id,
      c.id,
      c.leadAgencyId,
      author,
      r.toAgencyId,
      r.services,
      r.urgency,
      sx.encrypt(JSON_REASON, 'referral', 'reason_enc', r.id),
      PACKET,
      [c.consents[0]?.id ?? ''],
      r.status,
      new Date(r.createdAt.getTime() + 72 * 3_600_000),
      acked ? new Date(r.createdAt.getTime() + 20 * 3_600_000) : null,
      closed ? new Date(r.createdAt.getTime() + 400 * 3_600_000) : null,
      r.createdAt,
      r.createdAt,
    ]);
  }
  for (const h of c.handoffs) {
    out.handoff.push([
      h.id,
      c.id,
      c.leadAgencyId,
      author,
      h.toAgencyId,
      h.status,
      HANDOFF_CATEGORIES,
      sx.encrypt(JSON_PACKET, 'handoff', 'packet_enc', h.id),
      new Date(h.createdAt.getTime() + 72 * 3_600_000),
      h.status === 'SUBMITTED' ? null : new Date(h.createdAt.getTime() + 30 * 3_600_000),
      h.createdAt,
      h.createdAt,
    ]);
  }
  for (const n of c.notes) {
    out.case_note.push([n.id, c.id, author, c.leadAgencyId, sx.encrypt(n.body, 'case_note', 'body_enc', n.id), n.at]);
  }
  out.case_event.push([c.id, c.openedAt, author, c.leadAgencyId, 'CASE_OPENED', null]);
  for (const r of c.referrals)
    out.case_event.push([c.id, r.createdAt, author, c.leadAgencyId, 'REFERRAL_SENT', { referralId: r.id }]);
  if (c.closedAt)
    out.case_event.push([c.id, c.closedAt, author, c.leadAgencyId, 'CASE_CLOSED', { reason: c.closureReason }]);
}
