/**
 * Exactly once across senders (issue 11): two senders drain one outbox at the same moment, each in
 * its own transactions on its own connections — on PostgreSQL and MySQL the claim's
 * `FOR UPDATE SKIP LOCKED` hands each a different set of rows; on SQLite (one writer) the
 * conditional update decides. Every message reaches the SMTP server once.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { OutboxService } from '../src/plugins/approval-workflow/server/src/services/outbox';
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';
import { startSmtp, type TestSmtp } from './helpers/smtp';

let app: TestApp;
let smtp: TestSmtp;
let c: Cast;

const outbox = () => app.strapi.plugin('approval-workflow').service('outbox') as OutboxService;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EMAIL_FROM: 'approvals@example.test', PUBLIC_URL: 'https://cms.example.test' });
  c = await cast(app);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  delete process.env.SMTP_HOST;
  delete process.env.PUBLIC_URL;
});

it('two senders draining at once send each of 16 messages exactly once, and both take part', async () => {
  const templateId = await createTemplate(c.admin, { name: 'Claim', stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: c.reviewer.principal }] }] });
  const { documentId } = await seedDocument(app, ARTICLE, { title: 'Claimed' });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Claimed twice?' });
  const requestId = res.body.error.details.approvalRequest.id as string;
  await outbox().idle();

  // 16 messages due in a minute (the after-commit sender leaves them alone), one address each.
  const due = Date.now() + 60_000;
  const addresses = Array.from({ length: 16 }, (_, i) => `claim${i}@example.test`);
  for (const address of addresses) {
    await app.strapi.db.query(UID.outbox).create({
      data: { kind: 'notify', requestId, recipients: [`email:${address}`], payload: { reason: 'reminder' }, status: 'pending', attempts: 0, availableAt: new Date(due) },
    });
  }
  const from = smtp.messages.length;
  smtp.delayMs = 20;
  const [first, second] = await Promise.all([outbox().deliver(due, 3), outbox().deliver(due, 3)]);
  smtp.delayMs = 0;

  expect(first.length + second.length).toBe(16);
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect([...first, ...second].every((status) => status === 'sent')).toBe(true);
  const to = smtp.messages.slice(from).flatMap((mail) => [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address)));
  expect(to.sort()).toEqual([...addresses].sort());
  const rows = await app.strapi.db.query(UID.outbox).findMany({ where: { requestId } });
  const claimed = rows.filter((row) => String(row.sentTo).startsWith('claim'));
  expect(claimed.map((row) => [row.status, row.attempts])).toEqual(addresses.map(() => ['sent', 1]));
});
