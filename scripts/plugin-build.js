#!/usr/bin/env node
// Builds the approval-workflow package (`strapi-plugin build`, in its workspace) when its build is
// missing or older than its sources; with --always, builds anyway (`npm run develop`).
// The npm hooks of build, start and test run this, so CI builds the plugin once per run. Whatever
// happens here, a missing build cannot go unnoticed: the plugin's strapi-server.js refuses to start
// Strapi without dist/server.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const pluginDir = path.resolve(__dirname, '..', 'src', 'plugins', 'approval-workflow');
const outputs = ['dist/server/index.js', 'dist/server/index.mjs', 'dist/admin/index.js', 'dist/admin/index.mjs', 'dist/shared/constants.d.ts'];
const sources = ['server/src', 'admin/src', 'shared', 'package.json', 'server/tsconfig.json', 'server/tsconfig.build.json', 'admin/tsconfig.json', 'admin/tsconfig.build.json'];

/** The newest modification time under p, tests excluded (they are not part of the build). */
const newest = (p) => {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .filter((name) => name !== '__tests__')
    .reduce((max, name) => Math.max(max, newest(path.join(p, name))), stat.mtimeMs);
};

const staleReason = () => {
  const missing = outputs.filter((file) => !fs.existsSync(path.join(pluginDir, file)));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const built = Math.min(...outputs.map((file) => fs.statSync(path.join(pluginDir, file)).mtimeMs));
  const changed = sources.filter((source) => newest(path.join(pluginDir, source)) > built);
  return changed.length > 0 ? `changed since the last build: ${changed.join(', ')}` : null;
};

const reason = process.argv.includes('--always') ? 'asked to (--always)' : staleReason();
if (reason === null) {
  console.log('approval-workflow plugin: build is up to date');
} else {
  console.log(`approval-workflow plugin: building (${reason})`);
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  execFileSync(command, [...args, 'run', 'build', '--workspace', 'strapi-plugin-approval-workflow'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
}
