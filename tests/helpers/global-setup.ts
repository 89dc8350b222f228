import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';

/** Compiles the app's TypeScript to dist/ once per run (the plugin is built by `pretest`). */
export default async function globalSetup() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  await compileStrapi({ appDir: path.resolve(__dirname, '..', '..') });
}
