import type { Route } from '@angular/router';
import { provideTranslations } from '@ctms/ui';
import { INTERAGENCY_WORDS } from '../core/i18n/dict-interagency';
import { TRANSFER_WORDS } from '../transfers/transfer-i18n';
import { CASE_TOOLS_WORDS } from './case-tools-i18n';
import { FOLLOW_UP_WORDS } from '../follow-up/follow-up-i18n';
import { FAMILY_TRACING_WORDS } from '../family-tracing/family-tracing-i18n';

/** /cases (the masked list) and /cases/:id (one case); the parent route carries the permission guard. */
export const CASE_ROUTES: Route[] = [
  {
    path: '',
    // the words of these pages come with their chunk
    providers: [
      provideTranslations(INTERAGENCY_WORDS, CASE_TOOLS_WORDS, TRANSFER_WORDS, FOLLOW_UP_WORDS, FAMILY_TRACING_WORDS),
    ],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./case-list.page').then((m) => m.CaseListPage) },
      { path: ':id', loadComponent: () => import('./case.page').then((m) => m.CasePage) },
    ],
  },
];
