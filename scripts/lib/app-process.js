// A Strapi app in a child process of its own: started on 127.0.0.1:`port` in a new process group,
// healthy once GET /_health answers 204, stopped with its whole group. Used by the built-app scripts
// (smoke, admin in Chromium) and by the integration tests that need a second instance of the app
// (Strapi is one per process: it lives in a global `strapi`).
const { spawn } = require('node:child_process');
const net = require('node:net');

const STOP_TIMEOUT_MS = 15_000;
const LOG_CHUNKS = 400;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP port free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
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

/**
 * Spawns `command args`, an app that listens on 127.0.0.1:`port`, in a process group of its own.
 * `healthy(timeoutMs)` resolves with the milliseconds it took once GET /_health answers 204, and
 * throws if the app exits or is still not healthy after `timeoutMs`; `output()` is the tail of what
 * it printed; `stop()` ends its group (SIGTERM, then SIGKILL); `kill()` at once.
 *
 * @param {{ command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, port: number }} options
 */
const spawnApp = ({ command, args, env, cwd, port }) => {
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {string[]} */
  const log = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    log.push(chunk.toString());
    if (log.length > LOG_CHUNKS) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // The child's stdin stays open while this process lives: an app that watches it
  // (tests/helpers/instance.js) stops when the test run is killed instead of running on.
  child.stdin.on('error', () => {});
  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    })
  );
  const signal = (/** @type {NodeJS.Signals} */ name) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), name);
      return true;
    } catch {
      return false; // already gone
    }
  };
  return {
    base,
    output: () => log.slice(-LOG_CHUNKS).join(''),
    async healthy(/** @type {number} */ timeoutMs) {
      for (;;) {
        if (exited) throw new Error(`the app at ${base} exited before it was healthy (${JSON.stringify(exited)})`);
        if (Date.now() - started > timeoutMs) throw new Error(`no healthy answer on ${base}/_health within ${timeoutMs} ms`);
        const res = await fetch(`${base}/_health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
        if (res?.status === 204) return Date.now() - started;
        await sleep(250);
      }
    },
    async stop() {
      if (exited || !signal('SIGTERM')) return;
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const outcome = await Promise.race([exitPromise, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        console.error(`${base}: the app did not stop on SIGTERM, killing it`);
        signal('SIGKILL');
        await exitPromise;
      }
    },
    kill: () => signal('SIGKILL'),
  };
};

module.exports = { freePort, spawnApp };
