// Settings → Approval workflow → Groups: the approval admin creates the group "Legal team" with
// Lee Legal (found by typing "Lee" in the admin-user picker) and sees it listed with one member.
exports.run = async ({ page, base, api, check, ids, shot }) => {
  const legal = await api('GET', '/approval-workflow/directory?kind=admin&q=legal@demo.local');
  const legalPrincipal = legal.body.data.find((entry) => entry.detail === 'legal@demo.local')?.ref;
  check(Boolean(legalPrincipal), `groups: the demo's legal admin is in the directory (${legalPrincipal})`);

  await page.goto(`${base}/admin/settings/approval-workflow/groups`);
  await page.getByRole('button', { name: 'Create group' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Legal team');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Signs off changes with legal impact.');
  const picker = dialog.getByRole('combobox', { name: 'Admin users' });
  await picker.click();
  // The picker searches the server once typing pauses.
  const searched = page.waitForResponse((r) => r.url().includes('/approval-workflow/directory?') && r.url().includes('q=Lee'), { timeout: 30_000 });
  await picker.pressSequentially('Lee', { delay: 50 });
  await searched;
  try {
    await page.getByRole('option', { name: /Lee Legal/ }).click({ timeout: 15_000 });
  } catch (error) {
    await shot(page, 'groups-failed.png');
    throw error;
  }
  await dialog.getByRole('list', { name: 'Admin users' }).getByText('Lee Legal').waitFor({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });

  const row = page.locator('tr', { hasText: 'Legal team' });
  await row.getByText('1 member').waitFor({ timeout: 15_000 });
  const named = await row
    .getByText('Lee Legal')
    .waitFor({ timeout: 10_000 })
    .then(() => true, () => false);
  check(named, 'groups: the listed group names its member, Lee Legal');

  const groups = await api('GET', '/approval-workflow/groups?pageSize=100');
  const group = groups.body.data.find((candidate) => candidate.name === 'Legal team');
  check(Boolean(group), 'groups: "Legal team" is stored');
  check(
    JSON.stringify(group?.members) === JSON.stringify([legalPrincipal]),
    `groups: it holds the legal admin's principal (${JSON.stringify(group?.members)})`
  );
  check(group?.description === 'Signs off changes with legal impact.', 'groups: with its description');
  ids.groupId = group?.id;
  ids.groupName = group?.name;
  await shot(page, 'groups.png');
};
