import type { Route } from '@angular/router';
import { provideTranslations } from '@ctms/ui';
import { TRANSFER_WORDS } from './transfer-i18n';

/** /transfers (the boxes) and /transfers/:id; the parent route carries the permission guard. */
export const TRANSFER_ROUTES: Route[] = [
  {
    path: '',
    // the words of these pages come with their chunk
    providers: [provideTranslations(TRANSFER_WORDS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./transfer-list.page').then((m) => m.TransferListPage),
      },
      { path: ':id', loadComponent: () => import('./transfer.page').then((m) => m.TransferPage) },
    ],
  },
];
