/**
 * Notifications by e-mail (issue 11), against a real SMTP server on 127.0.0.1: every kind of mail
 * arrives once, to the right people, with the request's link; an SMTP outage delays mails and never
 * a decision; reminders come once per interval (the sweep and the sender are driven with an explicit
 * `now`); the settings switch kinds of mail off; the admin API lists messages with their errors.
 */
import type { ParsedMail } from 'mailparser';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { OutboxService } from '../src/plugins/approval-workflow/server/src/services/outbox';
import { MAX_ATTEMPTS } from '../src/plugins/approval-workflow/server/src/services/outbox';
import type { RequestsService } from '../src/plugins/approval-workflow/server/src/services/requests';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';
import { startSmtp, type TestSmtp } from './helpers/smtp';

const PUBLIC_URL = 'https://cms.example.test';
const MINUTE = 60_000;

let app: TestApp;
let smtp: TestSmtp;
let c: Cast;
const emails: Record<string, string> = {};

const plugin = () => app.strapi.plugin('approval-workflow');
const outbox = () => plugin().service('outbox') as OutboxService;
const sweep = (now: number) => (plugin().service('requests') as RequestsService).sweep(now);
const linkOf = (id: string) => `${PUBLIC_URL}/admin/plugins/approval-workflow/requests/${id}`;
const settings = (body: Record<string, unknown>) => c.admin.call('put', '/approval-workflow/settings').send(body);

/** The messages received since `from` (an index into the server's list), once this instance's sender is idle. */
const received = async (from: number) => {
  await outbox().idle();
  return smtp.messages.slice(from);
};
const toOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));
const outboxOf = async (requestId: string) =>
  (await app.strapi.db.query(UID.outbox).findMany({ where: { requestId }, orderBy: { id: 'asc' } })) as Array<{
    payload: { reason: string };
    status: string;
    attempts: number;
    lastError: string | null;
    sentTo: string[] | null;
  }>;

let seq = 0;
/** The editor's update of a fresh article under its own template: the request id and the proposed title. */
const openUnder = async (stages: Array<Record<string, unknown>>, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) => {
  seq += 1;
  const templateId = await createTemplate(c.admin, { name: `Mail ${seq}`, stages, ...extra });
  const { documentId } = await seedDocument(app, ARTICLE, { title: `Original ${seq}` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const proposed = `Proposed <b>${seq}</b>`;
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).set(headers).send({ title: proposed });
  if (res.status !== 400 && res.status !== 200) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body.error?.details.approvalRequest.id ?? (await lastRequestId())) as string;
  return { id, documentId, original: `Original ${seq}`, proposed };
};
const lastRequestId = async () => (await app.strapi.db.query(UID.request).findOne({ orderBy: { id: 'desc' } })).documentId as string;
const user = (who: Caller) => ({ kind: 'user', principal: who.principal });
const decide = (who: Caller, id: string, decision: 'approve' | 'reject') => who.call('post', `/approval-workflow/requests/${id}/${decision}`).send({});

/** Checks the parts every mail has: the subject names the operation and the entry, both parts carry the link. */
const expectMail = (mail: ParsedMail, { to, subject, id }: { to: string[]; subject: RegExp; id: string }) => {
  expect(toOf(mail).sort()).toEqual([...to].sort());
  expect(mail.subject).toMatch(subject);
  expect(mail.text).toContain(linkOf(id));
  expect(mail.html).toContain(`href="${linkOf(id)}"`);
};

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    EMAIL_FROM: 'Approvals <approvals@example.test>',
    EMAIL_REPLY_TO: 'help@example.test',
    PUBLIC_URL,
  });
  c = await cast(app);
  const users = await app.strapi.db.query('admin::user').findMany({ select: ['id', 'email'] });
  for (const row of users) emails[`admin:${row.id}`] = row.email;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  delete process.env.SMTP_HOST;
  delete process.env.PUBLIC_URL;
});

