import { dropTemplateDatabase } from './database';

/** Drops the run's template database (global-setup.ts). */
export default async function globalTeardown() {
  await dropTemplateDatabase();
}
