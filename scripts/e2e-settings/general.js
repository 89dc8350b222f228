// Settings → Approval workflow → General: the approval admin sets the reminder interval to 12 hours
// turns urgent mode on and reminder e-mails off, saves, reloads and sees all three; then the demo's
// values come back.
exports.run = async (ctx) => {
  try {
    await run(ctx);
  } catch (error) {
    await ctx.shot(ctx.page, 'general-settings-failed.png');
    throw error;
  }
};

const run = async ({ page, base, api, check, shot }) => {
  const before = (await api('GET', '/approval-workflow/settings')).body.data;
  const url = `${base}/admin/settings/approval-workflow/general`;
  await page.goto(url);

  const amount = page.getByRole('textbox', { name: 'Reminder interval: amount' });
  await amount.waitFor({ timeout: 15_000 });
  await page.getByRole('combobox', { name: /^Reminder interval/ }).click();
  await page.getByRole('option', { name: 'hours' }).click();
  await amount.fill('12');
  // The toggle is a transparent checkbox over its "On" / "Off" halves.
  await page.getByRole('checkbox', { name: /^Urgent mode/ }).check();
  check(await page.getByRole('checkbox', { name: /^Urgent mode/ }).isChecked(), 'general: urgent mode is switched on');
  // E-mail: reminders off.
  const reminders = page.getByRole('checkbox', { name: /^Reminders: to approvers still awaited/ });
  check(await reminders.isChecked(), 'general: reminder mails are on by default');
  await reminders.uncheck();
  const saved = page.waitForResponse((r) => r.url().endsWith('/approval-workflow/settings') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Save' }).click();
  check((await saved).status() === 200, 'general: the settings are saved');
  await page.getByText('Settings saved').first().waitFor({ timeout: 10_000 });

  await page.reload();
  await amount.waitFor({ timeout: 15_000 });
  check((await amount.inputValue()) === '12', `general: after a reload the reminder reads 12 (${await amount.inputValue()})`);
  const unit = await page.getByRole('combobox', { name: /^Reminder interval/ }).textContent();
  check(/hours/.test(unit ?? ''), `general: … hours (${unit})`);
  check(await page.getByRole('checkbox', { name: /^Urgent mode/ }).isChecked(), 'general: urgent mode reads on');
  check(!(await reminders.isChecked()), 'general: reminder mails read off');
  await page.getByText('Escalate after').first().scrollIntoViewIfNeeded();
  await shot(page, 'general-settings.png');

  const stored = (await api('GET', '/approval-workflow/settings')).body.data;
  check(stored.reminderIntervalMinutes === 12 * 60, `general: the server holds 720 minutes (${stored.reminderIntervalMinutes})`);
  check(stored.urgentMode === true, 'general: the server holds urgent mode on');
  check(stored.mail.reminder === false && stored.mail['request-opened'] === true, 'general: the server holds reminder mails off, the others on');
  check(JSON.stringify(stored.bypassRoles) === JSON.stringify(before.bypassRoles), 'general: the bypass roles are unchanged');

  // Later steps count on the demo's timing and a normal (not urgent) request.
  const restored = await api('PUT', '/approval-workflow/settings', { reminderIntervalMinutes: before.reminderIntervalMinutes, urgentMode: before.urgentMode, mail: before.mail });
  check(restored.status === 200, `general: the demo's settings are restored (${restored.status})`);
};
