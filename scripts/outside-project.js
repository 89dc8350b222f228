#!/usr/bin/env node
// `npm run test:outside`: the plugin as an outside Strapi project gets it. Packs the package
// (`npm pack`), checks what the tarball holds, creates a minimal Strapi 5 TypeScript project in a
// temporary folder (its own content type api::note.note, SQLite, no demo), installs the tarball
// there, enables the plugin in config/plugins.ts, builds and starts it, then over HTTP: the first
// admin, an editor and an approver; the notes collection marked managed through the plugin's admin
// API; the editor's create (content manager) and an API token's create (REST, 202) open requests;
// the approver approves both and the notes exist. Last, the plugin's admin page in Chromium
// (screenshot in .tmp/outside/). KEEP_OUTSIDE=1 keeps the temporary project.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, productionEnv, launchChromium, recordOutsideRequests } = require('./lib/built-app');

const root = path.resolve(__dirname, '..');
const pluginDir = path.join(root, 'src', 'plugins', 'approval-workflow');
const shots = path.join(root, '.tmp', 'outside');
const BOOT_TIMEOUT_MS = 120_000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

const check = (condition, message) => {
  if (!condition) throw new Error(message);
  console.log(`outside: ok - ${message}`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const run = (command, args, options = {}) => {
  console.log(`outside: $ ${command} ${args.join(' ')} (${elapsed()})`);
  return execFileSync(command, args, { stdio: 'inherit', ...options });
};
const installedVersion = (name) => JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8')).version;

// ---- the tarball ------------------------------------------------------------------------------

/** What may ship: the manifest, README, LICENSE, the server entry and the compiled build. */
const ALLOWED = /^(package\.json|README\.md|LICENSE|strapi-server\.(js|d\.ts)|dist\/(admin|server|shared)\/.+\.(js|mjs|d\.ts))$/;
const FORBIDDEN = [/__tests__/, /\.test\./, /\.spec\./, /\.map$/, /(^|\/)\.tmp(\/|$)/, /(^|\/)\.env/, /^(server|admin|shared)\//, /\.tsbuildinfo$/];

const pack = (dest) => {
  run(process.execPath, [path.join(root, 'scripts', 'plugin-build.js')]);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: pluginDir, encoding: 'utf8' });
  const [info] = JSON.parse(out);
  const files = info.files.map((f) => f.path).sort();
  console.log(`outside: ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`);
  for (const file of files) console.log(`outside:   ${file}`);
  const unexpected = files.filter((f) => !ALLOWED.test(f) || FORBIDDEN.some((re) => re.test(f)));
  check(unexpected.length === 0, `the tarball holds only the manifest, README, LICENSE, strapi-server.js and dist/ (unexpected: ${unexpected.join(', ') || 'none'})`);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'strapi-server.js', 'dist/server/index.js', 'dist/server/index.mjs', 'dist/admin/index.js', 'dist/admin/index.mjs', 'dist/server/src/index.d.ts']) {
    check(files.includes(needed), `the tarball has ${needed}`);
  }
  // Nothing of this machine leaks into the shipped files: no source maps, no absolute paths, no secrets.
  const envFile = path.join(root, '.env');
  const secrets = fs.existsSync(envFile)
    ? fs
        .readFileSync(envFile, 'utf8')
        .split('\n')
        .map((line) => line.split('=').slice(1).join('=').trim())
        .filter((value) => value.length >= 12)
    : [];
  const leaks = files.filter((f) => {
    const text = fs.readFileSync(path.join(pluginDir, f), 'utf8');
    return text.includes('sourceMappingURL') || text.includes(root) || secrets.some((s) => text.includes(s));
  });
  check(leaks.length === 0, `no shipped file has a source map reference, a path of this machine or a secret of .env (found in: ${leaks.join(', ') || 'none'})`);
  return { tarball: path.join(dest, info.filename), version: info.version };
};

// ---- the outside project ----------------------------------------------------------------------

const write = (dir, file, content) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
};

const radixTooltipVersion = () => {
  const designSystem = require.resolve('@strapi/design-system/package.json', { paths: [root] });
  return JSON.parse(fs.readFileSync(designSystem, 'utf8')).dependencies['@radix-ui/react-tooltip'];
};

