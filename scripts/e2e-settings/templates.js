// Settings → Approval workflow → Templates, in the browser: the admin creates "Two-stage review"
// (stage 1: the Chief Editor role and the Legal team group, criteria 2; stage 2: Lee Legal with a
// time span that approves on expiry), meets a validation message by its field first, adds a third
// stage, drags it to the top and removes it, saves, finds it in the list, reopens it, and checks
// over the API what was stored. Leaves ctx.ids.templateId / templateName for the next steps.
const NAME = 'Two-stage review';

/** The "Legal team" group with the demo legal user, made over the API when no earlier step made it. */
const ensureGroup = async ({ api, check, ids }) => {
  if (ids.groupId) return;
  const found = await api('GET', '/approval-workflow/directory?kind=admin&q=legal');
  const legal = found.body?.data?.find((entry) => entry.detail === 'legal@demo.local');
  check(Boolean(legal), `setup: the demo legal user is in the directory (${found.status})`);
  const created = await api('POST', '/approval-workflow/groups', { name: 'Legal team', members: [legal.ref] });
  check(created.status === 201, `setup: the group "Legal team" is created (${created.status})`);
  ids.groupId = created.body.data.id;
  ids.groupName = created.body.data.name;
};

/** Picks `option` in the design system's select or combobox `box` (typing `search` first in a combobox). */
const choose = async (page, box, option, search) => {
  if (search === undefined) await box.click();
  else {
    await box.click();
    await box.fill(search);
  }
  await page.getByRole('option', { name: option }).first().click();
};

/** The input's value once it settles on `value` (names come from the directory after the form shows), or the last one seen. */
const settledValue = async (locator, value, ms = 10_000) => {
  const end = Date.now() + ms;
  let seen = await locator.inputValue();
  while (seen !== value && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await locator.inputValue();
  }
  return seen;
};

