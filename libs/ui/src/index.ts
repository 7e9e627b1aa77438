/*
 * @ctms/ui: the portal's shared building blocks (see README.md). Features import from here, never
 * from another feature's folder, for a picker, a date, an error, a list, a history or a confirmation.
 */
export * from './lib/pickers/search-fold';
