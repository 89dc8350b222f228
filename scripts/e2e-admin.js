#!/usr/bin/env node
// The admin panel in a real browser (Debian's Chromium driven by playwright-core), against the
// built app started with the demo (SEED_DEMO=true seeds it on the empty database):
// the editor's save on a managed article becomes an approval request and says so; the chief
// editor finds it in the plugin's page; the browser calls no outside host.
// Run after `NODE_ENV=production npm run build`. Screenshots go to .tmp/e2e/.
const fs = require('node:fs');
const path = require('node:path');
const { withBuiltApp, checker, root, launchChromium, recordOutsideRequests } = require('./lib/built-app');

const check = checker('e2e');
const shots = path.join(root, '.tmp', 'e2e');

const apiLogin = async (base, email, password) => {
  const res = await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return (await res.json()).data.token;
};

const signIn = async (page, base, email, password) => {
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30_000 });
  // The guided tour cannot be turned off by config: skip it when it shows.
  const skip = page.getByRole('button', { name: /^skip/i });
  await skip.first().click({ timeout: 5_000 }).catch(() => {});
};

withBuiltApp({ name: 'e2e', env: { NODE_ENV: 'development', SEED_DEMO: 'true' } }, async (base) => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launchChromium();
  const outside = [];
  try {
    const editorToken = await apiLogin(base, 'editor@demo.local', 'Demo-editor-1');
    const list = await fetch(`${base}/content-manager/collection-types/api::article.article?filters[title][$eq]=Welcome`, {
      headers: { Authorization: `Bearer ${editorToken}` },
    }).then((r) => r.json());
    const welcome = list.results?.[0]?.documentId;
    check(Boolean(welcome), 'the demo article "Welcome" exists');

    const editor = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    recordOutsideRequests(editor, outside);
    const page = await editor.newPage();
    await signIn(page, base, 'editor@demo.local', 'Demo-editor-1');
    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article/${welcome}`);
    const title = page.locator('input[name="title"]');
    await title.waitFor({ timeout: 30_000 });
    await title.fill('Welcome to the new website');
    await page.getByRole('button', { name: /^save$/i }).click();
    const notice = page.getByText(/Change submitted for approval \(request \w+\)/);
    await notice.waitFor({ timeout: 15_000 });
    check(true, `the editor reads: "${(await notice.textContent()).trim()}"`);
    await page.waitForTimeout(500); // let the notification finish sliding in
    await page.screenshot({ path: path.join(shots, 'editor-save.png') });

    const chiefToken = await apiLogin(base, 'chief@demo.local', 'Demo-chief-1');
    const queue = await fetch(`${base}/approval-workflow/requests?awaiting=me`, { headers: { Authorization: `Bearer ${chiefToken}` } }).then((r) => r.json());
    check(queue.data.some((r) => r.documentId === welcome && r.status === 'pending'), 'the request waits for the chief editor');
    const stored = await fetch(`${base}/content-manager/collection-types/api::article.article/${welcome}`, {
      headers: { Authorization: `Bearer ${editorToken}` },
    }).then((r) => r.json());
    check(stored.data.title === 'Welcome', 'the article is unchanged until approved');

    const chief = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const chiefPage = await chief.newPage();
    await signIn(chiefPage, base, 'chief@demo.local', 'Demo-chief-1');
    await chiefPage.goto(`${base}/admin/plugins/approval-workflow`);
    await chiefPage.getByRole('heading', { name: 'Approval requests' }).waitFor({ timeout: 30_000 });
    await chiefPage.getByText(welcome).waitFor({ timeout: 15_000 });
    check(true, 'the chief editor sees the request in the approval requests page');
    await chiefPage.screenshot({ path: path.join(shots, 'approval-requests.png') });

    check(outside.length === 0, `the admin calls no outside host${outside.length ? `: ${outside.join(', ')}` : ''}`);
  } finally {
    await browser.close();
  }
}).then(
  () => console.log(`e2e: passed (screenshots in ${path.relative(process.cwd(), shots)})`),
  () => {
    process.exitCode = 1;
  }
);
