#!/usr/bin/env node
// Smoke test of a production build: `strapi start` in production, then /_health, the admin HTML
// and its entry script, the favicon and a plugin route. Run after `NODE_ENV=production npm run build`.
const { withBuiltApp, checker } = require('./lib/built-app');

const check = checker('smoke');

withBuiltApp({ name: 'smoke' }, async (base) => {
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

  // Production never seeds the demo.
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.local', password: 'Demo-admin-1' }),
  });
  check(login.status === 400, `the demo accounts do not exist in production (login answers ${login.status})`);
}).then(
  () => console.log('smoke: passed'),
  () => {
    process.exitCode = 1;
  }
);
