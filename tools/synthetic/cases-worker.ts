/**
 * The worker thread of `seed-cases.ts`: plans, keys and encrypts chunks of cases with their main
 * person and hands back their rows in COPY's text format (the main thread copies them in).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { splitIdentity } from '../../apps/api/src/persons/person.repository';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
import { arrayLiteral, copyText } from './copy';
import { syntheticEnv } from './db';
import { cachedSearchColumns } from './encode';
import { SyntheticEncryptor } from './fast-cipher';
import { planCase, type Refs } from './plan';

export interface CasesWorkerInput {
  seed: number;
  refs: Refs;
  /** bench.caseworker's id (named on some RESTRICTED cases of its scope) */
  benchCaseworker: string | null;
}
export interface CasesChunk {
  from: number;
  to: number;
  person: string;
  case_record: string;
  case_restriction_member: string;
  restricted: number;
}

/** Every RESTRICTED_EVERY-th case (by index) is RESTRICTED. */
export const RESTRICTED_EVERY = 40;

export const PERSON_COLUMNS = [
  'id',
  'identity_enc',
  'contact_enc',
  'sex',
  'citizenship',
  'presumed_minor',
  'name_grams',
  'name_bidx',
  'document_bidx',
  'phone_bidx',
  'created_by_agency_id',
  'created_at',
  'updated_at',
];
export const CASE_COLUMNS = [
  'id',
  'case_number',
  'person_id',
  'lead_agency_id',
  'province_code',
  'assigned_to_id',
  'status',
  'identification_status',
  'exploitation_types',
  'destination_countries',
  'risk_level',
  'flags',
  'opened_at',
  'closed_at',
  'closure_reason',
  'created_at',
  'updated_at',
];
export const MEMBER_COLUMNS = ['case_id', 'user_id', 'added_by_id'];

type Value = string | number | boolean | null | Date | readonly (string | number)[];
const cell = (v: Value): string =>
  v === null
    ? '\\N'
    : v instanceof Date
      ? v.toISOString()
      : Array.isArray(v)
        ? copyText(arrayLiteral(v))
        : typeof v === 'string'
          ? copyText(v)
          : String(v);
const line = (cells: readonly Value[]): string => cells.map(cell).join('\t') + '\n';

/** The rows of cases [from, to): each is `planCase(seed, i)` with its main person. */
export function encodeCases(input: CasesWorkerInput, from: number, to: number): CasesChunk {
  const cipher = createFieldCipher(syntheticEnv(), 'production');
  const sx = new SyntheticEncryptor(syntheticEnv());
  const atd = input.refs.agencies.find((a) => a.code === 'MOPS_ATD')?.id;
  const out: CasesChunk = { from, to, person: '', case_record: '', case_restriction_member: '', restricted: 0 };
  for (let i = from; i < to; i++) {
    const c = planCase(input.seed, i, input.refs);
    const p = c.person;
    const s = cachedSearchColumns(cipher, p.identity);
    const { identity, contact } = splitIdentity(p.identity);
    out.person += line([
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
    ]);
    const flags = [...c.flags];
    const named = c.assignedTo?.id ?? c.supervisor?.id;
    if (i % RESTRICTED_EVERY === 3 && named) {
      flags.push('RESTRICTED');
      out.restricted++;
      const by = c.supervisor?.id ?? named;
      out.case_restriction_member += line([c.id, named, by]);
      if (input.benchCaseworker && c.leadAgencyId === atd && c.province === '13' && i % (2 * RESTRICTED_EVERY) === 3)
        out.case_restriction_member += line([c.id, input.benchCaseworker, by]);
    }
    out.case_record += line([
      c.id,
      c.caseNumber,
      p.id,
      c.leadAgencyId,
      c.province,
      c.assignedTo?.id ?? null,
      c.status,
      c.identificationStatus,
      c.exploitationTypes,
      c.destinations,
      c.riskLevel,
      flags,
      c.openedAt,
      c.closedAt,
      c.closureReason,
      c.openedAt,
      c.closedAt ?? new Date(c.openedAt.getTime() + 3_600_000 * (24 + (i % 500))),
    ]);
  }
  return out;
}

if (parentPort && (workerData as { casesWorker?: boolean } | null)?.casesWorker) {
  const port = parentPort;
  const input = (workerData as { input: CasesWorkerInput }).input;
  port.on('message', (m: { from: number; to: number } | 'stop') => {
    if (m === 'stop') return port.close();
    port.postMessage(encodeCases(input, m.from, m.to));
  });
  port.postMessage('ready');
}
