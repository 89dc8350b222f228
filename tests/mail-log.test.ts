/**
 * Without SMTP_HOST (the demo, a development machine): mails are written to the log and kept in the
 * outbox as `logged`; the email plugin (whose default provider is sendmail) is never called.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { OutboxService } from '../src/plugins/approval-workflow/server/src/services/outbox';
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, cast, cm, createTemplate, manage, seedDocument } from './helpers/fixtures';

let app: TestApp;

beforeAll(async () => {
  delete process.env.SMTP_HOST;
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

it('a new request: its mail is logged with its subject and link, the email plugin is not called', async () => {
  const c = await cast(app);
  const send = jest.spyOn(app.strapi.plugin('email').service('email'), 'send');
  const info = jest.spyOn(app.strapi.log, 'info');
  const templateId = await createTemplate(c.admin, { name: 'Logged', stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: c.reviewer.principal }] }] });
  const { documentId } = await seedDocument(app, ARTICLE, { title: 'Logged' });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Logged too' });
  const requestId = res.body.error.details.approvalRequest.id as string;
  await (app.strapi.plugin('approval-workflow').service('outbox') as OutboxService).idle();

  const [row] = await app.strapi.db.query(UID.outbox).findMany({ where: { requestId } });
  expect(row).toMatchObject({ status: 'logged', subject: 'Approval requested: Update of Article “Logged too”', lastError: null });
  expect(send).not.toHaveBeenCalled();
  const logged = info.mock.calls.map(([message]) => String(message)).find((message) => message.includes(requestId));
  expect(logged).toContain('Approval requested: Update of Article');
  expect(logged).toContain(`/admin/plugins/approval-workflow/requests/${requestId}`);
});
