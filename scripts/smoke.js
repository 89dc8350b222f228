#!/usr/bin/env node
// Smoke test of a production build: `strapi start` in production, then /_health, the admin HTML
// and its entry script, the favicon and a plugin route; then `npm start` without NODE_ENV (Strapi's
// development environment), which must not seed the demo either. Run after
// `NODE_ENV=production npm run build`.
const path = require('node:path');
const { stripVTControlCharacters } = require('node:util');
const { withBuiltApp, checker, root } = require('./lib/built-app');

// The accounts as the built app knows them (compiled by the build).
const { DEMO_ACCOUNTS } = require(path.join(root, 'dist', 'src', 'seed', 'demo.js'));

const check = checker('smoke');

/** The demo is seeded only when asked (SEED_DEMO=true): none of its accounts can log in. */
const noDemoAccount = async (base, when) => {
  for (const { email, password } of DEMO_ACCOUNTS) {
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    check(login.status === 400, `the demo account ${email} cannot log in ${when} (login answers ${login.status})`);
  }
};

/** The plugin's start-up warning of a production without a mail provider (issue 11). */
const NO_MAIL_WARNING = /No mail provider is configured \(SMTP_HOST is not set\)/;

withBuiltApp({ name: 'smoke', env: { SMTP_HOST: undefined } }, async (base, { output }) => {
  // Production without SMTP_HOST: approval mails would only be logged, and the app says so at start.
  check(NO_MAIL_WARNING.test(output()), 'production without SMTP_HOST warns at start that approval mails are only written to the log');

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

  await noDemoAccount(base, 'in production');
})
  .then(() =>
    // A deployment that forgot NODE_ENV runs in Strapi's development environment: still no demo.
    withBuiltApp({ name: 'smoke-no-node-env', viaNpm: true, env: { NODE_ENV: undefined, SEED_DEMO: undefined } }, async (base, { output }) => {
      // Strapi prints its environment in a coloured table, once it is listening.
      const environment = async () => {
        for (let tries = 0; tries < 40; tries += 1) {
          const printed = stripVTControlCharacters(output()).match(/Environment\W+(\w+)/);
          if (printed) return printed[1];
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        return null;
      };
      const name = await environment();
      check(name === 'development', `npm start without NODE_ENV runs in Strapi’s development environment (${name})`);
      // Development without SMTP is the demo's normal way to show mails: no warning.
      check(!NO_MAIL_WARNING.test(output()), 'development without SMTP_HOST does not warn about the mail provider');
      await noDemoAccount(base, 'under npm start without NODE_ENV');
    })
  )
  .then(
    () => console.log('smoke: passed'),
    () => {
      process.exitCode = 1;
    }
  );
