import type { Permission } from '@ctms/domain';
import type { TranslationKey } from '@ctms/ui';

/**
 * Where the portal shows a notification's object (the API's OBJECT_PATHS, for the pages the
 * portal has), and the permission that page needs. The queue dashboard has no portal page, and
 * exports have a list page (/exports) but no page per export: those notifications carry no link.
 */
const PAGES: Readonly<Record<string, { path: string; permission: Permission }>> = {
  case: { path: '/cases', permission: 'case:read' },
  screening: { path: '/screenings', permission: 'screening:read' },
  referral: { path: '/referrals', permission: 'referral:read' },
  handoff: { path: '/handoffs', permission: 'handoff:read' },
  // both sides open a request's page: the asked agency's supervisors and the caseworker who asked
  match_request: { path: '/match-requests', permission: 'match:request' },
  transfer: { path: '/transfers', permission: 'case:transfer' },
  family_tracing_request: { path: '/family-tracing', permission: 'referral:read' },
};

/** The router link of the object, or null when there is no page for it or the user may not open it. */
export function notificationLink(
  objectType: string,
  objectId: string,
  permissions: ReadonlySet<Permission>,
): string[] | null {
  const page = Object.prototype.hasOwnProperty.call(PAGES, objectType) ? PAGES[objectType] : undefined;
  if (!page || !permissions.has(page.permission)) return null;
  return [page.path, objectId];
}

const KINDS = new Set([
  'referral.received',
  'referral.accepted',
  'referral.declined',
  'referral.completed',
  'referral.cancelled',
  'referral.reassigned',
  'referral.note_added',
  'case.assigned',
  'handoff.received',
  'handoff.returned',
  'handoff.decided',
  'screening.returned',
  'screening.approved',
  'consent.withdrawn',
  'match.received',
  'match.answered',
  'transfer.requested',
  'transfer.accepted',
  'transfer.declined',
  'transfer.cancelled',
  'family_tracing.requested',
  'family_tracing.answered',
  'family_tracing.declined',
  'family_tracing.withdrawn',
  'sla.reminder',
  'sla.breach',
  'visit.overdue',
  'export.ready',
  'export.approval',
  'export.declined',
  'job.dead',
  'account.first_sign_in',
]);

/** The dictionary key of a notification kind; an unknown kind reads "Notification". */
export function kindKey(kind: string): TranslationKey {
  return (KINDS.has(kind) ? `notif.kind.${kind}` : 'notif.kind.other') as TranslationKey;
}