const createProject = (dir, tarball) => {
  const strapiVersion = installedVersion('@strapi/strapi');
  write(dir, 'package.json', {
    name: 'outside-notes',
    version: '0.0.0',
    private: true,
    description: 'A Strapi 5 project that is not the approval-workflow demo.',
    scripts: { build: 'strapi build', start: 'strapi start', develop: 'strapi develop' },
    dependencies: {
      // Strapi 5.54's admin build resolves @radix-ui/react-tooltip from the project's top level, and
      // a fresh npm install nests it under @strapi/design-system (a project without this plugin
      // fails the same way): such a project declares the design system's version itself.
      '@radix-ui/react-tooltip': radixTooltipVersion(),
      '@strapi/plugin-users-permissions': strapiVersion,
      '@strapi/strapi': strapiVersion,
      'better-sqlite3': installedVersion('better-sqlite3'),
      react: installedVersion('react'),
      'react-dom': installedVersion('react-dom'),
      'react-router-dom': installedVersion('react-router-dom'),
      'strapi-plugin-approval-workflow': `file:${tarball}`,
      'styled-components': installedVersion('styled-components'),
    },
    devDependencies: { '@types/node': installedVersion('@types/node'), '@types/react': installedVersion('@types/react'), typescript: installedVersion('typescript') },
    engines: { node: '>=20.0.0 <=24.x.x' },
    strapi: { uuid: 'outside-notes', telemetryDisabled: true },
  });
  write(dir, 'tsconfig.json', {
    compilerOptions: {
      module: 'CommonJS',
      moduleResolution: 'Node',
      lib: ['ES2020'],
      target: 'ES2019',
      strict: false,
      skipLibCheck: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      noEmitOnError: true,
      outDir: 'dist',
      rootDir: '.',
    },
    include: ['./', './**/*.ts', 'src/**/*.json'],
    exclude: ['node_modules/', 'build/', 'dist/', '.cache/', '.tmp/', 'src/admin/', '**/*.test.*', 'src/plugins/**'],
  });
  write(
    dir,
    'config/server.ts',
    `export default ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
  logger: { updates: { enabled: false } },
});
`
  );
  write(
    dir,
    'config/database.ts',
    `import path from 'path';

export default ({ env }) => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.join(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')) },
    useNullAsDefault: true,
  },
});
`
  );
  write(
    dir,
    'config/admin.ts',
    `export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
});
`
  );
  write(
    dir,
    'config/middlewares.ts',
    `export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`
  );
  // What the plugin's README asks of a project: enable it.
  write(
    dir,
    'config/plugins.ts',
    `export default () => ({
  'approval-workflow': {
    enabled: true,
  },
});
`
  );
  write(dir, 'src/index.ts', 'export default {\n  register() {},\n  bootstrap() {},\n};\n');
  write(
    dir,
    'src/admin/app.tsx',
    `export default {
  config: { locales: [], notifications: { releases: false }, tutorials: false },
  bootstrap() {},
};
`
  );
  write(dir, 'src/api/note/content-types/note/schema.json', {
    kind: 'collectionType',
    collectionName: 'notes',
    info: { singularName: 'note', pluralName: 'notes', displayName: 'Note' },
    options: { draftAndPublish: false },
    attributes: { title: { type: 'string', required: true }, body: { type: 'text' } },
  });
  write(dir, 'src/api/note/controllers/note.ts', "import { factories } from '@strapi/strapi';\n\nexport default factories.createCoreController('api::note.note');\n");
  write(dir, 'src/api/note/routes/note.ts', "import { factories } from '@strapi/strapi';\n\nexport default factories.createCoreRouter('api::note.note');\n");
  write(dir, 'src/api/note/services/note.ts', "import { factories } from '@strapi/strapi';\n\nexport default factories.createCoreService('api::note.note');\n");
  write(dir, 'public/robots.txt', 'User-agent: *\nDisallow: /\n');
  write(dir, 'public/uploads/.gitkeep', '');
  fs.copyFileSync(path.join(root, 'favicon.png'), path.join(dir, 'favicon.png'));
};

