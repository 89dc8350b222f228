// Step "managed": the approval admin marks the Articles collection managed on Settings → Managed
// content, then the Pricing section from its edit view ("Manage approvals" in the document's menu)
// with its articles as children, both with the two-stage template; the page then lists both.
const ARTICLE = 'api::article.article';
const SECTION = 'api::section.section';
const PAGE = '/admin/settings/approval-workflow/managed-content';

/** The two-stage template the templates step would have made in the browser (when it did not run). */
const ensureTemplate = async ({ api, check, ids }) => {
  if (ids.templateId) return;
  const roles = await api('GET', '/admin/roles');
  const roleId = (name) => roles.body.data.find((role) => role.name === name)?.id;
  const res = await api('POST', '/approval-workflow/templates', {
    name: 'Two-stage review',
    stages: [
      { name: 'Chief editor', obligations: [{ kind: 'role', id: roleId('Chief Editor') }] },
      { name: 'Legal', obligations: [{ kind: 'role', id: roleId('Legal Reviewer') }] },
    ],
  });
  check(res.status === 201, `managed: the template "Two-stage review" is created over the API (${res.status})`);
  ids.templateId = res.body.data.id;
  ids.templateName = res.body.data.name;
};

/** Whether `text` shows in `scope` (within a few seconds: the template names load after the rows). */
const shows = (scope, text) => scope.getByText(text, { exact: true }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);

/** Picks `option` in the design system's select named `name` inside `scope`. */
const choose = async (page, scope, name, option) => {
  await scope.getByRole('combobox', { name }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

const steps = async (ctx) => {
  const { page, base, api, check, ids } = ctx;
  await ensureTemplate(ctx);

  // 1. Settings → Managed content: add the Articles collection with the template, every operation.
  await page.goto(`${base}${PAGE}`);
  await page.getByRole('heading', { name: 'Managed content', level: 1 }).waitFor({ timeout: 30_000 });
  await page.getByText('Nothing is managed yet').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Add a collection' }).click();
  const addDialog = page.getByRole('dialog');
  await addDialog.waitFor({ timeout: 10_000 });
  await choose(page, addDialog, 'Collection type', 'Article');
  const operations = addDialog.getByRole('checkbox');
  await operations.first().waitFor({ timeout: 10_000 });
  const boxes = await operations.count();
  let checked = 0;
  for (let i = 0; i < boxes; i += 1) if ((await operations.nth(i).getAttribute('aria-checked')) === 'true') checked += 1;
  check(boxes === 7 && checked === 7, `managed: a draft & publish collection offers every operation, all checked (${checked}/${boxes})`);
  await choose(page, addDialog, 'Template', ids.templateName);
  await addDialog.getByRole('button', { name: 'Add', exact: true }).click();
  await addDialog.waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByRole('row', { name: /Article/ }).waitFor({ timeout: 15_000 });

  // 2. The Pricing section's edit view: "Manage approvals" in the document's menu.
  await page.goto(`${base}/admin/content-manager/collection-types/${SECTION}`);
  await page.getByRole('gridcell', { name: 'Pricing', exact: true }).click({ timeout: 30_000 });
  await page.waitForURL(new RegExp(`/${SECTION}/[a-z0-9]+`), { timeout: 15_000 });
  ids.pricingId = new URL(page.url()).pathname.split('/').pop();
  await page.locator('input[name="name"]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Manage approvals' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('This entry is not managed').waitFor({ timeout: 15_000 });
  await choose(page, dialog, 'Template', ids.templateName);
  await dialog.getByRole('checkbox', { name: 'Article via section' }).click();
  await page.waitForTimeout(400); // the dialog's opening animation
  await ctx.shot(page, 'manage-approvals-dialog.png');
  await dialog.getByRole('button', { name: 'Manage this entry' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });

  // 3. Back on the page: both rows, with the template and the child relation.
  await page.goto(`${base}${PAGE}`);
  const articlesRow = page.getByRole('row', { name: /^Collection\s*Article/ });
  const pricingRow = page.getByRole('row', { name: /Entry\s*Section\s*Pricing/ });
  await pricingRow.waitFor({ timeout: 15_000 });
  check(await shows(articlesRow, ids.templateName), 'managed: the Articles row names the template');
  check(await shows(pricingRow, ids.templateName), 'managed: the Pricing row names the template');
  check(await shows(pricingRow, 'Article via section'), 'managed: the Pricing row shows its child relation');
  check((await pricingRow.getByRole('link', { name: 'Pricing' }).getAttribute('href'))?.endsWith(`/${SECTION}/${ids.pricingId}`), 'managed: the entry links to its edit view');
  await ctx.tallShot(page, 'managed-content.png');

  // 4. What the server holds.
  const stored = (await api('GET', '/approval-workflow/managed-objects?pageSize=100')).body.data;
  const articles = stored.find((o) => o.kind === 'collection' && o.uid === ARTICLE);
  const pricing = stored.find((o) => o.kind === 'entry' && o.uid === SECTION && o.entryDocumentId === ids.pricingId);
  check(articles?.templateId === ids.templateId && articles.operations.length === 7, 'managed: the Articles collection is managed with the template and every operation');
  check(
    pricing?.templateId === ids.templateId && JSON.stringify(pricing.childRelations) === JSON.stringify([{ uid: ARTICLE, field: 'section' }]),
    'managed: the Pricing section is managed with the template and Article.section as child relation'
  );
  ids.articlesManagedId = articles?.id;
};

/** The steps, with a screenshot of where they stopped when one fails. */
const run = async (ctx) => {
  try {
    await steps(ctx);
  } catch (error) {
    await ctx.shot(ctx.page, 'managed-failure.png');
    throw error;
  }
};

module.exports = { run };
