import type { Route } from '@angular/router';

/** /transfers (the boxes) and /transfers/:id; the parent route carries the permission guard. */
export const TRANSFER_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./transfer-list.page').then((m) => m.TransferListPage) },
  { path: ':id', loadComponent: () => import('./transfer.page').then((m) => m.TransferPage) },
];