/**
 * npm install from the local cache. Install scripts are skipped: the only one this project needs
 * is better-sqlite3's compile, and the root of this repository holds a build of the very same
 * version for the same Node, so its binary is copied instead of compiled again (the others —
 * esbuild, swc, core-js banners — have nothing to do: their binaries come as optional packages).
 */
const install = (dir) => {
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir });
  const binary = path.join('build', 'Release', 'better_sqlite3.node');
  const from = path.join(path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] })), binary);
  const to = path.join(dir, 'node_modules', 'better-sqlite3', binary);
  check(installedVersion('better-sqlite3') === JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version, 'better-sqlite3 has the same version here and in the repository');
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"], { cwd: dir, stdio: 'inherit' });
  const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'strapi-plugin-approval-workflow', 'package.json'), 'utf8'));
  check(!fs.lstatSync(path.join(dir, 'node_modules', 'strapi-plugin-approval-workflow')).isSymbolicLink(), `strapi-plugin-approval-workflow@${installed.version} is installed from the tarball (a copy, not a link)`);
};

// ---- HTTP -------------------------------------------------------------------------------------

const api = (base) => async (method, url, { token, body } = {}) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
};

const NOTE = 'api::note.note';
const cm = (action) => `plugin::content-manager.explorer.${action}`;
const notePermission = (action) => ({ action: cm(action), subject: NOTE, properties: action === 'delete' ? {} : { fields: ['title', 'body'] }, conditions: [] });
const pluginPermission = (action) => ({ action: `plugin::approval-workflow.${action}`, subject: null, properties: {}, conditions: [] });

