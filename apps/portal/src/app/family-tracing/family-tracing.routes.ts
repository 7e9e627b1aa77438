import type { Route } from '@angular/router';
import { provideTranslations } from '@ctms/ui';
import { INTERAGENCY_WORDS } from '../core/i18n/dict-interagency';
import { FAMILY_TRACING_WORDS } from './family-tracing-i18n';

/** /family-tracing (the boxes) and /family-tracing/:id; the parent route carries the permission guard. */
export const FAMILY_TRACING_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideTranslations(INTERAGENCY_WORDS, FAMILY_TRACING_WORDS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./family-tracing-inbox.page').then((m) => m.FamilyTracingInboxPage),
      },
      { path: ':id', loadComponent: () => import('./family-tracing.page').then((m) => m.FamilyTracingPage) },
    ],
  },
];
