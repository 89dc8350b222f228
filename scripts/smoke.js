#!/usr/bin/env node
// Smoke test of a production build: `strapi start` on 127.0.0.1 (free port, throw-away secrets,
// temporary SQLite file), then /_health, the admin HTML and its entry script, the favicon and a
// plugin route.
// Run after `NODE_ENV=production npm run build`. Exits non-zero with the server's log on failure.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const BOOT_TIMEOUT_MS = Number(process.env.SMOKE_BOOT_TIMEOUT_MS ?? 90_000);
const STOP_TIMEOUT_MS = 15_000;

const secret = () => randomBytes(24).toString('base64');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const check = (condition, message) => {
  if (!condition) throw new Error(message);
  console.log(`smoke: ok - ${message}`);
};

const main = async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    throw new Error('dist/build/index.html is missing: run `NODE_ENV=production npm run build` first');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-smoke-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
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
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(tmp, 'smoke.db'),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'info',
  };

  const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] })), 'bin', 'strapi.js');
  const started = Date.now();
  // Own process group, so that stopping it also stops anything it forked.
  const child = spawn(process.execPath, [strapiBin, 'start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    })
  );

  const stop = async () => {
    if (exited) return;
    const stopping = Date.now();
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exitPromise, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      console.error('smoke: strapi did not stop on SIGTERM, killing it');
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exitPromise;
    }
    console.log(`smoke: strapi stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s (${JSON.stringify(exited)})`);
  };

  // The server runs in its own process group: take it down if this script is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(1);
    });
  }

  try {
    console.log(`smoke: strapi start on ${base} (database ${env.DATABASE_FILENAME})`);
    let health = null;
    while (!health) {
      if (exited) throw new Error(`strapi exited before it was healthy (${JSON.stringify(exited)})`);
      if (Date.now() - started > BOOT_TIMEOUT_MS) throw new Error(`no healthy answer on ${base}/_health within ${BOOT_TIMEOUT_MS} ms`);
      try {
        const res = await fetch(`${base}/_health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 204) health = res;
        else await sleep(250);
      } catch {
        await sleep(250);
      }
    }
    check(true, `GET /_health answers 204 after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const admin = await fetch(`${base}/admin`, { redirect: 'manual' });
    const html = await admin.text();
    check(admin.status === 200, `GET /admin answers 200 (got ${admin.status})`);
    check(/text\/html/.test(admin.headers.get('content-type') ?? ''), 'GET /admin serves HTML');
    check(/<div[^>]*id="strapi"/.test(html), 'the admin HTML has the admin root element <div id="strapi">');
    const entry = html.match(/<script[^>]*type="module"[^>]*src="([^"]+\.js)"/);
    check(Boolean(entry), 'the admin HTML loads the admin bundle with a module script');
    const script = await fetch(new URL(entry[1], `${base}/admin/`));
    check(script.status === 200 && /javascript/.test(script.headers.get('content-type') ?? ''), `the admin entry script ${entry[1]} is served (${script.status})`);

    // strapi::favicon answers 500 on every page load when the app has no favicon.png.
    const favicon = await fetch(`${base}/favicon.ico`);
    check(favicon.status === 200, `GET /favicon.ico answers 200 (got ${favicon.status})`);

    // The plugin's admin routes exist (a skipped plugin answers 404) and require authentication.
    const plugin = await fetch(`${base}/approval-workflow/settings`);
    check(plugin.status === 401, `GET /approval-workflow/settings answers 401 without a token (got ${plugin.status})`);
  } catch (error) {
    console.error(`smoke: FAILED - ${error.message}`);
    console.error('smoke: ---- strapi output (tail) ----');
    console.error(log.join('').split('\n').slice(-80).join('\n'));
    throw error;
  } finally {
    await stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
};

main().then(
  () => console.log('smoke: passed'),
  () => {
    process.exitCode = 1;
  }
);
