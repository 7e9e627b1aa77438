import type { Actor } from '../http/request-context';

/**
 * Fixed inputs for the repositories' statement snapshots (`<feature>.repository.spec.ts`): a
 * statement's text depends only on these, so a changed snapshot is a changed query.
 */
export const SNAPSHOT_ACTOR: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'snapshot.user',
  agencyId: '00000000-0000-4000-8000-000000000002',
  agencyCode: 'SNAP',
  capabilities: [],
  roles: ['CASEWORKER'],
  allProvinces: false,
  provinces: ['01'],
};

export const ID = '00000000-0000-4000-8000-00000000000a';
export const OTHER_ID = '00000000-0000-4000-8000-00000000000b';
export const AT = new Date('2026-01-02T03:04:05.000Z');
/** a cursor this API issues (keyset over updated_at/created_at and id) */
export const CURSOR = Buffer.from(JSON.stringify(['2026-01-02T03:04:05.000000Z', ID]), 'utf8').toString('base64url');

/** A supervisor with one province, for the statements whose text differs by role (administration, auth, persons). */
export const SNAPSHOT_SUPERVISOR: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'snapshot.user',
  agencyId: '00000000-0000-4000-8000-0000000000a1',
  agencyCode: 'SNAP',
  capabilities: [],
  roles: ['SUPERVISOR'],
  allProvinces: false,
  provinces: ['VT'],
};

export const ID1 = '00000000-0000-4000-8000-000000000101';
export const ID2 = '00000000-0000-4000-8000-000000000102';
export const ID3 = '00000000-0000-4000-8000-000000000103';