exports.run = async (ctx) => {
  const { page, base, check, api, ids } = ctx;
  await ensureGroup(ctx);

  await page.goto(`${base}/admin/settings`);
  await page.getByRole('link', { name: 'Templates', exact: true }).click();
  await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Create template' }).click();
  await page.getByRole('heading', { name: 'New template' }).waitFor();

  const stage = (index) => page.locator(`[data-stage="${index}"]`);
  const obligation = (s, o) => stage(s).locator(`[data-obligation="stages.${s}.obligations.${o}"]`);
  const stageName = (index) => stage(index).getByRole('textbox', { name: 'Stage name' });
  const stageNames = () => page.locator('[data-stage]').evaluateAll((cards) => cards.map((card) => card.querySelector('input[name$=".name"]')?.value));

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await page.getByRole('textbox', { name: 'Description' }).fill('Editors and legal first, then a sign-off.');

  // Stage 1: the Chief Editor role and the Legal team group; 2 approvals close it.
  await stageName(0).fill('Editors and legal');
  await choose(page, obligation(0, 0).getByRole('combobox', { name: 'Admin role' }), 'Chief Editor', 'Chief');
  await stage(0).getByRole('button', { name: 'Add an obligation' }).click();
  await choose(page, obligation(0, 1).getByRole('combobox', { name: 'Kind' }), 'Group');
  await choose(page, obligation(0, 1).getByRole('combobox', { name: 'Group' }), ids.groupName, 'Legal');
  await stage(0).getByRole('textbox', { name: 'Fulfillment criteria' }).fill('2');

  // Stage 2: Lee Legal, 2 days, then approved automatically; its name left empty for now.
  await page.getByRole('button', { name: 'Add a stage' }).click();
  await choose(page, obligation(1, 0).getByRole('combobox', { name: 'Kind' }), 'Admin user');
  await choose(page, obligation(1, 0).getByRole('combobox', { name: 'Admin user' }), 'Lee Legal', 'Lee');
  await stage(1).getByRole('textbox', { name: 'Time span' }).fill('2');
  await choose(page, stage(1).getByRole('combobox', { name: 'Unit' }), 'days');
  await choose(page, stage(1).getByRole('combobox', { name: 'When the time runs out' }), 'Approve automatically');

  // Save with the empty stage name: the message is by that field, nothing is sent.
  const before = await api('GET', '/approval-workflow/templates?pageSize=100');
  await page.getByRole('button', { name: 'Save' }).click();
  const message = stage(1).getByText('A stage needs a name.');
  await message.waitFor();
  check((await stageName(1).getAttribute('aria-invalid')) === 'true', 'validation: the empty stage name is marked invalid');
  const describedBy = (await stageName(1).getAttribute('aria-describedby')) ?? '';
  const messageId = await message.getAttribute('id');
  check(Boolean(messageId) && describedBy.split(' ').includes(messageId), 'validation: the message describes the stage name field');
  check((await stage(0).getByText('A stage needs a name.').count()) === 0, 'validation: the named stage has no message');
  check(page.url().endsWith('/templates/new'), 'validation: the editor stays open');
  await ctx.tallShot(page, 'template-validation.png');
  const after = await api('GET', '/approval-workflow/templates?pageSize=100');
  check(after.body.data.length === before.body.data.length, 'validation: nothing was saved');

  await stageName(1).fill('Sign-off');
  await message.waitFor({ state: 'detached' });

  // A third stage, dragged to the top by its handle, then removed.
  await page.getByRole('button', { name: 'Add a stage' }).click();
  await stageName(2).fill('Temporary');
  await choose(page, obligation(2, 0).getByRole('combobox', { name: 'Admin role' }), 'Chief Editor', 'Chief');
  // The HTML5 drag events a drag of the handle onto the first card fires, with one DataTransfer
  // (headless Chromium does not turn mouse moves into a native drag here).
  const transfer = await page.evaluateHandle(() => new globalThis.DataTransfer());
  const handle = page.locator('[data-drag-handle="2"]');
  await handle.dispatchEvent('dragstart', { dataTransfer: transfer });
  await page.waitForTimeout(100);
  await stage(0).dispatchEvent('dragenter', { dataTransfer: transfer });
  await stage(0).dispatchEvent('dragover', { dataTransfer: transfer });
  await stage(0).dispatchEvent('drop', { dataTransfer: transfer });
  await handle.dispatchEvent('dragend', { dataTransfer: transfer });
  const dragged = await stageNames();
  check(JSON.stringify(dragged) === JSON.stringify(['Temporary', 'Editors and legal', 'Sign-off']), `drag: the third stage is first (${dragged})`);
  await stage(0).getByRole('button', { name: 'Move down' }).click();
  const moved = await stageNames();
  check(JSON.stringify(moved) === JSON.stringify(['Editors and legal', 'Temporary', 'Sign-off']), `Move down: one place down (${moved})`);
  await stage(1).getByRole('button', { name: 'Remove this stage' }).click();
  const kept = await stageNames();
  check(JSON.stringify(kept) === JSON.stringify(['Editors and legal', 'Sign-off']), `remove: two stages left (${kept})`);
  await ctx.tallShot(page, 'template-editor.png');

  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`Template “${NAME}” created.`).waitFor();
  await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
  await row.waitFor();
  const cells = await row.getByRole('gridcell').allInnerTexts();
  check(cells[1]?.trim() === '2', `list: "${NAME}" has 2 stages (${cells.join(' | ')})`);
  check(cells[2]?.trim() === '1', `list: "${NAME}" is version 1`);
  check(cells[3]?.trim() === '0' && cells[4]?.trim() === '0', `list: nothing uses it yet (${cells[3]}, ${cells[4]})`);
  await ctx.shot(page, 'templates-list.png');

  // What was stored, over the API.
  const list = await api('GET', '/approval-workflow/templates?pageSize=100');
  const saved = list.body.data.filter((t) => t.name === NAME).pop();
  check(Boolean(saved), 'api: the template is stored');
  const chief = await api('GET', '/approval-workflow/directory?kind=role&q=Chief%20Editor');
  const legal = await api('GET', '/approval-workflow/directory?kind=admin&q=legal');
  const chiefRef = chief.body.data.find((e) => e.name === 'Chief Editor')?.ref;
  const legalRef = legal.body.data.find((e) => e.detail === 'legal@demo.local')?.ref;
  check(
    JSON.stringify(saved.stages) ===
      JSON.stringify([
        { name: 'Editors and legal', criteria: 2, obligations: [{ kind: 'role', id: chiefRef }, { kind: 'group', id: ids.groupId }], timeSpanMinutes: null, onExpiry: 'deny' },
        { name: 'Sign-off', criteria: 1, obligations: [{ kind: 'user', principal: legalRef }], timeSpanMinutes: 2 * 24 * 60, onExpiry: 'approve' },
      ]),
    `api: the stored rule has the two stages, their obligations and criteria 2 (${JSON.stringify(saved.stages)})`
  );

  // Reopened, the editor shows what was saved.
  await row.getByRole('link', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  const lee = await settledValue(obligation(1, 0).getByRole('combobox', { name: 'Admin user' }), 'Lee Legal (legal@demo.local)');
  check(lee === 'Lee Legal (legal@demo.local)', `reopen: the sign-off is Lee Legal's (${lee})`);
  check(JSON.stringify(await stageNames()) === JSON.stringify(['Editors and legal', 'Sign-off']), 'reopen: the two stages in order');
  check((await stage(0).getByRole('textbox', { name: 'Fulfillment criteria' }).inputValue()) === '2', 'reopen: criteria 2');
  check((await settledValue(obligation(0, 0).getByRole('combobox', { name: 'Admin role' }), 'Chief Editor')) === 'Chief Editor', 'reopen: the Chief Editor role');
  check((await settledValue(obligation(0, 1).getByRole('combobox', { name: 'Group' }), ids.groupName)) === ids.groupName, 'reopen: the Legal team group');
  check((await stage(1).getByRole('textbox', { name: 'Time span' }).inputValue()) === '2', 'reopen: a time span of 2…');
  check((await stage(1).getByRole('combobox', { name: 'Unit' }).innerText()).includes('days'), '…days');
  check((await stage(1).getByRole('combobox', { name: 'When the time runs out' }).innerText()).includes('Approve automatically'), 'reopen: approved on expiry');
  await page.getByRole('heading', { name: 'Versions' }).scrollIntoViewIfNeeded();
  check((await page.locator('[data-version]').count()) === 1, 'reopen: one version listed');

  ids.templateId = saved.id;
  ids.templateName = saved.name;
};
