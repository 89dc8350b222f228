// After the admin's setup: an editor's change to an article opens a request under the template the
// admin made (the Articles collection's), and a new article in the Pricing section — a child of
// the managed entry — opens one under the section's template too.
const { apiLogin, adminApi } = require('../lib/admin-ui');

const ARTICLE = 'api::article.article';

exports.run = async (ctx) => {
  const { base, check, ids } = ctx;
  check(Boolean(ids.templateName && ids.pricingId), 'the earlier steps made the template and marked the Pricing section');
  const editorApi = adminApi(base, await apiLogin(base, 'editor@demo.local', 'Demo-editor-1'));
  const found = await editorApi('GET', `/content-manager/collection-types/${ARTICLE}?filters[title][$eq]=Welcome`);
  const welcome = found.body.results[0].documentId;

  // In the browser, as the editor: the content manager's "Request change".
  const page = await ctx.pageAs('editor', 'editor@demo.local', 'Demo-editor-1');
  await page.goto(`${base}/admin/content-manager/collection-types/${ARTICLE}/${welcome}`);
  const title = page.locator('input[name="title"]');
  await title.waitFor({ timeout: 30_000 });
  const panel = page.locator('aside').filter({ has: page.getByRole('heading', { name: 'Approval workflow' }) });
  await panel.getByText(ids.templateName).waitFor({ timeout: 15_000 });
  check(true, `the editor's side panel names the admin's template "${ids.templateName}"`);
  await title.fill('Welcome, under the new template');
  await page.getByRole('button', { name: 'Request change', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Send request', exact: true }).click();
  const link = page.getByRole('link', { name: 'View the request' });
  await link.waitFor({ timeout: 15_000 });
  const requestId = (await link.getAttribute('href')).split('/').pop();
  await ctx.shot(page, 'settings-editor-request.png');

  const request = (await ctx.api('GET', `/approval-workflow/requests/${requestId}`)).body.data;
  const stages = request.stages.map((stage) => stage.name);
  check(
    request.template.name === ids.templateName && request.operation === 'update' && stages.length === 2,
    `the editor's update opened a request under "${request.template.name}" with stages ${stages.join(' → ')}`
  );

  // A new article in the Pricing section: a child of the managed entry.
  const created = await editorApi('POST', `/content-manager/collection-types/${ARTICLE}`, {
    title: 'Enterprise plan',
    body: 'For large teams.',
    section: { connect: [{ documentId: ids.pricingId }] },
  });
  const childRequest = created.body?.error?.details?.approvalRequest;
  check(created.status === 400 && Boolean(childRequest), `a new article in Pricing opens a request (${created.status} ${created.body?.error?.name})`);
  const child = (await ctx.api('GET', `/approval-workflow/requests/${childRequest.id}`)).body.data;
  check(child.operation === 'create' && child.template.name === ids.templateName, `the child's create runs under "${child.template.name}"`);
  ids.requestId = requestId;
};
