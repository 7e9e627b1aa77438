import type { Route } from '@angular/router';

/** /handoffs and /handoffs/:id; the parent route carries the permission guard. */
export const HANDOFF_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./handoff-list.page').then((m) => m.HandoffListPage) },
  { path: ':id', loadComponent: () => import('./handoff.page').then((m) => m.HandoffPage) },
];