describe('who gets what', () => {
  it('new request → its approvers; stage closed → the next stage; outcome → the requester; each once, with the link and the changes', async () => {
    const from = smtp.messages.length;
    const r = await openUnder([
      { name: 'Review', obligations: [user(c.reviewer)] },
      { name: 'Legal', obligations: [user(c.legal)] },
    ]);
    const opened = await received(from);
    expect(opened).toHaveLength(1);
    expectMail(opened[0], { to: [emails[c.reviewer.principal]], subject: /^Approval requested: Update of Article “Proposed <b>\d+<\/b>”$/, id: r.id });
    expect(opened[0].from?.text).toContain('approvals@example.test');
    expect(opened[0].replyTo?.text).toContain('help@example.test');
    // The change, readable; escaped in the HTML part.
    expect(opened[0].text).toContain(`title: “${r.original}” → “${r.proposed}”`);
    expect(opened[0].html).toContain('Proposed &lt;b&gt;');
    expect(opened[0].html).not.toContain('<b>');

    expect((await decide(c.reviewer, r.id, 'approve')).status).toBe(200);
    const next = await received(from + 1);
    expect(next).toHaveLength(1);
    expectMail(next[0], { to: [emails[c.legal.principal]], subject: /^Your approval is needed: Update of Article/, id: r.id });
    expect(next[0].text).toContain('Stage: Legal.');

    expect((await decide(c.legal, r.id, 'approve')).status).toBe(200);
    const outcome = await received(from + 2);
    expect(outcome).toHaveLength(1);
    expectMail(outcome[0], { to: [emails[c.editor.principal]], subject: /^Approved and applied: Update of Article/, id: r.id });

    expect((await outboxOf(r.id)).map((m) => [m.payload.reason, m.status, m.attempts])).toEqual([
      ['request-opened', 'sent', 1],
      ['stage-started', 'sent', 1],
      ['decided', 'sent', 1],
    ]);
  });

  it('a rejection → the requester hears it was declined; a delegation → the delegate', async () => {
    const from = smtp.messages.length;
    const r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }]);
    const res = await c.reviewer.call('post', `/approval-workflow/requests/${r.id}/delegate`).send({ to: c.reviewer2.principal, comment: 'Yours' });
    expect(res.status).toBe(200);
    expect((await decide(c.reviewer2, r.id, 'reject')).status).toBe(200);
    const mails = await received(from);
    expect(mails.map((m) => [toOf(m), m.subject?.split(':')[0]])).toEqual([
      [[emails[c.reviewer.principal]], 'Approval requested'],
      [[emails[c.reviewer2.principal]], 'An approval was delegated to you'],
      [[emails[c.editor.principal]], 'Declined'],
    ]);
    for (const mail of mails) expect(mail.text).toContain(linkOf(r.id));
  });

  it('an urgent request → its approvers and the approval admins hear it was applied', async () => {
    expect((await settings({ urgentMode: true })).status).toBe(200);
    try {
      const from = smtp.messages.length;
      const r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }], { 'X-Approval-Urgent': 'true' }, { urgentAllowed: true });
      const mails = await received(from);
      const urgent = mails.filter((m) => m.subject?.startsWith('Urgent change applied'));
      expect(urgent).toHaveLength(1);
      expectMail(urgent[0], { to: [emails[c.reviewer.principal], emails[c.admin.principal]], subject: /Update of Article/, id: r.id });
      expect(mails.filter((m) => m.subject?.startsWith('Approval requested'))).toHaveLength(1);
      expect((await decide(c.reviewer, r.id, 'approve')).status).toBe(200);
      expect((await received(from + mails.length)).map((m) => m.subject?.split(':')[0])).toEqual(['Approved and applied']);
    } finally {
      await settings({ urgentMode: false });
    }
  });

  it('reminders once per interval to the pending approvers, escalation once to the approval admins', async () => {
    expect((await settings({ reminderIntervalMinutes: 60, escalationAfterMinutes: 90 })).status).toBe(200);
    try {
      const r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }]);
      const created = Date.parse((await app.strapi.db.query(UID.request).findOne({ where: { documentId: r.id } })).createdAt);
      const from = (await received(0)).length;
      const at = async (minutes: number) => {
        await sweep(created + minutes * MINUTE);
        await outbox().idle();
        await outbox().deliver(created + minutes * MINUTE);
        return (await received(from)).map((m) => m.subject?.split(':')[0]);
      };
      expect(await at(59)).toEqual([]);
      expect(await at(61)).toEqual(['Reminder']);
      expect(await at(62)).toEqual(['Reminder']);
      expect(await at(91)).toEqual(['Reminder', 'Escalation']);
      expect(await at(121)).toEqual(['Reminder', 'Escalation', 'Reminder']);
      const mails = await received(from);
      expectMail(mails[0], { to: [emails[c.reviewer.principal]], subject: /^Reminder: your approval is pending: Update of Article/, id: r.id });
      expectMail(mails[1], { to: [emails[c.admin.principal]], subject: /^Escalation: an approval is overdue: Update of Article/, id: r.id });
      await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
    } finally {
      await settings({ reminderIntervalMinutes: 48 * 60, escalationAfterMinutes: null });
    }
  });
});

