import { dropDatabase } from './db';

/** Drops this run's template database. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env['TEST_TEMPLATE_DB'];
  if (template) await dropDatabase(template);
}