const scenario = async (base) => {
  const call = api(base);
  const password = 'Outside-pass-1';
  const admin = await call('POST', '/admin/register-admin', { body: { email: 'owner@outside.test', password, firstname: 'Olive', lastname: 'Owner' } });
  check(admin.status === 200 || admin.status === 201, `the first admin registers (POST /admin/register-admin: ${admin.status})`);
  const adminToken = admin.body.data.token;

  // An editor (Strapi's Editor role, allowed to write notes) and an approver in a role of their own.
  const roles = await call('GET', '/admin/roles', { token: adminToken });
  const editorRole = roles.body.data.find((r) => r.code === 'strapi-editor');
  const setPermissions = async (roleId, permissions) => {
    const res = await call('PUT', `/admin/roles/${roleId}/permissions`, { token: adminToken, body: { permissions } });
    check(res.status === 200, `role ${roleId} gets ${permissions.length} permissions (${res.status})`);
  };
  await setPermissions(editorRole.id, [...['create', 'read', 'update', 'delete'].map(notePermission), pluginPermission('requests.read')]);
  const approverRole = await call('POST', '/admin/roles', { token: adminToken, body: { name: 'Approver', description: 'Approves changes to notes.' } });
  check(approverRole.status === 201, `the Approver role is created (${approverRole.status})`);
  await setPermissions(approverRole.body.data.id, [notePermission('read'), pluginPermission('requests.read'), pluginPermission('requests.read-all'), pluginPermission('requests.decide')]);
  const createUser = async (email, firstname, roleId) => {
    const created = await call('POST', '/admin/users', { token: adminToken, body: { email, firstname, lastname: 'Outside', roles: [roleId] } });
    check(created.status === 201, `the admin user ${email} is invited (${created.status})`);
    const registered = await call('POST', '/admin/register', {
      body: { registrationToken: created.body.data.registrationToken, userInfo: { firstname, lastname: 'Outside', password } },
    });
    check(registered.status === 200, `${email} registers (${registered.status})`);
    return { id: registered.body.data.user.id, token: registered.body.data.token, email };
  };
  const editor = await createUser('editor@outside.test', 'Edith', editorRole.id);
  const approver = await createUser('approver@outside.test', 'Abel', approverRole.body.data.id);

  // The approval setup, through the plugin's admin API as its README describes.
  const template = await call('POST', '/approval-workflow/templates', {
    token: adminToken,
    body: { name: 'Note review', stages: [{ name: 'Approver', obligations: [{ kind: 'role', id: approverRole.body.data.id }] }] },
  });
  check(template.status === 201, `a template is created (POST /approval-workflow/templates: ${template.status})`);
  const managed = await call('POST', '/approval-workflow/managed-objects', {
    token: adminToken,
    body: { kind: 'collection', uid: NOTE, templateId: template.body.data.id },
  });
  check(managed.status === 201, `${NOTE} is marked managed (POST /approval-workflow/managed-objects: ${managed.status})`);

  // The editor writes in the content manager: a request opens instead.
  const byEditor = await call('POST', `/content-manager/collection-types/${NOTE}`, { token: editor.token, body: { title: 'First note', body: 'Written by the editor.' } });
  const editorRequest = byEditor.body?.error?.details?.approvalRequest;
  check(
    byEditor.status === 400 && byEditor.body.error.name === 'ApprovalRequiredError' && editorRequest?.status === 'pending',
    `the editor's create in the content manager opens request ${editorRequest?.id} (${byEditor.status} ${byEditor.body?.error?.name})`
  );

  // An API token writes over REST: 202 Accepted with the request.
  const apiToken = await call('POST', '/admin/api-tokens', {
    token: adminToken,
    body: { name: 'notes writer', type: 'custom', lifespan: null, permissions: ['api::note.note.create', 'api::note.note.find'] },
  });
  check(apiToken.status === 201, `an API token is created (${apiToken.status})`);
  const key = apiToken.body.data.accessKey;
  const byToken = await call('POST', '/api/notes', { token: key, body: { data: { title: 'Second note', body: 'Written over REST.' } } });
  const tokenRequest = byToken.body?.meta?.approvalRequest;
  check(byToken.status === 202 && tokenRequest?.status === 'pending', `the token's REST create answers 202 with request ${tokenRequest?.id} (${byToken.status})`);

  const before = await call('GET', '/api/notes', { token: key });
  check(before.status === 200 && before.body.data.length === 0, `no note exists before approval (${before.body.data?.length})`);
  const queue = await call('GET', '/approval-workflow/requests?awaiting=me', { token: approver.token });
  const waiting = queue.body.data.map((r) => r.id);
  check(waiting.includes(editorRequest.id) && waiting.includes(tokenRequest.id), `both requests wait for the approver (${waiting.join(', ')})`);

  // The editor cannot approve; the approver approves.
  const own = await call('POST', `/approval-workflow/requests/${editorRequest.id}/approve`, { token: editor.token, body: {} });
  check(own.status === 403, `the editor cannot approve (${own.status})`);
  for (const id of [editorRequest.id, tokenRequest.id]) {
    const approved = await call('POST', `/approval-workflow/requests/${id}/approve`, { token: approver.token, body: { comment: 'Fine.' } });
    check(approved.status === 200 && approved.body.data.status === 'approved', `the approver approves request ${id} (${approved.status} ${approved.body.data?.status})`);
  }
  const after = await call('GET', '/api/notes?sort=title', { token: key });
  check(
    after.status === 200 && JSON.stringify(after.body.data.map((n) => n.title)) === JSON.stringify(['First note', 'Second note']),
    `the approved notes exist (${JSON.stringify(after.body.data.map((n) => n.title))})`
  );
  const audit = await call('GET', '/approval-workflow/audit/verify', { token: adminToken });
  check(audit.status === 200 && audit.body.data.valid === true, `the audit chain verifies (${audit.body.data?.checked} events)`);
  return { approver, password, noteTitles: after.body.data.map((n) => n.title) };
};

// ---- the browser ------------------------------------------------------------------------------

