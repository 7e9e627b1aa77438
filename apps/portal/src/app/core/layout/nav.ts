import type { Permission } from '@ctms/domain';
import type { TranslationKey } from '@ctms/ui';

/** One entry of the main navigation, as data: the permission from the catalogue it needs. */
export interface NavItem {
  /** route path under the shell ('' is home) */
  readonly path: string;
  readonly labelKey: TranslationKey;
  /** null: every signed-in user */
  readonly permission: Permission | null;
  /** stable selector for end-to-end tests */
  readonly testId: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '', labelKey: 'nav.home', permission: null, testId: 'nav-home' },
  { path: 'screenings', labelKey: 'nav.screenings', permission: 'screening:read', testId: 'nav-screenings' },
  { path: 'cases', labelKey: 'nav.cases', permission: 'case:read', testId: 'nav-cases' },
  { path: 'caseload', labelKey: 'nav.caseload', permission: 'case:caseload', testId: 'nav-caseload' },
  { path: 'referrals', labelKey: 'nav.referrals', permission: 'referral:read', testId: 'nav-referrals' },
  { path: 'handoffs', labelKey: 'nav.handoffs', permission: 'handoff:read', testId: 'nav-handoffs' },
  { path: 'transfers', labelKey: 'nav.transfers', permission: 'case:transfer', testId: 'nav-transfers' },
  {
    path: 'identification-requests',
    labelKey: 'nav.identificationRequests',
    permission: 'case:identify',
    testId: 'nav-identification-requests',
  },
  {
    path: 'family-tracing',
    labelKey: 'nav.familyTracing',
    permission: 'referral:read',
    testId: 'nav-family-tracing',
  },
  { path: 'match-requests', labelKey: 'nav.matchRequests', permission: 'match:answer', testId: 'nav-match-requests' },
  { path: 'exports', labelKey: 'nav.exports', permission: 'export:create', testId: 'nav-exports' },
  { path: 'audit', labelKey: 'nav.audit', permission: 'audit:read', testId: 'nav-audit' },
  { path: 'users', labelKey: 'nav.users', permission: 'user:read', testId: 'nav-users' },
  { path: 'agencies', labelKey: 'nav.agencies', permission: 'agency:manage', testId: 'nav-agencies' },
  { path: 'sla-settings', labelKey: 'nav.slaSettings', permission: 'system:settings', testId: 'nav-sla-settings' },
  { path: 'statistics', labelKey: 'nav.statistics', permission: 'stats:read', testId: 'nav-statistics' },
  { path: 'profile', labelKey: 'nav.profile', permission: 'profile:read', testId: 'nav-profile' },
];

/** The entries a user with these permissions may see, in declaration order. */
export function visibleNavItems(items: readonly NavItem[], permissions: Iterable<Permission>): NavItem[] {
  const held = new Set(permissions);
  return items.filter((item) => item.permission === null || held.has(item.permission));
}
