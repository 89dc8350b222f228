import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { compileStrapi } from '@strapi/strapi';
import { TEST_ENV } from './app';
import { createTemplateDatabase, TEMPLATE_VARIABLE, templateWanted } from './database';

const appDir = path.resolve(__dirname, '..', '..');

/** Boots the compiled app once and stops it: Strapi runs its migrations and builds every table. */
const BOOT_ONCE = [path.join(__dirname, 'instance.js'), '--once'];

/**
 * Once per run, before the integration tests: compiles the app's TypeScript to dist/ (the plugin is
 * built by `pretest`), then makes the template database every test file starts from (see
 * createThrowAwayDatabase): the app boots once on an empty database, in a child process with the
 * test files' environment, and every table but the schema and migration records is emptied again.
 * Booting on a copy, Strapi finds its tables up to date and skips the schema sync; its bootstrap
 * seeds roles, permissions and settings as on a fresh install. `TEST_TEMPLATE=false` skips it.
 * `TEST_COMPILE=false` skips the compile, for runs side by side on one checkout (.ci/run compiles
 * once before them): each compile rewrites every file of dist/, which the other run is reading.
 */
export default async function globalSetup() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  if (process.env.TEST_COMPILE !== 'false') await compileStrapi({ appDir });
  if (!templateWanted()) return;
  const template = await createTemplateDatabase();
  try {
    await promisify(execFile)(process.execPath, BOOT_ONCE, {
      cwd: appDir,
      env: { ...process.env, ...TEST_ENV, ...template.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    await template.empty();
  } catch (error) {
    await template.drop();
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`The template database could not be built:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  process.env[TEMPLATE_VARIABLE] = template.location;
}
