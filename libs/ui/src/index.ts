/*
 * @ctms/ui: the portal's shared building blocks (see README.md). Features import from here, never
 * from another feature's folder, for a picker, a date, an error, a list, a history or a confirmation.
 */
export * from './lib/http';
export * from './lib/i18n/i18n.service';
export * from './lib/i18n/translate.pipe';
export * from './lib/i18n/ui-words';
export * from './lib/dates/lao-dates';
export * from './lib/dates/date-input';
export * from './lib/errors/describe-error';
export * from './lib/errors/error-summary';
export * from './lib/forms/form-values';
export * from './lib/forms/action-state';
export * from './lib/forms/form-kit';
export * from './lib/forms/password-field';
export * from './lib/forms/text-field';
export * from './lib/icon';
export * from './lib/names/names';
export * from './lib/names/due-order';
export * from './lib/pickers/search-fold';
export * from './lib/pickers/picker';
export * from './lib/pickers/chips-input';
export * from './lib/pickers/world';
export * from './lib/lists/keyset-list';
export * from './lib/lists/inbox-tabs';
export * from './lib/lists/inbox';
export * from './lib/lists/history-panel';
export * from './lib/confirm/confirm-action';
export * from './lib/records/record-frame';
export * from './lib/records/form-actions';
export * from './lib/lists/inbox-state';
export * from './lib/records/record-load';
