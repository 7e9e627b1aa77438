import type { Route } from '@angular/router';
import { provideTranslations } from '@ctms/ui';
import { INTERAGENCY_WORDS } from '../core/i18n/dict-interagency';
import { CASE_TOOLS_WORDS } from '../cases/case-tools-i18n';

/** /referrals (the boxes) and /referrals/:id; the parent route carries the permission guard. */
export const REFERRAL_ROUTES: Route[] = [
  {
    path: '',
    // the words of these pages come with their chunk
    providers: [provideTranslations(INTERAGENCY_WORDS, CASE_TOOLS_WORDS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./referral-list.page').then((m) => m.ReferralListPage),
      },
      { path: ':id', loadComponent: () => import('./referral.page').then((m) => m.ReferralPage) },
    ],
  },
];
