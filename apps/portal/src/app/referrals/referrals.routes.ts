import type { Route } from '@angular/router';

/** /referrals (the boxes) and /referrals/:id; the parent route carries the permission guard. */
export const REFERRAL_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./referral-list.page').then((m) => m.ReferralListPage) },
  { path: ':id', loadComponent: () => import('./referral.page').then((m) => m.ReferralPage) },
];
