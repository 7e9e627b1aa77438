import {
  ALL_PERMISSIONS,
  ASSIGNABLE_BY_AGENCY_ADMIN,
  hasPermission,
  heldToProfile,
  isPermission,
  PERMISSION_CAPABILITY,
  PERMISSIONS,
  permissionsOf,
  permittedInHold,
  ROLE_PERMISSIONS,
  rolePermissions,
  SYSTEM_ADMIN_ONLY_ROLES,
} from './permissions';
import { AGENCY_CAPABILITIES, ROLES, type AgencyCapability, type Role } from './enums';
import { MFA_CODE_PATTERN } from './api-types';

const ALL_CAPS = AGENCY_CAPABILITIES;
const as = (roles: Role[], capabilities: readonly AgencyCapability[] = ALL_CAPS) => ({ roles, capabilities });

describe('permission catalogue', () => {
  it('gives every role a list drawn only from the catalogue', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(isPermission(p)).toBe(true);
  });

  it('says administrators and analysts can read no case content', () => {
    for (const role of ['AGENCY_ADMIN', 'SYSTEM_ADMIN', 'ANALYST'] as const) {
      const content = ROLE_PERMISSIONS[role].filter((p) => PERMISSIONS[p].caseContent);
      expect({ role, content }).toEqual({ role, content: [] });
    }
  });

  it('keeps prosecution with prosecutors and investigators, and review with supervisors', () => {
    expect(hasPermission(as(['PROSECUTOR']), 'handoff:prosecute')).toBe(true);
    expect(hasPermission(as(['INVESTIGATOR']), 'handoff:create')).toBe(true);
    expect(hasPermission(as(['CASEWORKER']), 'handoff:create')).toBe(false);
    expect(hasPermission(as(['CASEWORKER']), 'screening:review')).toBe(false);
    expect(hasPermission(as(['SUPERVISOR']), 'screening:review')).toBe(true);
    expect(hasPermission(as(['PROSECUTOR']), 'screening:read')).toBe(false);
  });

  it('unions the permissions of several roles, and knows nothing of unknown strings', () => {
    const p = permissionsOf(as(['CASEWORKER', 'AGENCY_ADMIN']));
    expect(p.has('case:read') && p.has('user:manage')).toBe(true);
    expect(isPermission('case:delete')).toBe(false);
    expect(isPermission('constructor')).toBe(false);
    expect(ALL_PERMISSIONS.length).toBe(Object.keys(PERMISSIONS).length);
  });

  it('needs the agency capability for the work it belongs to, whatever the roles (the capability rule)', () => {
    // an NGO (receives referrals only) does not screen, merge or identify, even as a supervisor
    const ngo = as(['SUPERVISOR', 'CASEWORKER'], ['RECEIVE_REFERRALS']);
    for (const p of [
      'screening:create',
      'screening:update',
      'screening:review',
      'person:search',
      'person:merge',
      'case:identify',
    ] as const) {
      expect({ p, ok: hasPermission(ngo, p) }).toEqual({ p, ok: false });
    }
    expect(hasPermission(ngo, 'referral:respond')).toBe(true);
    // screening agencies that do not receive referrals do not respond to them
    expect(hasPermission(as(['CASEWORKER'], ['SCREEN']), 'referral:respond')).toBe(false);
    expect(hasPermission(as(['SUPERVISOR'], ['SCREEN']), 'case:identify')).toBe(false);
    expect(hasPermission(as(['SUPERVISOR'], ['SCREEN', 'FORMAL_IDENTIFICATION', 'INVESTIGATE']), 'case:identify')).toBe(
      true,
    );
    expect(hasPermission(as(['PROSECUTOR'], []), 'handoff:prosecute')).toBe(false);
    // every capability named is one that exists
    for (const c of Object.values(PERMISSION_CAPABILITY)) expect(ALL_CAPS).toContain(c);
    // the role-only view still says what a role could do in a fully capable agency
    expect(rolePermissions(['CASEWORKER']).has('screening:create')).toBe(true);
  });

  it("lets agency admins grant only their agency's case-work roles; ANALYST and admin roles are the system admin's", () => {
    expect([...ASSIGNABLE_BY_AGENCY_ADMIN].sort()).toEqual(['CASEWORKER', 'INVESTIGATOR', 'PROSECUTOR', 'SUPERVISOR']);
    for (const r of SYSTEM_ADMIN_ONLY_ROLES) expect(ASSIGNABLE_BY_AGENCY_ADMIN).not.toContain(r);
    expect([...SYSTEM_ADMIN_ONLY_ROLES].sort()).toEqual(['AGENCY_ADMIN', 'ANALYST', 'SYSTEM_ADMIN']);
  });

  it('labels every permission in Lao and English', () => {
    for (const p of ALL_PERMISSIONS) {
      expect(PERMISSIONS[p].lo).toMatch(/[\u0E80-\u0EFF]/);
      expect(PERMISSIONS[p].en.length).toBeGreaterThan(3);
    }
  });
});

describe('an account held to its profile', () => {
  const free = { mustChangePassword: false, mfaSetupRequired: false };
  it('is held by a temporary password or a required MFA not set up, and then keeps only the profile permissions', () => {
    expect(heldToProfile(free)).toBe(false);
    for (const held of [
      { ...free, mustChangePassword: true },
      { ...free, mfaSetupRequired: true },
    ]) {
      expect(heldToProfile(held)).toBe(true);
      expect(ALL_PERMISSIONS.filter((p) => permittedInHold(held, p))).toEqual(
        ALL_PERMISSIONS.filter((p) => p.startsWith('profile:')),
      );
    }
    expect(ALL_PERMISSIONS.filter((p) => permittedInHold(free, p))).toEqual(ALL_PERMISSIONS);
  });
});

describe('MFA codes', () => {
  it('are exactly six digits', () => {
    expect(MFA_CODE_PATTERN.test('012345')).toBe(true);
    for (const bad of ['', '12345', '1234567', '12 456', 'abcdef', ' 123456', '123456\n'])
      expect(MFA_CODE_PATTERN.test(bad)).toBe(false);
  });
});
