import type { Route } from '@angular/router';
import { authGuard, guestGuard, profileFirstGuard, permissionGuard } from './core/auth/guards';
import { NAV_ITEMS } from './core/layout/nav';

const loadComingSoon = () => import('./shared/coming-soon.page').then((m) => m.ComingSoonPage);

/** Pages built so far; every other navigation entry is a guarded "coming soon" placeholder. */
const PAGES: Record<string, Route['loadComponent']> = {
  '': () => import('./home/home.page').then((m) => m.HomePage),
  profile: () => import('./profile/profile.page').then((m) => m.ProfilePage),
  users: () => import('./admin/users.page').then((m) => m.UsersPage),
  agencies: () => import('./admin/agencies.page').then((m) => m.AgenciesPage),
  'sla-settings': () => import('./admin/sla-settings.page').then((m) => m.SlaSettingsPage),
  audit: () => import('./audit/audit.page').then((m) => m.AuditPage),
  'identification-requests': () => import('./cases/identification-inbox.page').then((m) => m.IdentificationInboxPage),
  'match-requests': () => import('./match-requests/match-request-list.page').then((m) => m.MatchRequestListPage),
};

/** Sections with pages of their own below the list (e.g. /screenings/new, /screenings/:id): lazy child routes. */
const SECTIONS: Record<string, Route['loadChildren']> = {
  screenings: () => import('./screenings/screenings.routes').then((m) => m.SCREENING_ROUTES),
  cases: () => import('./cases/cases.routes').then((m) => m.CASE_ROUTES),
  referrals: () => import('./referrals/referrals.routes').then((m) => m.REFERRAL_ROUTES),
  handoffs: () => import('./handoffs/handoffs.routes').then((m) => m.HANDOFF_ROUTES),
  transfers: () => import('./transfers/transfers.routes').then((m) => m.TRANSFER_ROUTES),
};

/** One child route per navigation entry, guarded by the same permission that shows the entry. */
const shellChildren: Route[] = NAV_ITEMS.map((item) => ({
  path: item.path,
  pathMatch: item.path === '' ? 'full' : 'prefix',
  ...(item.permission ? { canActivate: [permissionGuard(item.permission)] } : {}),
  ...(SECTIONS[item.path] ? { loadChildren: SECTIONS[item.path] } : { loadComponent: PAGES[item.path] ?? loadComingSoon }),
  data: { titleKey: item.labelKey },
}));

export const appRoutes: Route[] = [
  // the one-time activation link (its token in the fragment): open signed in or not
  {
    path: 'activate',
    loadComponent: () => import('./activation/activation.page').then((m) => m.ActivationPage),
  },
  {
    path: 'login',
    canActivate: [guestGuard],
    loadComponent: () => import('./login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    canActivateChild: [profileFirstGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      // reached from the shell's notifications badge rather than the menu
      {
        path: 'notifications',
        canActivate: [permissionGuard('notification:read')],
        loadComponent: () => import('./notifications/notifications.page').then((m) => m.NotificationsPage),
        data: { titleKey: 'shell.notifications' },
      },
      // one match request, for either side: the asked agency's supervisors (from the inbox) and the
      // caseworker who asked (from a notification); the inbox itself is the menu's, for match:answer
      {
        path: 'match-requests/:id',
        canActivate: [permissionGuard('match:request')],
        loadComponent: () => import('./match-requests/match-request.page').then((m) => m.MatchRequestPage),
        data: { titleKey: 'nav.matchRequests' },
      },
      ...shellChildren,
    ],
  },
  { path: '**', redirectTo: '' },
];