describe('delivery', () => {
  it('an SMTP outage: the decision stands, the mail waits with its error, and goes out once the server is back', async () => {
    const r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }]);
    await outbox().idle();
    const from = smtp.messages.length;
    smtp.refuse = true;
    try {
      const res = await decide(c.reviewer, r.id, 'approve');
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('approved');
      expect(await received(from)).toEqual([]);
      const [, decided] = await outboxOf(r.id);
      expect(decided).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('test outage') });

      const pending = await c.admin.call('get', '/approval-workflow/outbox?status=pending');
      expect(pending.status).toBe(200);
      expect(pending.body.data).toEqual(
        expect.arrayContaining([expect.objectContaining({ requestId: r.id, reason: 'decided', status: 'pending', lastError: expect.stringContaining('test outage') })])
      );
      // Not before its backoff (one minute after the first attempt).
      expect(await outbox().deliver(Date.now() + 30_000)).toEqual([]);
    } finally {
      smtp.refuse = false;
    }
    expect(await outbox().deliver(Date.now() + 2 * MINUTE)).toEqual(['sent']);
    const late = await received(from);
    expect(late).toHaveLength(1);
    expectMail(late[0], { to: [emails[c.editor.principal]], subject: /^Approved and applied:/, id: r.id });
    expect((await outboxOf(r.id))[1]).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentTo: [emails[c.editor.principal]] });
    expect((await app.strapi.db.query(UID.request).findOne({ where: { documentId: r.id } })).status).toBe('approved');
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts: the message is failed and listed with its error`, async () => {
    smtp.refuse = true;
    let r: { id: string };
    try {
      r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }]);
      await outbox().idle();
      for (let attempt = 2, now = Date.now(); attempt <= MAX_ATTEMPTS; attempt += 1) {
        now += 2 ** (attempt - 2) * MINUTE + 1000;
        expect(await outbox().deliver(now)).toEqual([attempt === MAX_ATTEMPTS ? 'failed' : 'pending']);
      }
    } finally {
      smtp.refuse = false;
    }
    expect((await outboxOf(r.id))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await outbox().deliver(Date.now() + 24 * 60 * MINUTE)).toEqual([]);
    const failed = await c.admin.call('get', '/approval-workflow/outbox?status=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.data).toEqual([expect.objectContaining({ requestId: r.id, reason: 'request-opened', status: 'failed', lastError: expect.stringContaining('test outage') })]);
    await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
  });

  it('a kind of mail switched off in the settings is not sent (skipped, with the reason)', async () => {
    const mail = (await c.admin.call('get', '/approval-workflow/settings')).body.data.mail;
    expect(mail).toEqual({
      'request-opened': true,
      'stage-started': true,
      delegated: true,
      decided: true,
      reminder: true,
      escalation: true,
      'urgent-applied': true,
    });
    expect((await settings({ mail: { ...mail, 'request-opened': false } })).status).toBe(200);
    try {
      const from = smtp.messages.length;
      const r = await openUnder([{ name: 'Review', obligations: [user(c.reviewer)] }]);
      expect(await received(from)).toEqual([]);
      expect((await outboxOf(r.id))[0]).toMatchObject({ status: 'skipped', lastError: expect.stringContaining('switched off') });
      await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
    } finally {
      await settings({ mail });
    }
  });

  it('bad input: an unknown status or a partial set of switches is a 400', async () => {
    const list = await c.admin.call('get', '/approval-workflow/outbox?status=lost');
    expect(list.status).toBe(400);
    const put = await settings({ mail: { reminder: false } });
    expect(put.status).toBe(400);
    expect(JSON.stringify(put.body.error.details)).toContain('request-opened');
  });
});
