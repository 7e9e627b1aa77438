import type { PersonContact, PersonIdentity, PersonMergeView, PersonView } from '@ctms/domain';
import type { PersonMergeRow, PersonReadRow } from './person.repository';

/** A person's record from its row and its decrypted identity and contact. */
export function toPersonView(row: PersonReadRow, identity: PersonIdentity, contact: PersonContact | null): PersonView {
  return {
    id: row.id,
    version: row.version,
    mergedInto: null,
    sex: row.sex,
    citizenship: row.citizenship,
    presumedMinor: row.presumed_minor,
    identity,
    contact,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toMergeView(r: PersonMergeRow): PersonMergeView {
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    mergedAt: new Date(r.merged_at).toISOString(),
    undoneAt: r.undone_at ? new Date(r.undone_at).toISOString() : null,
  };
}
