export * from './lib/enums';
export * from './lib/permissions';
export * from './lib/api-types';
export * from './lib/state-machine';
export * from './lib/workflows';
export * from './lib/reference';
