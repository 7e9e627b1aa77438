import { ALL_PERMISSIONS, rolePermissions, type Permission, type Role } from '@ctms/domain';
import { NAV_ITEMS, visibleNavItems } from './nav';

const pathsFor = (...roles: Role[]) => visibleNavItems(NAV_ITEMS, rolePermissions(roles)).map((i) => i.path);

describe('navigation filtering', () => {
  it('shows nothing that needs a permission to a user without permissions', () => {
    expect(visibleNavItems(NAV_ITEMS, [])).toEqual(NAV_ITEMS.filter((i) => i.permission === null));
  });

  it('shows a caseworker the case work, never users, agencies, audit or statistics', () => {
    expect(pathsFor('CASEWORKER')).toEqual([
      '',
      'screenings',
      'cases',
      'referrals',
      'handoffs',
      'family-tracing',
      'exports',
      'profile',
    ]);
  });

  it('shows the exports page to those who may export (case work), never to administrators, prosecutors or analysts', () => {
    for (const role of ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR'] as const)
      expect(pathsFor(role)).toContain('exports');
    for (const role of ['PROSECUTOR', 'AGENCY_ADMIN', 'SYSTEM_ADMIN', 'ANALYST'] as const)
      expect(pathsFor(role)).not.toContain('exports');
  });

  it('adds the audit trail for a supervisor', () => {
    expect(pathsFor('SUPERVISOR')).toContain('audit');
    expect(pathsFor('SUPERVISOR')).not.toContain('users');
  });

  it('shows the match-request inbox to those who answer requests (supervisors), not to caseworkers who ask', () => {
    expect(pathsFor('SUPERVISOR')).toContain('match-requests');
    for (const role of ['CASEWORKER', 'INVESTIGATOR', 'PROSECUTOR', 'AGENCY_ADMIN', 'SYSTEM_ADMIN', 'ANALYST'] as const)
      expect(pathsFor(role)).not.toContain('match-requests');
  });

  it('shows a prosecutor only handoffs among the case work', () => {
    expect(pathsFor('PROSECUTOR')).toEqual(['', 'handoffs', 'profile']);
  });

  it('shows administrators no case content', () => {
    for (const role of ['AGENCY_ADMIN', 'SYSTEM_ADMIN'] as const) {
      const paths = pathsFor(role);
      expect(paths).toContain('users');
      for (const p of ['screenings', 'cases', 'referrals', 'handoffs', 'audit']) expect(paths).not.toContain(p);
    }
    expect(pathsFor('SYSTEM_ADMIN')).toContain('agencies');
    expect(pathsFor('AGENCY_ADMIN')).not.toContain('agencies');
    // the SLA hours: the system administrator alone (system:settings)
    expect(pathsFor('SYSTEM_ADMIN')).toContain('sla-settings');
    expect(pathsFor('AGENCY_ADMIN')).not.toContain('sla-settings');
    expect(pathsFor('SUPERVISOR')).not.toContain('sla-settings');
  });

  it('shows an analyst statistics only', () => {
    expect(pathsFor('ANALYST')).toEqual(['', 'statistics', 'profile']);
  });

  it('follows the permissions it is given, not the roles', () => {
    const only: Permission[] = ['referral:read'];
    expect(visibleNavItems(NAV_ITEMS, only).map((i) => i.path)).toEqual(['', 'referrals', 'family-tracing']);
  });

  it('declares only permissions from the catalogue, each entry once', () => {
    for (const item of NAV_ITEMS) if (item.permission) expect(ALL_PERMISSIONS).toContain(item.permission);
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length);
    expect(new Set(NAV_ITEMS.map((i) => i.testId)).size).toBe(NAV_ITEMS.length);
  });
});
