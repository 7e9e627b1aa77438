import { CreateFoundation1795897512755 } from './1795897512755-CreateFoundation';

/** Every migration in order: an explicit list, because globs do not survive the webpack bundle. */
export const MIGRATIONS = [CreateFoundation1795897512755];
