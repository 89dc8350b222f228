'use strict';
// Compiles the plugin's server TypeScript (server/src + shared) into dist/. Strapi loads only the
// compiled entry and silently skips a plugin whose entry is missing, so strapi-server.js calls
// ensureBuilt() at every boot: a missing or stale build is rebuilt before the plugin loads.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const entry = path.join(root, 'dist', 'server', 'src', 'index.js');
const sources = [path.join(root, 'server', 'src'), path.join(root, 'shared'), path.join(root, 'tsconfig.json')];

const newestMtime = (p) => {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .filter((name) => name !== '__tests__')
    .reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
};

const isStale = () => !fs.existsSync(entry) || Math.max(...sources.map(newestMtime)) > fs.statSync(entry).mtimeMs;

/**
 * Compiles into a fresh folder, then swaps it in, so that a process loading the plugin while
 * another one builds it never sees a half-written dist/.
 */
const build = () => {
  const dist = path.join(root, 'dist');
  const staging = path.join(root, `.dist-${process.pid}`);
  const retired = path.join(root, `.dist-old-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root, process.cwd()] });
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json'), '--outDir', staging], { stdio: 'inherit' });
  if (fs.existsSync(dist)) fs.renameSync(dist, retired);
  fs.renameSync(staging, dist);
  fs.rmSync(retired, { recursive: true, force: true });
  // The freshness check compares the entry's mtime with the sources'.
  const now = new Date();
  fs.utimesSync(entry, now, now);
};

const ensureBuilt = () => {
  if (isStale()) build();
  return entry;
};

module.exports = { build, ensureBuilt, entry };
