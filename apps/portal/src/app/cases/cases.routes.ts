import type { Route } from '@angular/router';

/** /cases (the masked list) and /cases/:id (one case); the parent route carries the permission guard. */
export const CASE_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./case-list.page').then((m) => m.CaseListPage) },
  { path: ':id', loadComponent: () => import('./case.page').then((m) => m.CasePage) },
];
