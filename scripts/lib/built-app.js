// Starts the built app (`strapi start`, or `npm start` with `viaNpm`) on 127.0.0.1 with a free port,
// throw-away secrets and a temporary SQLite file, waits for /_health, and stops it (its whole process
// group) afterwards. `env` adds variables; one set to undefined is removed (e.g. NODE_ENV). The
// database variables in `env` (DATABASE_CLIENT, DATABASE_NAME… or DATABASE_FILENAME) replace the
// temporary SQLite file: the benchmark runs two instances on one PostgreSQL database that way.
// Used by the smoke test, the admin browser tests and the benchmark; run after `npm run build`.
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { freePort, spawnApp } = require('./app-process');

const root = path.resolve(__dirname, '..', '..');
const BOOT_TIMEOUT_MS = Number(process.env.SMOKE_BOOT_TIMEOUT_MS ?? 120_000);

const secret = () => randomBytes(24).toString('base64');

/** The environment of a production start on 127.0.0.1:`port`: this process's, fresh throw-away secrets, a SQLite file. */
const productionEnv = ({ port, databaseFile }) => ({
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(port),
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  DATABASE_FILENAME: databaseFile,
  STRAPI_TELEMETRY_DISABLED: 'true',
});

/** Debian's Chromium, headless, with nothing that calls outside hosts (CHROMIUM_PATH overrides the binary). */
const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/** Collects into `outside` every URL a browser context asks of a host other than this machine. */
const recordOutsideRequests = (context, outside) =>
  context.on('request', (req) => {
    const { hostname, protocol } = new URL(req.url());
    if (protocol.startsWith('http') && !['127.0.0.1', 'localhost'].includes(hostname)) outside.push(req.url());
  });

/** What to do for each running server when this script is interrupted (the benchmark runs two at once). */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const interrupted of running) interrupted();
    process.exit(1);
  });
}

/** Runs `work(base, { output })` against the started app (`output()`: what it printed so far); prints that output when it fails. */
const withBuiltApp = async ({ name, env: extraEnv = {}, viaNpm = false }, work) => {
  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    throw new Error('dist/build/index.html is missing: run `NODE_ENV=production npm run build` first');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `aw-${name}-`));
  const port = await freePort();
  const env = {
    ...productionEnv({ port, databaseFile: path.join(tmp, `${name}.db`) }),
    DATABASE_CLIENT: 'sqlite',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'info',
    ...extraEnv,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] })), 'bin', 'strapi.js');
  const [command, args] = viaNpm ? ['npm', ['start']] : [process.execPath, [strapiBin, 'start']];
  const app = spawnApp({ command, args, env, cwd: root, port });
  const interrupted = () => {
    app.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  running.add(interrupted);

  try {
    const database = env.DATABASE_CLIENT === 'sqlite' ? env.DATABASE_FILENAME : `${env.DATABASE_CLIENT} ${env.DATABASE_URL ?? env.DATABASE_NAME}`;
    console.log(`${name}: ${viaNpm ? 'npm start' : 'strapi start'} on ${app.base} (NODE_ENV=${env.NODE_ENV ?? '(unset)'}, database ${database})`);
    const took = await app.healthy(BOOT_TIMEOUT_MS);
    console.log(`${name}: ok - GET /_health answers 204 after ${(took / 1000).toFixed(1)} s`);
    await work(app.base, { output: app.output });
  } catch (error) {
    console.error(`${name}: FAILED - ${error.message}`);
    console.error(`${name}: ---- strapi output (tail) ----`);
    console.error(app.output().split('\n').slice(-80).join('\n'));
    throw error;
  } finally {
    running.delete(interrupted);
    await app.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
};

/** Logs a passed check or throws. */
const checker = (name) => (condition, message) => {
  if (!condition) throw new Error(message);
  console.log(`${name}: ok - ${message}`);
};

module.exports = { withBuiltApp, checker, root, freePort, productionEnv, launchChromium, recordOutsideRequests };