const browse = async (base, { approver, password, noteTitles }) => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launchChromium();
  const outside = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    recordOutsideRequests(context, outside);
    const page = await context.newPage();
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', approver.email);
    await page.fill('input[name="password"]', password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30_000 });
    await page.getByRole('button', { name: /^skip/i }).first().click({ timeout: 5_000 }).catch(() => {});
    const link = page.getByRole('link', { name: 'Approval workflow' });
    await link.first().waitFor({ timeout: 30_000 });
    check(true, 'the main menu shows "Approval workflow"');
    await link.first().click();
    await page.waitForURL((url) => url.pathname.endsWith('/plugins/approval-workflow'), { timeout: 15_000 });
    await page.getByRole('heading', { name: 'Approval requests' }).waitFor({ timeout: 30_000 });
    const shot = path.join(shots, 'approval-requests.png');
    try {
      // The inbox opens on "Awaiting me"; the decided requests are under "All".
      await page.getByRole('tab', { name: 'All' }).click();
      // Each approved create is listed by the note's title (the content type's main field).
      for (const title of noteTitles) {
        const row = page.getByRole('row').filter({ hasText: title });
        await row.first().waitFor({ timeout: 15_000 });
        const text = await row.first().innerText();
        check(/\bNote\b/.test(text) && /approved/i.test(text) && /create/i.test(text), `the plugin's page lists the approved create of "${title}": "${text.replace(/\s+/g, ' ').trim()}"`);
      }
    } finally {
      await page.waitForTimeout(300);
      await page.screenshot({ path: shot });
      console.log(`outside: screenshot ${path.relative(root, shot)}`);
    }
    check(outside.length === 0, `the browser called no outside host (${outside.join(', ') || 'none'})`);
  } finally {
    await browser.close();
  }
};

// ---- main -------------------------------------------------------------------------------------

const startStrapi = async (dir, env) => {
  const child = spawn(process.execPath, [path.join(dir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (exited) return;
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => (kill('SIGKILL'), process.exit(1)));
  const base = `http://127.0.0.1:${env.PORT}`;
  const bootStarted = Date.now();
  try {
    for (;;) {
      if (exited) throw new Error(`strapi exited before it was healthy (${JSON.stringify(exited)})`);
      if (Date.now() - bootStarted > BOOT_TIMEOUT_MS) throw new Error(`no healthy answer on ${base}/_health within ${BOOT_TIMEOUT_MS} ms`);
      const res = await fetch(`${base}/_health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (res?.status === 204) break;
      await sleep(250);
    }
  } catch (error) {
    await stop();
    error.output = log.join('');
    throw error;
  }
  check(true, `strapi start answers /_health on ${base} after ${((Date.now() - bootStarted) / 1000).toFixed(1)} s`);
  return { base, stop, output: () => log.join('') };
};

const main = async () => {
  // OUTSIDE_REUSE=<project kept by KEEP_OUTSIDE=1>: skip packing and installing (while working on this script).
  const reuse = process.env.OUTSIDE_REUSE;
  const tmp = reuse ? path.dirname(reuse) : fs.mkdtempSync(path.join(os.tmpdir(), 'aw-outside-'));
  const dir = reuse ?? path.join(tmp, 'outside-notes');
  let app = null;
  try {
    if (!reuse) {
      const { tarball } = pack(tmp);
      createProject(dir, tarball);
      install(dir);
    }
    const port = await freePort();
    const env = productionEnv({ port, databaseFile: '.tmp/data.db' });
    for (const key of Object.keys(env)) if (key.startsWith('npm_') || key.startsWith('DATABASE_') && key !== 'DATABASE_FILENAME') delete env[key];
    const strapiBin = path.join(dir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
    if (!reuse || !fs.existsSync(path.join(dir, 'dist', 'build', 'index.html'))) {
      run(process.execPath, [strapiBin, 'ts:generate-types'], { cwd: dir, env });
      run(process.execPath, [strapiBin, 'build'], { cwd: dir, env });
    }
    fs.rmSync(path.join(dir, '.tmp'), { recursive: true, force: true });
    app = await startStrapi(dir, env);
    const plugins = await fetch(`${app.base}/approval-workflow/settings`);
    check(plugins.status === 401, `the plugin's admin routes exist and need authentication (GET /approval-workflow/settings: ${plugins.status})`);
    const actors = await scenario(app.base);
    await browse(app.base, actors);
    console.log(`outside: passed in ${elapsed()}`);
  } catch (error) {
    console.error(`outside: FAILED - ${error.message}`);
    const output = typeof error.output === 'string' ? error.output : app?.output();
    if (output) console.error(`outside: ---- strapi output (tail) ----\n${output.split('\n').slice(-80).join('\n')}`);
    process.exitCode = 1;
  } finally {
    if (app) await app.stop();
    if (process.env.KEEP_OUTSIDE || reuse) console.log(`outside: kept ${dir}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
};

main();
