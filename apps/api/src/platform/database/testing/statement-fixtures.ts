import type { Actor } from '../../http/request-context';

/**
 * Fixed inputs for the repositories' statement snapshots (`*.repository.spec.ts`): the text of a
 * statement must not depend on anything but the code.
 */
export const SNAPSHOT_ACTOR: Actor = {
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
