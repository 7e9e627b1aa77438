import type { Route } from '@angular/router';
import { permissionGuard } from '../core/auth/guards';

/** /screenings (list, approval queue with ?status=SUBMITTED), /screenings/new, /screenings/:id. */
export const SCREENING_ROUTES: Route[] = [
  { path: '', loadComponent: () => import('./screenings-list.page').then((m) => m.ScreeningsListPage) },
  {
    path: 'new',
    canActivate: [permissionGuard('screening:create')],
    loadComponent: () => import('./screening.page').then((m) => m.ScreeningPage),
  },
  { path: ':id', loadComponent: () => import('./screening.page').then((m) => m.ScreeningPage) },
];
