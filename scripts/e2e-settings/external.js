// An external approver (no account): the legal reviewer delegates their obligation to an e-mail
// address; the link the invitation carries (this app has no SMTP: the mail is in the log) opens,
// in a browser without any session, a page that shows the change; Approve decides the request.
const { apiLogin, adminApi } = require('../lib/admin-ui');

const ARTICLE = 'api::article.article';
const TOKEN = /\/api\/approval-workflow\/external\/([A-Za-z0-9_-]{43})/g;

exports.run = async (ctx) => {
  const { base, api, check, browser, output } = ctx;
  const legalApi = adminApi(base, await apiLogin(base, 'legal@demo.local', 'Demo-legal-1'));
  const editorApi = adminApi(base, await apiLogin(base, 'editor@demo.local', 'Demo-editor-1'));
  const legalId = (await legalApi('GET', '/admin/users/me')).body.data.id;

  // A fresh article under its own template: the legal reviewer's approval only.
  const template = await api('POST', '/approval-workflow/templates', {
    name: 'External approver (e2e)',
    stages: [{ name: 'Outside review', obligations: [{ kind: 'user', principal: `admin:${legalId}` }] }],
  });
  check(template.status === 201, `external: the template is created (${template.status})`);
  const created = await api('POST', `/content-manager/collection-types/${ARTICLE}`, { title: 'Opening hours' });
  const documentId = created.body.data.documentId;
  const managed = await api('POST', '/approval-workflow/managed-objects', { kind: 'entry', uid: ARTICLE, documentId, templateId: template.body.data.id });
  check(managed.status === 201, `external: the article is managed with it (${managed.status})`);
  const edit = await editorApi('PUT', `/content-manager/collection-types/${ARTICLE}/${documentId}`, { title: 'Opening hours <from Monday>' });
  const requestId = edit.body.error?.details?.approvalRequest?.id;
  check(Boolean(requestId), `external: the editor's change opened request ${requestId}`);

  const before = new Set([...output().matchAll(TOKEN)].map((match) => match[1]));
  const delegated = await legalApi('POST', `/approval-workflow/requests/${requestId}/delegate`, { to: 'email:outside.reviewer@example.org', comment: 'Could you check the hours?' });
  check(delegated.status === 200, `external: legal delegates to outside.reviewer@example.org (${delegated.status})`);
  let token = null;
  for (let i = 0; i < 50 && !token; i += 1) {
    token = [...output().matchAll(TOKEN)].map((match) => match[1]).find((found) => !before.has(found)) ?? null;
    if (!token) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  check(Boolean(token), 'external: the invitation (logged) carries a link');

  // A browser with no session at all, as the external approver has.
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  try {
    const page = await context.newPage();
    const scripts = [];
    page.on('console', (message) => message.type() === 'error' && scripts.push(message.text()));
    const response = await page.goto(`${base}/api/approval-workflow/external/${token}`);
    check(response.status() === 200, `external: the link's page answers ${response.status()}`);
    check(response.headers()['referrer-policy'] === 'no-referrer', 'external: the page is sent with Referrer-Policy: no-referrer');
    const row = page.locator('tbody tr').filter({ has: page.locator('th', { hasText: /title/i }) });
    await row.waitFor({ timeout: 10_000 });
    const cells = await row.locator('td').allTextContents();
    check(cells[0] === 'Opening hours' && cells[1] === 'Opening hours <from Monday>', `external: the diff shows the title before and after (${cells.join(' → ')})`);
    await ctx.shot(page, 'external-link.png');
    await page.locator('textarea[name="comment"]').fill('Hours are right.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: /your approval is recorded/ }).waitFor({ timeout: 15_000 });
    await ctx.shot(page, 'external-approved.png');
    check(scripts.length === 0, `external: no console error on the pages (CSP included: ${scripts.join(' | ')})`);
    const again = await page.goto(`${base}/api/approval-workflow/external/${token}`);
    check(again.status() === 410, `external: the used link answers ${again.status()}`);
  } finally {
    await context.close();
  }
  const request = (await api('GET', `/approval-workflow/requests/${requestId}`)).body.data;
  const decision = request.decisions[0];
  check(
    request.status === 'approved' && decision?.by.principal === 'email:outside.reviewer@example.org' && decision.comment === 'Hours are right.',
    `external: the request is ${request.status}, decided by ${decision?.by.principal}`
  );
};
