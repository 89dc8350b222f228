#!/usr/bin/env node
// The admin panel in a real browser (Debian's Chromium driven by playwright-core), against the
// built app started with the demo (SEED_DEMO=true seeds it on the empty database):
// the editor's save on a managed article becomes an approval request and says so; the chief
// editor finds it under "Awaiting me" in the plugin's inbox, opens the request page, reads the old
// and new title and approves in the dialog; legal, the second stage, approves too and the page
// shows the request approved; the article has the new title; the browser calls no outside host
// and the plugin logs no console error.
// Run after `NODE_ENV=production npm run build`. Screenshots go to .tmp/e2e/.
const fs = require('node:fs');
const path = require('node:path');
const { withBuiltApp, checker, root, launchChromium, recordOutsideRequests } = require('./lib/built-app');

const check = checker('e2e');
const shots = path.join(root, '.tmp', 'e2e');

const { apiLogin, tallScreenshot: tallShot, signIn, consoleWatcher } = require('./lib/admin-ui');

const tallScreenshot = (page, file) => tallShot(page, path.join(shots, file));
const console_ = consoleWatcher();
const consoleErrors = console_.errors;
const watchConsole = console_.watch;

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
    watchConsole(page, 'editor');
    // The edit form keeps the editor's proposal (it is not saved): leaving it asks "leave anyway?", and the test does.
    page.on('dialog', (dialog) => (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()));
    await signIn(page, base, 'editor@demo.local', 'Demo-editor-1');
    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article/${welcome}`);
    const title = page.locator('input[name="title"]');
    await title.waitFor({ timeout: 30_000 });
    const panel = page.getByRole('heading', { name: 'Approval workflow' });
    await panel.waitFor({ timeout: 15_000 });
    const panelBox = page.locator('aside').filter({ has: panel });
    const panelText = (await panelBox.innerText()).replace(/\s+/g, ' ');
    check(/Editorial review/.test(panelText) && /Update/.test(panelText), `the edit view has the "Approval workflow" panel: "${panelText.slice(0, 160)}"`);
    check((await page.getByRole('button', { name: /^save$/i }).count()) === 0, 'the editor has no "Save" on a managed article');
    await title.fill('Welcome to the new website');
    await page.getByRole('button', { name: 'Request change', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const dialogText = (await dialog.innerText()).replace(/\s+/g, ' ');
    check(/Ask for these changes/.test(dialogText) && /\btitle\b/i.test(dialogText) && !/\bbody\b/i.test(dialogText), `the dialog lists the changed field: "${dialogText.slice(0, 120)}"`);
    await dialog.getByLabel('Comment (optional)').fill('New launch wording');
    await page.waitForTimeout(400); // the dialog's opening animation
    await page.screenshot({ path: path.join(shots, 'editor-dialog.png') });
    await dialog.getByRole('button', { name: 'Send request', exact: true }).click();
    const notice = page.getByText('Your change waits for approval. It is applied once approved.');
    await notice.waitFor({ timeout: 15_000 });
    const noticeLink = page.getByRole('link', { name: 'View the request' });
    const noticeHref = await noticeLink.getAttribute('href');
    check(/\/admin\/plugins\/approval-workflow\/requests\/\w+$/.test(noticeHref ?? ''), `the editor reads a success notification with a link to the request (${noticeHref})`);
    await page.getByText('Your update request awaits approval').waitFor({ timeout: 15_000 });
    check((await title.inputValue()) === 'Welcome to the new website', 'the editor still sees the typed title');
    const proposalShown = await page.getByText(/^Proposed changes: (.*, )?title(, |$)/).waitFor({ timeout: 15_000 }).then(() => true, () => false);
    check(proposalShown, `the panel says the change awaits approval, with the changed field: "${(await panelBox.innerText()).replace(/\s+/g, ' ').slice(0, 200)}"`);
    await page.waitForTimeout(500); // let the notification finish sliding in
    await tallScreenshot(page, 'editor-save.png');
    check((await page.getByRole('dialog').count()) === 0, 'the dialog is closed');
    const sent = await fetch(`${base}/approval-workflow/requests/${noticeHref.split('/').pop()}`, { headers: { Authorization: `Bearer ${editorToken}` } }).then((r) => r.json());
    check(sent.data.comment === 'New launch wording' && sent.data.operation === 'update', 'the request carries the comment and is an update');

    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article`);
    const welcomeRow = page.locator('tbody tr').filter({ hasText: /^Welcome$|Welcome\b/ }).first();
    await welcomeRow.getByText('Pending: update').waitFor({ timeout: 15_000 });
    check(true, 'the list view shows the pending badge on the article');
    await page.screenshot({ path: path.join(shots, 'editor-list.png') });

    // An approval admin (bypass role) keeps the content manager as it is.
    const adminContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    recordOutsideRequests(adminContext, outside);
    const adminPage = await adminContext.newPage();
    watchConsole(adminPage, 'admin');
    await signIn(adminPage, base, 'admin@demo.local', 'Demo-admin-1');
    const adminStatus = adminPage.waitForResponse((r) => r.url().includes('/approval-workflow/entries/status'), { timeout: 30_000 });
    await adminPage.goto(`${base}/admin/content-manager/collection-types/api::article.article/${welcome}`);
    const { data: adminView } = await (await adminStatus).json();
    await adminPage.locator('input[name="title"]').waitFor({ timeout: 30_000 });
    await adminPage.waitForTimeout(500); // the actions render the status they read
    await adminPage.getByRole('button', { name: /^save$/i }).waitFor({ timeout: 15_000 });
    check(adminView.bypass === true && adminView.operations.includes('update'), 'for the approval admin, the status says bypass on the managed article');
    check(
      (await adminPage.getByRole('button', { name: 'Request change', exact: true }).count()) === 0 &&
        (await adminPage.getByRole('heading', { name: 'Approval workflow' }).count()) === 0,
      'the approval admin keeps "Save" and has no approval panel'
    );
    await adminContext.close();

    const chiefToken = await apiLogin(base, 'chief@demo.local', 'Demo-chief-1');
    const queue = await fetch(`${base}/approval-workflow/requests?awaiting=me`, { headers: { Authorization: `Bearer ${chiefToken}` } }).then((r) => r.json());
    check(queue.data.some((r) => r.documentId === welcome && r.status === 'pending'), 'the request waits for the chief editor');
    const stored = await fetch(`${base}/content-manager/collection-types/api::article.article/${welcome}`, {
      headers: { Authorization: `Bearer ${editorToken}` },
    }).then((r) => r.json());
    check(stored.data.title === 'Welcome', 'the article is unchanged until approved');

    const awaitingTotal = queue.meta.pagination.total;
    const requestId = queue.data.find((r) => r.documentId === welcome && r.status === 'pending')?.id;

    const chief = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    recordOutsideRequests(chief, outside);
    const chiefPage = await chief.newPage();
    watchConsole(chiefPage, 'chief');
    await signIn(chiefPage, base, 'chief@demo.local', 'Demo-chief-1');
    await chiefPage.goto(`${base}/admin/plugins/approval-workflow`);
    await chiefPage.getByRole('heading', { name: 'Approval requests' }).waitFor({ timeout: 30_000 });
    const awaitingTab = chiefPage.getByRole('tab', { name: /Awaiting me/ });
    await awaitingTab.waitFor({ timeout: 15_000 });
    check((await awaitingTab.getAttribute('aria-selected')) === 'true', 'the inbox opens on "Awaiting me"');
    // The count arrives with its own request, after the rows.
    const counted = await chiefPage
      .getByRole('tab', { name: new RegExp(`^Awaiting me\\s*${awaitingTotal}$`) })
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    check(counted, `the tab counts the ${awaitingTotal} pending requests awaiting the chief editor: "${(await awaitingTab.textContent())?.trim()}"`);
    // The chief editor finds the request by the entry's (proposed) title, typed in the search box.
    await chiefPage.getByRole('searchbox', { name: 'Search by entry title' }).fill('new website');
    await chiefPage.waitForURL(/[?&]q=new(%20|\+| )website/, { timeout: 10_000 });
    const row = chiefPage.getByRole('tabpanel').locator(`tr[data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: 15_000 });
    // The unfiltered list stays on screen until the search's answer arrives: wait for the answer.
    const rows = chiefPage.getByRole('tabpanel').locator('tr[data-request-id]');
    for (const until = Date.now() + 15_000; (await rows.count()) !== 1 && Date.now() < until; ) await chiefPage.waitForTimeout(200);
    const found = await rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request-id')));
    check(found.length === 1, `the search "new website" finds the request and no other (${found.length} row)`);
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    check(
      /Welcome to the new website/.test(rowText) && /Article/.test(rowText) && /Update/.test(rowText) && /Editor/.test(rowText) && /Stage 1 of 2 · 0 of 1 approvals/.test(rowText) && /\b(now|ago)\b/.test(rowText) && /pending/i.test(rowText),
      `the row reads: "${rowText.trim()}"`
    );
    await chiefPage.waitForTimeout(300);
    await chiefPage.screenshot({ path: path.join(shots, 'inbox.png') });

    await row.click();
    await chiefPage.waitForURL(`**/admin/plugins/approval-workflow/requests/${requestId}`, { timeout: 15_000 });
    const titleRow = chiefPage.locator('[data-diff-path="title"]');
    await titleRow.waitFor({ timeout: 15_000 });
    const before = (await titleRow.locator('[data-diff-side="before"]').innerText()).trim();
    const after = (await titleRow.locator('[data-diff-side="after"]').innerText()).trim();
    const added = (await titleRow.locator('[data-diff-side="after"] ins').allInnerTexts()).map((w) => w.trim());
    check(before === 'Welcome' && after === 'Welcome to the new website', `the request page shows the title "${before}" → "${after}"`);
    check(added.join(' ') === 'to the new website', `the added words are marked: "${added.join(' ')}"`);
    await tallScreenshot(chiefPage, 'request-page.png');
    // A second tab on the same request goes stale once the first one approves.
    const staleTab = await chief.newPage();
    watchConsole(staleTab, 'chief, second tab', /status of 409 \(Conflict\)/);
    await staleTab.goto(`${base}/admin/plugins/approval-workflow/requests/${requestId}`);
    await staleTab.getByRole('button', { name: 'Approve', exact: true }).waitFor({ timeout: 30_000 });

    const approveAs = async (page, comment, shot = null) => {
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 10_000 });
      await dialog.getByLabel('Comment').fill(comment);
      if (shot) await page.screenshot({ path: path.join(shots, shot) });
      await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('You approved the request.').waitFor({ timeout: 15_000 });
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    };
    await approveAs(chiefPage, 'Fine by me', 'approve-dialog.png');
    await chiefPage.getByText('Stage 2 of 2 · 0 of 1 approvals').waitFor({ timeout: 15_000 });
    await chiefPage.locator('[data-stage="1"]').getByText('Fine by me').waitFor({ timeout: 5_000 });
    check(true, 'after the chief editor approves, the page shows the comment and stage 2 (legal) in progress');
    check((await chiefPage.getByRole('button', { name: 'Approve', exact: true }).count()) === 0, 'the chief editor can no longer approve');

    await staleTab.getByRole('button', { name: 'Approve', exact: true }).click();
    await staleTab.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
    const refusal = staleTab.getByText(/already decided/i);
    check(await refusal.first().waitFor({ timeout: 15_000 }).then(() => true, () => false), 'a stale tab is told in words that the chief editor already decided');
    await staleTab.getByText('Stage 2 of 2 · 0 of 1 approvals').waitFor({ timeout: 15_000 });
    check((await staleTab.getByRole('button', { name: 'Approve', exact: true }).count()) === 0, 'and then shows the request as it is now');
    await staleTab.close();

    const legal = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    recordOutsideRequests(legal, outside);
    const legalPage = await legal.newPage();
    watchConsole(legalPage, 'legal');
    await signIn(legalPage, base, 'legal@demo.local', 'Demo-legal-1');
    await legalPage.goto(`${base}/admin/plugins/approval-workflow/requests/${requestId}`);
    await legalPage.locator('[data-diff-path="title"]').waitFor({ timeout: 30_000 });
    await approveAs(legalPage, 'Legally fine');
    const outcome = legalPage.locator('[data-outcome="approved"]');
    await outcome.waitFor({ timeout: 15_000 });
    check(/This request is approved/.test(await outcome.innerText()), `the page shows: "${(await outcome.innerText()).split('\n')[0].trim()}"`);
    await tallScreenshot(legalPage, 'request-approved.png');
    const applied = await fetch(`${base}/content-manager/collection-types/api::article.article/${welcome}`, {
      headers: { Authorization: `Bearer ${editorToken}` },
    }).then((r) => r.json());
    check(applied.data.title === 'Welcome to the new website', 'the approved title is applied to the article');

    // The other request awaiting the chief editor (the demo's roadmap change): rejected with a
    // comment, which the editor then reads on the request page, found under "My requests".
    const roadmapId = queue.data.find((r) => r.documentId !== welcome && r.status === 'pending')?.id;
    await chiefPage.goto(`${base}/admin/plugins/approval-workflow`);
    await chiefPage.getByRole('tabpanel').locator(`tr[data-request-id="${roadmapId}"]`).click({ timeout: 15_000 });
    const roadmapTitle = chiefPage.locator('[data-diff-path="title"]');
    await roadmapTitle.waitFor({ timeout: 15_000 });
    const roadmapAdded = (await roadmapTitle.locator('[data-diff-side="after"] ins').allInnerTexts()).join(' ').trim();
    const bodyRemoved = (await chiefPage.locator('[data-diff-path="body"] [data-diff-side="before"] del').allInnerTexts()).join(' ').trim();
    const bodyAdded = (await chiefPage.locator('[data-diff-path="body"] [data-diff-side="after"] ins').allInnerTexts()).join(' ').trim();
    check(
      roadmapAdded === '2027' && bodyRemoved === 'next.' && bodyAdded === 'next, and when.',
      `the roadmap change shows its words: title +"${roadmapAdded}", body −"${bodyRemoved}" +"${bodyAdded}"`
    );
    await tallScreenshot(chiefPage, 'request-roadmap.png');
    await chiefPage.getByRole('button', { name: 'Reject', exact: true }).click({ timeout: 15_000 });
    const rejectDialog = chiefPage.getByRole('dialog');
    await rejectDialog.getByLabel('Comment').fill('The dates are not final yet');
    await rejectDialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await chiefPage.locator('[data-outcome="declined"]').waitFor({ timeout: 15_000 });
    check(true, 'the chief editor rejects the roadmap change with a comment in the dialog');

    await page.goto(`${base}/admin/plugins/approval-workflow`);
    await page.getByRole('tab', { name: 'My requests' }).click();
    await page.getByRole('tabpanel').locator(`tr[data-request-id="${roadmapId}"]`).click({ timeout: 15_000 });
    const declined = page.locator('[data-outcome="declined"]');
    await declined.waitFor({ timeout: 15_000 });
    const declinedText = (await declined.innerText()).replace(/\s+/g, ' ').trim();
    check(
      /declined/.test(declinedText) && /Charlie Chief rejected it: “The dates are not final yet”/.test(declinedText) && !/admin:\d/.test(declinedText),
      `the editor reads: "${declinedText}"`
    );
    await tallScreenshot(page, 'request-declined.png');

    // The managed section "Pricing" asks for the password (template "Pricing sign-off"): the dialog
    // has a password field; a wrong password is refused in words and the dialog stays open.
    const sections = await fetch(`${base}/content-manager/collection-types/api::section.section?filters[name][$eq]=Pricing`, {
      headers: { Authorization: `Bearer ${editorToken}` },
    }).then((r) => r.json());
    const pricing = sections.results?.[0]?.documentId;
    const proposed = await fetch(`${base}/content-manager/collection-types/api::section.section/${pricing}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${editorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Pricing', description: 'Prices, plans and discounts.' }),
    }).then((r) => r.json());
    const pricingId = proposed.error?.details?.approvalRequest?.id;
    check(Boolean(pricingId), 'the editor proposes a change to the Pricing section');
    await chiefPage.goto(`${base}/admin/plugins/approval-workflow/requests/${pricingId}`);
    await chiefPage.getByRole('button', { name: 'Approve', exact: true }).click({ timeout: 30_000 });
    const passwordDialog = chiefPage.getByRole('dialog');
    const password = passwordDialog.getByLabel('Your password');
    await password.fill('not-my-password');
    await console_.provoking(/status of 403 \(Forbidden\)/, async () => {
      await passwordDialog.getByRole('button', { name: 'Approve', exact: true }).click();
      await chiefPage.getByText('The password is wrong').first().waitFor({ timeout: 15_000 });
    });
    check(await passwordDialog.isVisible(), 'a wrong password is refused in words and the dialog stays open');
    await password.fill('Demo-chief-1');
    await passwordDialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await chiefPage.getByText('You approved the request.').waitFor({ timeout: 15_000 });
    await chiefPage.getByText('Stage 1 of 1 · 1 of 2 approvals').waitFor({ timeout: 15_000 });
    check(true, 'with the right password the approval counts: stage 1 of 1 · 1 of 2 approvals');

    // Legal hands the other obligation of the sign-off to the approval admin, typed as a principal
    // (legal may not list admin users).
    await legalPage.goto(`${base}/admin/plugins/approval-workflow/requests/${pricingId}`);
    await legalPage.getByRole('button', { name: 'Delegate', exact: true }).click({ timeout: 30_000 });
    const delegateDialog = legalPage.getByRole('dialog');
    await delegateDialog.getByLabel('Delegate to').fill('admin:1');
    await delegateDialog.getByLabel('Comment').fill('I am away this week');
    await delegateDialog.getByRole('button', { name: 'Delegate', exact: true }).click();
    await legalPage.getByText('Your obligation is delegated.').waitFor({ timeout: 15_000 });
    await legalPage.getByText('delegated by Lee Legal').waitFor({ timeout: 15_000 });
    check(true, 'legal delegates in the dialog and the stage shows the obligation delegated');

    // The requester cancels the sign-off from its page.
    await page.goto(`${base}/admin/plugins/approval-workflow/requests/${pricingId}`);
    await page.getByRole('button', { name: 'Cancel request', exact: true }).click({ timeout: 30_000 });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel request', exact: true }).click();
    await page.locator('[data-outcome="cancelled"]').waitFor({ timeout: 15_000 });
    check(true, 'the editor cancels their request and the page shows it cancelled');

    // The chief editor's inbox, tab "All", filtered on status "approved": the approved request only.
    await chiefPage.goto(`${base}/admin/plugins/approval-workflow`);
    await chiefPage.getByRole('tab', { name: 'All' }).click();
    await chiefPage.getByRole('combobox', { name: 'Status' }).click();
    await chiefPage.getByRole('option', { name: 'approved' }).click();
    await chiefPage.waitForURL(/status=approved/, { timeout: 10_000 });
    const allRows = chiefPage.getByRole('tabpanel').locator('tr[data-request-id]');
    await chiefPage.getByRole('tabpanel').locator(`tr[data-request-id="${requestId}"]`).waitFor({ timeout: 15_000 });
    const shown = await allRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request-id')));
    check(shown.length === 1 && shown[0] === requestId, `"All" filtered on "approved" lists the approved request only (${shown.length} row)`);
    await chiefPage.screenshot({ path: path.join(shots, 'inbox-all-approved.png') });

    // An unknown request: the page says so in words (the server's 404 is expected in the console).
    await console_.provoking(/status of 404 \(Not Found\)/, async () => {
      await chiefPage.goto(`${base}/admin/plugins/approval-workflow/requests/nosuchrequest0000000000`);
      await chiefPage.getByRole('heading', { name: 'This request cannot be shown' }).waitFor({ timeout: 30_000 });
    });
    check(true, 'an unknown request id shows "This request cannot be shown"');

    // Create: a double click on "Send request" opens exactly one request, and the editor leaves the
    // create form for the request's page.
    const editorGet = (url) => fetch(`${base}${url}`, { headers: { Authorization: `Bearer ${editorToken}` } }).then((r) => r.json());
    const createRequests = async () => (await editorGet('/approval-workflow/requests?mine=true&pageSize=100')).data.filter((r) => r.operation === 'create').length;
    const createsBefore = await createRequests();
    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article/create`);
    await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
    await page.locator('input[name="title"]').fill('Launch checklist');
    await page.getByRole('button', { name: 'Request change', exact: true }).click();
    const createDialog = page.getByRole('dialog');
    await createDialog.waitFor({ timeout: 10_000 });
    check(/Ask for this entry to be created/.test(await createDialog.innerText()), 'the create dialog says an entry will be created');
    await createDialog.getByRole('button', { name: 'Send request', exact: true }).dblclick();
    await page.waitForURL(/\/admin\/plugins\/approval-workflow\/requests\/\w+$/, { timeout: 15_000 });
    await page.getByText('Your change waits for approval. It is applied once approved.').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'editor-create.png') });
    const createsAfter = await createRequests();
    check(createsAfter - createsBefore === 1, `a double click on the create form opened ${createsAfter - createsBefore} request, and the editor is on its page`);

    // Bulk: "Request publish" on a selected draft of the list opens a request per entry.
    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article`);
    const roadmapRow = page.locator('tbody tr').filter({ hasText: 'Roadmap' });
    const requestPublish = async (timeout) => {
      await roadmapRow.getByRole('checkbox').check({ timeout: 30_000 });
      // By the words on the button, as the user reads them: in a few runs the button was listed
      // among the page's buttons with these words and still not found by its accessible name.
      await page.getByRole('button').filter({ hasText: /^Request publish$/ }).click({ timeout });
    };
    // Seen in a few runs: the button on screen but not found. Record what the page held (the
    // buttons' words and accessible names), then try once more on a reloaded list.
    await requestPublish(15_000).catch(async () => {
      await page.screenshot({ path: path.join(shots, 'editor-bulk-hidden.png') });
      console.log(`e2e: warning - "Request publish" not found; buttons: ${(await page.getByRole('button').allInnerTexts()).join(' | ')}`);
      console.log(
        'e2e: buttons with "Request" (accessible name attributes):',
        // eslint-disable-next-line no-undef -- runs in the page
        await page.evaluate(() => [...document.querySelectorAll('button')].filter((b) => b.textContent.includes('Request')).map((b) => b.outerHTML.slice(0, 300)))
      );
      console.log(
        'e2e: body children:',
        // eslint-disable-next-line no-undef -- runs in the page
        await page.evaluate(() => [...document.body.children].map((e) => `${e.tagName}#${e.id} aria-hidden=${e.getAttribute('aria-hidden')} inert=${e.hasAttribute('inert')} ${e.textContent.slice(0, 60)}`))
      );
      await page.reload();
      await requestPublish(30_000);
    });
    const bulkDialog = page.getByRole('dialog');
    await bulkDialog.getByText('Ask for 1 entry to be published: one request each.').waitFor({ timeout: 10_000 });
    await bulkDialog.getByRole('button', { name: 'Send request', exact: true }).click();
    await page.getByText('Your change waits for approval. It is applied once approved.').waitFor({ timeout: 15_000 });
    await roadmapRow.getByText('Pending: publish').waitFor({ timeout: 15_000 });
    check(true, 'a bulk "Request publish" in the list view opens a publish request, and the row shows it pending');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'editor-bulk.png') });

    // Revise: the chief editor approves stage 1 of the editor's new change; the editor changes the
    // title again and is offered to update the pending request; its approvals start again.
    await page.goto(`${base}/admin/content-manager/collection-types/api::article.article/${welcome}`);
    await title.waitFor({ timeout: 30_000 });
    await title.fill('Welcome, first draft');
    await page.getByRole('button', { name: 'Request change', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send request', exact: true }).click();
    await page.getByText('Your change waits for approval. It is applied once approved.').waitFor({ timeout: 15_000 });
    const reviseId = (await page.getByRole('link', { name: 'View the request' }).getAttribute('href')).split('/').pop();
    const chiefApproval = await fetch(`${base}/approval-workflow/requests/${reviseId}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chiefToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ comment: 'Stage 1 is fine' }),
    }).then((r) => r.json());
    const afterStageOne = await editorGet(`/approval-workflow/requests/${reviseId}`);
    check(chiefApproval.data?.status === 'pending' && afterStageOne.data.stages[0].status === 'fulfilled', 'the chief editor approved stage 1 of the new request (over the API)');
    await title.fill('Welcome, second draft');
    await page.getByRole('button', { name: 'Request change', exact: true }).click();
    const reviseDialog = page.getByRole('dialog');
    await reviseDialog.getByRole('button', { name: 'Send request', exact: true }).click();
    const update = reviseDialog.getByRole('button', { name: 'Update your pending request', exact: true });
    await update.waitFor({ timeout: 15_000 });
    check(/You already have a pending request/.test(await reviseDialog.innerText()), 'the editor is offered to update their pending request');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shots, 'editor-revise.png') });
    await update.click();
    await page.getByText('Your pending request now holds these changes; its approvals start again.').waitFor({ timeout: 15_000 });
    check((await title.inputValue()) === 'Welcome, second draft', 'the editor still sees the revised title');
    const revised = await editorGet(`/approval-workflow/requests/${reviseId}`);
    const firstStage = revised.data.stages[0];
    check(
      revised.data.proposal?.title === 'Welcome, second draft' &&
        firstStage.status === 'active' &&
        firstStage.obligations.every((o) => o.status !== 'approved'),
      `the request holds the revised title and its approvals are reset (stage 1: ${firstStage.status})`
    );
    await tallScreenshot(page, 'editor-revised.png');

    check(outside.length === 0, `the admin calls no outside host${outside.length ? `: ${outside.join(', ')}` : ''}`);
    const fromPlugin = consoleErrors.filter((e) => e.uncaught || /approval-workflow/.test(`${e.text} ${e.url}`));
    for (const e of consoleErrors) console.log(`e2e: console error (${e.who}): ${e.text} ${e.url}`);
    check(fromPlugin.length === 0, `no console error from the plugin${fromPlugin.length ? `: ${fromPlugin.map((e) => e.text).join(' | ')}` : ''}`);
  } finally {
    await browser.close();
  }
}).then(
  () => console.log(`e2e: passed (screenshots in ${path.relative(process.cwd(), shots)})`),
  () => {
    process.exitCode = 1;
  }
);
