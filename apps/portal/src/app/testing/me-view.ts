import type { MeView } from '@ctms/domain';

/** A signed-in caseworker as GET /me answers it, for unit tests; override what the test is about. */
export function meView(overrides: Partial<MeView> = {}): MeView {
  return {
    id: 'u1',
    username: 'atd.caseworker',
    displayName: 'Test User',
    agency: { id: 'a1', code: 'MOPS_ATD', nameLo: 'ກົມຕ້ານການຄ້າມະນຸດ', nameEn: 'Anti-Trafficking Department' },
    roles: ['CASEWORKER'],
    allProvinces: false,
    provinces: ['01'],
    language: 'lo',
    status: 'ACTIVE',
    version: 1,
    permissions: ['profile:read', 'case:read'],
    mustChangePassword: false,
    mfaSetupRequired: false,
    mfaEnabled: false,
    email: 'atd.caseworker@demo.invalid',
    ...overrides,
  };
}
