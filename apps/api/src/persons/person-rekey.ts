import type { Runner } from '../platform/database/sql';
import type { PersonRepository } from './person.repository';

/** What a re-key run did. */
export interface RekeyReport {
  /** persons read on an older key derivation */
  read: number;
  /** persons whose search columns were rewritten */
  written: number;
  /** persons still on an older derivation after the run (edited meanwhile, unreadable, or stopped early) */
  left: number;
}

/**
 * `persons:rekey` (issue 19): rewrites `name_grams` / `name_bidx` of every person whose
 * `name_keys_version` is older than PERSON_NAME_KEYS_VERSION, in keyset batches by id, each batch its
 * own statement (no long transaction; the system keeps running). Resumable: a row is selected only
 * while it is on an older derivation, so an interrupted run is simply run again; `maxBatches` stops
 * early on purpose (tests, or a maintenance window). The identity is decrypted in this process only
 * to derive the keys: nothing leaves it but blind indexes and keyed hashes.
 */
export async function rekeyPersons(
  m: Runner,
  persons: PersonRepository,
  opts: { batch?: number; maxBatches?: number; onBatch?: (done: { read: number; written: number }) => void } = {},
): Promise<RekeyReport> {
  const batch = opts.batch ?? 1000;
  let after = '00000000-0000-0000-0000-000000000000';
  let read = 0;
  let written = 0;
  for (let n = 0; opts.maxBatches === undefined || n < opts.maxBatches; n++) {
    const r = await persons.rekeyBatch(m, after, batch);
    if (r.next === null) break;
    read += r.read;
    written += r.written;
    after = r.next;
    opts.onBatch?.({ read, written });
  }
  return { read, written, left: await persons.countStaleNameKeys(m) };
}
