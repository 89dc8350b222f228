import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { freePort, spawnApp } from '../../scripts/lib/app-process';
import { createThrowAwayDatabase, type ThrowAwayDatabase } from './database';

const appDir = path.resolve(__dirname, '..', '..');

/** The environment of the app under test (also that of the template's boot, global-setup.ts). */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEYS: 'test-key-1,test-key-2',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789abcdef',
  STRAPI_TELEMETRY_DISABLED: 'true',
  DATABASE_POOL_MIN: '0',
  STRAPI_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
};

export interface TestApp {
  strapi: Core.Strapi;
  /** The HTTP server for supertest. */
  server: Core.Strapi['server']['httpServer'];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Boot on this database (kept on stop) instead of a throw-away one (dropped on stop). */
  database?: ThrowAwayDatabase;
  /**
   * `false`: the throw-away database starts empty instead of as a copy of the run's template, so
   * that Strapi builds every table at boot, as on a fresh install.
   */
  template?: boolean;
  /** Runs after every plugin's register() and before the database starts (migrations, schema sync). */
  beforeBootstrap?: (strapi: Core.Strapi) => void;
}

/**
 * Boots the real app in-process (compiled dist/, no admin build) on a throw-away database (a copy
 * of the run's template: the tables are there, empty).
 * One per test file: `const app = await startApp()` in beforeAll, `await app.stop()` in afterAll.
 */
export const startApp = async (extraEnv: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> => {
  const database: ThrowAwayDatabase = options.database ?? (await createThrowAwayDatabase({ template: options.template }));
  Object.assign(process.env, TEST_ENV, database.env, extraEnv);
  const strapi = createStrapi({
    appDir,
    distDir: path.join(appDir, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  await strapi.register();
  options.beforeBootstrap?.(strapi);
  await strapi.bootstrap();
  await strapi.server.mount();
  return {
    strapi,
    server: strapi.server.httpServer,
    async stop() {
      await strapi.destroy();
      if (!options.database) await database.drop();
    },
  };
};

/** Another instance of the app: its address, the tail of what it printed, `stop()`. */
export interface AppProcess {
  base: string;
  output(): string;
  stop(): Promise<void>;
}

/** A limit, not a goal: two instances booting on a busy 2-core machine. */
const PROCESS_BOOT_TIMEOUT_MS = 90_000;

/**
 * Boots the app as startApp does, but in a child process (tests/helpers/instance.js: Strapi lives
 * in a global `strapi`, one per process) on `database`, listening on 127.0.0.1 with a free port;
 * resolves once it answers GET /_health. Stop it in afterAll, before dropping the database.
 */
export const startAppProcess = async (database: ThrowAwayDatabase, extraEnv: Record<string, string> = {}): Promise<AppProcess> => {
  const port = await freePort();
  const app = spawnApp({
    command: process.execPath,
    args: [path.join(__dirname, 'instance.js')],
    cwd: appDir,
    port,
    env: { ...process.env, ...TEST_ENV, ...database.env, ...extraEnv, PORT: String(port) },
  });
  try {
    await app.healthy(PROCESS_BOOT_TIMEOUT_MS);
  } catch (error) {
    await app.stop();
    throw new Error(`${(error as Error).message}\n---- its output (tail) ----\n${app.output().split('\n').slice(-60).join('\n')}`, { cause: error });
  }
  return app;
};
