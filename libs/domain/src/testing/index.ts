/** Helpers for tests only (not part of the library build): import from '@ctms/domain/testing'. */
export * from './statistics-attack';
export * from './statistics-data';
