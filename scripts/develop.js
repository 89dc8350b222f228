#!/usr/bin/env node
// `npm run develop`: `strapi develop` asking for the demo (SEED_DEMO=true unless already set, so
// `SEED_DEMO=false npm run develop` still turns it off). The app seeds the demo only when asked:
// `strapi start` sets nothing, so a deployment gets no demo accounts whatever NODE_ENV says.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] })), 'bin', 'strapi.js');
const child = spawn(process.execPath, [strapiBin, 'develop', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SEED_DEMO: process.env.SEED_DEMO ?? 'true' },
});
// A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
