// Settings → Approval workflow → Audit trail: filter by an action, verify the chain, export CSV and JSON.
const fs = require('node:fs');

exports.run = async (ctx) => {
  try {
    await run(ctx);
  } catch (error) {
    await ctx.shot(ctx.page, 'audit-failed.png');
    throw error;
  }
};

const run = async ({ page, base, api, check, tallShot }) => {
  await page.goto(`${base}/admin/settings/approval-workflow/audit`);
  await page.getByRole('button', { name: 'Verify chain' }).waitFor({ timeout: 15_000 });

  // Filter by an action the earlier steps (or the demo seed) recorded.
  const all = (await api('GET', '/approval-workflow/audit?pageSize=100')).body.data;
  const action = all.some((event) => event.action === 'group-created') ? 'group-created' : all[0]?.action;
  check(Boolean(action), `audit: the trail holds events (${all.length})`);
  const expected = (await api('GET', `/approval-workflow/audit?action=${action}&pageSize=100`)).body;
  const label = action === 'group-created' ? 'Group created' : null;
  await page.getByRole('combobox', { name: 'Action' }).click();
  const listed = page.waitForResponse((r) => r.url().includes(`/approval-workflow/audit?`) && r.url().includes(`action=${action}`));
  await (label ? page.getByRole('option', { name: label, exact: true }) : page.getByRole('option').nth(1)).click();
  await listed;
  check(page.url().includes(`action=${action}`), `audit: the action filter is in the URL (${page.url()})`);
  await page.locator('tbody tr').first().waitFor({ timeout: 10_000 });
  const rows = await page.locator('tbody tr').count();
  check(rows === expected.data.length, `audit: the table shows the ${expected.data.length} ${action} events (${rows})`);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  const verdict = page.getByText(/The chain is intact: \d+ events? checked/);
  await verdict.waitFor({ timeout: 15_000 });
  const total = (await api('GET', '/approval-workflow/audit/verify')).body.data.checked;
  check((await verdict.textContent()).includes(`${total} event`), `audit: "${await verdict.textContent()}" (${total} events)`);
  await tallShot(page, 'audit.png');

  for (const format of ['csv', 'json']) {
    const downloading = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: `Export ${format.toUpperCase()}` }).click();
    const file = await downloading;
    const name = file.suggestedFilename();
    check(new RegExp(`^approval-audit-.*\\.${format}$`).test(name), `audit: the ${format} download is named ${name}`);
    const text = fs.readFileSync(await file.path(), 'utf8');
    if (format === 'csv') {
      const lines = text.split('\r\n').filter(Boolean);
      check(lines[0] === 'seq,at,action,actor,requestId,subject,details,prevHash,hash', `audit: the CSV starts with its header (${lines[0]})`);
      check(lines.length - 1 === expected.data.length, `audit: the CSV holds the ${expected.data.length} filtered events (${lines.length - 1})`);
      check(lines.slice(1).every((line) => line.split(',')[2] === action), `audit: every CSV row is a ${action} event`);
    } else {
      const body = JSON.parse(text);
      check(body.meta.count === expected.data.length && body.data.length === expected.data.length, `audit: the JSON holds the ${expected.data.length} filtered events (${body.meta.count})`);
      check(body.meta.filters.action === action, `audit: the JSON names its filter (${JSON.stringify(body.meta.filters)})`);
      check(JSON.stringify(body.data.map((e) => e.seq)) === JSON.stringify(expected.data.map((e) => e.seq).reverse()), 'audit: the JSON events are the listed ones, oldest first');
    }
  }
};
