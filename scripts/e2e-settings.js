#!/usr/bin/env node
// The approval admin's settings pages in a real browser (Debian's Chromium driven by playwright-core),
// against the built app started with the demo, from which the managed content is first removed:
// the admin creates a group, sets the general settings, creates a two-stage template (a role and a
// group, criteria 2) in the template editor, marks the Articles collection managed with it, marks
// the Pricing section managed from its edit view with its articles as children; an editor's write
// then opens a request under that template; the audit page verifies the chain and exports it; an
// external approver's link (delegated by e-mail) shows the change and approves it.
// Each step is a module of scripts/e2e-settings/ (`run(ctx)`); `E2E_STEPS=templates,managed` runs
// some of them (a step creates over the API what an earlier step would have made in the browser).
// Run after `NODE_ENV=production npm run build`. Screenshots go to .tmp/e2e/.
const fs = require('node:fs');
const path = require('node:path');
const { withBuiltApp, checker, root, launchChromium, recordOutsideRequests } = require('./lib/built-app');
const { apiLogin, adminApi, signIn, consoleWatcher, tallScreenshot } = require('./lib/admin-ui');

const STEPS = ['groups', 'general', 'templates', 'managed', 'request', 'audit', 'external'];
const chosen = process.env.E2E_STEPS ? process.env.E2E_STEPS.split(',') : STEPS;

const check = checker('e2e-settings');
const shots = path.join(root, '.tmp', 'e2e');

withBuiltApp({ name: 'e2e-settings', env: { NODE_ENV: 'development', SEED_DEMO: 'true' } }, async (base, { output }) => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launchChromium();
  const outside = [];
  const watcher = consoleWatcher();
  try {
    const api = adminApi(base, await apiLogin(base, 'admin@demo.local', 'Demo-admin-1'));
    // Start from nothing managed: the admin marks everything in the browser.
    const managed = await api('GET', '/approval-workflow/managed-objects?pageSize=100');
    for (const object of managed.body.data) {
      const res = await api('DELETE', `/approval-workflow/managed-objects/${object.id}`);
      check(res.status === 200, `setup: the demo's managed ${object.kind} ${object.uid} is unmarked (${res.status})`);
    }

    /** A new browser page signed in as this demo account (its console watched). */
    const pageAs = async (who, email, password) => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      recordOutsideRequests(context, outside);
      const page = await context.newPage();
      watcher.watch(page, who);
      page.on('dialog', (dialog) => (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()));
      await signIn(page, base, email, password);
      return page;
    };

    const ctx = {
      base,
      /** What the app printed so far (mails are logged: this app has no SMTP). */
      output,
      api,
      check,
      browser,
      pageAs,
      page: await pageAs('admin', 'admin@demo.local', 'Demo-admin-1'),
      /** What steps leave for the next ones: groupId, templateId, templateName, pricingId… */
      ids: {},
      watcher,
      shot: (page, file) => page.screenshot({ path: path.join(shots, file) }),
      tallShot: (page, file) => tallScreenshot(page, path.join(shots, file)),
    };
    for (const step of chosen) {
      console.log(`e2e-settings: step ${step}`);
      await require(`./e2e-settings/${step}`).run(ctx);
    }

    for (const e of watcher.errors) console.log(`e2e-settings: console error (${e.who}): ${e.text} ${e.url}`);
    const fromPlugin = watcher.errors.filter((e) => e.uncaught || /approval-workflow/.test(`${e.text} ${e.url}`));
    check(fromPlugin.length === 0, `no console error from the plugin's pages (${fromPlugin.length})`);
    check(outside.length === 0, `the browser called no outside host (${outside.join(', ')})`);
  } finally {
    await browser.close();
  }
});
