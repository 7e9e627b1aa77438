import type { Route } from '@angular/router';
import { provideTranslations } from '@ctms/ui';
import { INTERAGENCY_WORDS } from '../core/i18n/dict-interagency';
import { CASE_TOOLS_WORDS } from '../cases/case-tools-i18n';

/** /handoffs and /handoffs/:id; the parent route carries the permission guard. */
export const HANDOFF_ROUTES: Route[] = [
  {
    path: '',
    // the words of these pages come with their chunk
    providers: [provideTranslations(INTERAGENCY_WORDS, CASE_TOOLS_WORDS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./handoff-list.page').then((m) => m.HandoffListPage),
      },
      { path: ':id', loadComponent: () => import('./handoff.page').then((m) => m.HandoffPage) },
    ],
  },
];
