import type { Type } from '@angular/core';
import type { Route } from '@angular/router';
import { provideTranslations, type Translations } from '@ctms/ui';
import { authGuard, guestGuard, profileFirstGuard, permissionGuard } from './core/auth/guards';
import { NAV_ITEMS } from './core/layout/nav';

/**
 * A lazy page with the chunks of words it shows: the page and its words load together, and the
 * words are registered (the route's providers) before the page renders.
 */
function withWords(page: () => Promise<Type<unknown>>, words: () => Promise<Translations[]>): Route['loadChildren'] {
  return () =>
    Promise.all([page(), words()]).then(([component, chunks]) => [
      { path: '', component, providers: [provideTranslations(...chunks)] },
    ]);
}
const homeWords = () => import('./core/i18n/dict-home').then((m) => [m.HOME_WORDS]);
const interagencyWords = () =>
  Promise.all([import('./core/i18n/dict-interagency'), import('./cases/case-tools-i18n')]).then(([ia, ct]) => [
    ia.INTERAGENCY_WORDS,
    ct.CASE_TOOLS_WORDS,
  ]);

const exportsWords = () => import('./exports/exports-i18n').then((m) => [m.EXPORTS_WORDS]);
const caseloadWords = () =>
  Promise.all([import('./cases/case-tools-i18n'), import('./cases/caseload-i18n')]).then(([ct, cl]) => [
    ct.CASE_TOOLS_WORDS,
    cl.CASELOAD_WORDS,
  ]);

const loadComingSoon = () => import('./shared/coming-soon.page').then((m) => m.ComingSoonPage);

/** Pages built so far; every other navigation entry is a guarded "coming soon" placeholder. */
const PAGES: Record<string, Route['loadComponent']> = {
  profile: () => import('./profile/profile.page').then((m) => m.ProfilePage),
  users: () => import('./admin/users.page').then((m) => m.UsersPage),
  agencies: () => import('./admin/agencies.page').then((m) => m.AgenciesPage),
  'sla-settings': () => import('./admin/sla-settings.page').then((m) => m.SlaSettingsPage),
};

/** Pages with a chunk of words of their own (the words arrive with the page). */
const PAGES_WITH_WORDS: Record<string, Route['loadChildren']> = {
  '': withWords(() => import('./home/home.page').then((m) => m.HomePage), homeWords),
  caseload: withWords(() => import('./cases/caseload.page').then((m) => m.CaseloadPage), caseloadWords),
  audit: withWords(() => import('./audit/audit.page').then((m) => m.AuditPage), interagencyWords),
  'identification-requests': withWords(
    () => import('./cases/identification-inbox.page').then((m) => m.IdentificationInboxPage),
    interagencyWords,
  ),
  'match-requests': withWords(
    () => import('./match-requests/match-request-list.page').then((m) => m.MatchRequestListPage),
    interagencyWords,
  ),
  exports: withWords(() => import('./exports/exports.page').then((m) => m.ExportsPage), exportsWords),
};

/** Sections with pages of their own below the list (e.g. /screenings/new, /screenings/:id): lazy child routes. */
const SECTIONS: Record<string, Route['loadChildren']> = {
  screenings: () => import('./screenings/screenings.routes').then((m) => m.SCREENING_ROUTES),
  cases: () => import('./cases/cases.routes').then((m) => m.CASE_ROUTES),
  referrals: () => import('./referrals/referrals.routes').then((m) => m.REFERRAL_ROUTES),
  handoffs: () => import('./handoffs/handoffs.routes').then((m) => m.HANDOFF_ROUTES),
  transfers: () => import('./transfers/transfers.routes').then((m) => m.TRANSFER_ROUTES),
  'family-tracing': () => import('./family-tracing/family-tracing.routes').then((m) => m.FAMILY_TRACING_ROUTES),
};

/** One child route per navigation entry, guarded by the same permission that shows the entry. */
const shellChildren: Route[] = NAV_ITEMS.map((item) => ({
  path: item.path,
  pathMatch: item.path === '' ? 'full' : 'prefix',
  ...(item.permission ? { canActivate: [permissionGuard(item.permission)] } : {}),
  ...(SECTIONS[item.path] || PAGES_WITH_WORDS[item.path]
    ? { loadChildren: SECTIONS[item.path] ?? PAGES_WITH_WORDS[item.path] }
    : { loadComponent: PAGES[item.path] ?? loadComingSoon }),
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
        loadChildren: withWords(
          () => import('./notifications/notifications.page').then((m) => m.NotificationsPage),
          homeWords,
        ),
        data: { titleKey: 'shell.notifications' },
      },
      // one match request, for either side: the asked agency's supervisors (from the inbox) and the
      // caseworker who asked (from a notification); the inbox itself is the menu's, for match:answer
      {
        path: 'match-requests/:id',
        canActivate: [permissionGuard('match:request')],
        loadChildren: withWords(
          () => import('./match-requests/match-request.page').then((m) => m.MatchRequestPage),
          interagencyWords,
        ),
        data: { titleKey: 'nav.matchRequests' },
      },
      ...shellChildren,
    ],
  },
  { path: '**', redirectTo: '' },
];
