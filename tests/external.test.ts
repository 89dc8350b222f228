/**
 * External approvers by e-mail link (issue 11), against a real SMTP server: delegating to
 * `email:<address>` mails a link; the link shows the change (JSON and HTML) and decides its one
 * obligation once, as the address, through the runner; a used, revoked, replaced or expired link is
 * 410, an unknown one 404; the clear token is never in the database (only its hash, and sealed in
 * the outbox until the mail is out); the link never outlives the stage deadline; too many calls from
 * one address are 429.
 */
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { OutboxService } from '../src/plugins/approval-workflow/server/src/services/outbox';
import { INVITATION_SEAL } from '../src/plugins/approval-workflow/server/src/services/outbox';
import { unseal } from '../src/plugins/approval-workflow/server/src/utils/sealed';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, cm, createTemplate, manage, requestRow, seedDocument, type Cast } from './helpers/fixtures';
import { startSmtp, type TestSmtp } from './helpers/smtp';

const PUBLIC_URL = 'https://cms.example.test';
const LINKS = `${PUBLIC_URL}/api/approval-workflow/external/`;
const MINUTE = 60_000;
const PLUGIN = 'plugin::approval-workflow';

let app: TestApp;
let smtp: TestSmtp;
let c: Cast;
let editorEmail: string;
/** Every token handed out in this file: none may ever be found in the database. */
const tokens: string[] = [];

const outbox = () => app.strapi.plugin('approval-workflow').service('outbox') as OutboxService;
const received = async (from: number) => {
  await outbox().idle();
  return smtp.messages.slice(from);
};
const toOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));
const tokenIn = (mail: ParsedMail) => {
  const match = new RegExp(`${LINKS.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([A-Za-z0-9_-]{43})`).exec(mail.text ?? '');
  if (!match) throw new Error(`no link in ${mail.text}`);
  tokens.push(match[1]);
  return match[1];
};
const link = (token: string, suffix = '') => `/api/approval-workflow/external/${token}${suffix}`;
const json = (method: 'get' | 'post', token: string, suffix = '') => request(app.server)[method](link(token, suffix)).set('Accept', 'application/json');
const linkRow = async (token: string) =>
  app.strapi.db.query(UID.externalLink).findOne({ where: { tokenHash: createHash('sha256').update(token).digest('hex') } });

let seq = 0;
/** The editor's update of a fresh article whose template names the reviewer (one stage, or those given): the request id. */
const openRequest = async (stages?: Array<Record<string, unknown>>) => {
  seq += 1;
  const templateId = await createTemplate(c.admin, {
    name: `External ${seq}`,
    stages: stages ?? [{ name: 'Review', obligations: [{ kind: 'user', principal: c.reviewer.principal }] }],
  });
  const { documentId } = await seedDocument(app, ARTICLE, { title: `Original ${seq}` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: `Proposed <b>${seq}</b> <script>alert(1)</script>` });
  if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  await outbox().idle();
  return { id: res.body.error.details.approvalRequest.id as string, documentId };
};

const delegate = (who: Caller, id: string, body: Record<string, unknown>) => who.call('post', `/approval-workflow/requests/${id}/delegate`).send(body);

/** Delegates the reviewer's obligation to an address and returns the token of the mail that arrives. */
const invite = async (id: string, address: string, extra: Record<string, unknown> = {}) => {
  const from = smtp.messages.length;
  const res = await delegate(c.reviewer, id, { to: `email:${address}`, comment: 'Please have a look', ...extra });
  expect(res.status).toBe(200);
  const mails = await received(from);
  expect(mails.map(toOf)).toEqual([[address]]);
  return { token: tokenIn(mails[0]), mail: mails[0] };
};

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', EMAIL_FROM: 'Approvals <approvals@example.test>', PUBLIC_URL });
  // Room for every call of this file; the rate-limit test lowers it.
  app.strapi.config.set(`${PLUGIN}.externalRateLimit`, { max: 10_000, windowSeconds: 3600 });
  c = await cast(app);
  editorEmail = (await app.strapi.db.query('admin::user').findOne({ where: { id: c.editor.id } })).email;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  delete process.env.SMTP_HOST;
  delete process.env.PUBLIC_URL;
});

describe('the invitation', () => {
  it('delegating to an address mails it one link (no other mail); the link row holds only the token’s hash', async () => {
    const { id } = await openRequest();
    const before = Date.now();
    const { token, mail } = await invite(id, 'ext.one@example.org');
    expect(mail.subject).toMatch(/^Your approval is requested: Update of Article “Proposed <b>\d+<\/b>/);
    expect(mail.text).toContain(`${LINKS}${token}`);
    expect(mail.text).toMatch(/reviewer Test asks you to approve or reject this change\./);
    expect(mail.text).toContain('title: “Original');
    expect(mail.html).toContain(`href="${LINKS}${token}"`);
    expect(mail.html).not.toContain('<script>');

    const row = await linkRow(token);
    expect(row).toMatchObject({ requestId: id, obligationId: 's1.o1', principal: 'email:ext.one@example.org', delegatedBy: c.reviewer.principal, usedAt: null, revokedAt: null });
    // The default lifetime: 72 hours.
    const expiresAt = Date.parse(row.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 72 * 60 * MINUTE);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 72 * 60 * MINUTE);

    const messages = await app.strapi.db.query(UID.outbox).findMany({ where: { requestId: id }, orderBy: { id: 'asc' } });
    expect(messages.map((m: { kind: string; status: string; payload: { sealed?: string | null } }) => [m.kind, m.status, m.payload.sealed ?? null])).toEqual([
      ['notify', 'sent', null],
      ['external-invitation', 'sent', null],
    ]);
    const audit = await app.strapi.db.query(UID.auditEvent).findMany({ where: { requestId: id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['requested', 'delegated', 'link-sent']);
  });

  it('while the mail waits (SMTP down), the outbox holds the token sealed, never clear; once sent, not at all', async () => {
    const { id } = await openRequest();
    const from = smtp.messages.length;
    smtp.refuse = true;
    let sealed: string;
    try {
      expect((await delegate(c.reviewer, id, { to: 'email:ext.sealed@example.org' })).status).toBe(200);
      await outbox().idle();
      const invitation = await app.strapi.db.query(UID.outbox).findOne({ where: { requestId: id, kind: 'external-invitation' } });
      expect(invitation).toMatchObject({ status: 'pending', attempts: 1 });
      sealed = invitation.payload.sealed;
      expect(typeof sealed).toBe('string');
    } finally {
      smtp.refuse = false;
    }
    const token = unseal(app.strapi, INVITATION_SEAL, sealed);
    tokens.push(token);
    await expectNowhereInDatabase([token]);
    expect(await outbox().deliver(Date.now() + 2 * MINUTE)).toEqual(['sent']);
    const [mail] = await received(from);
    expect(tokenIn(mail)).toBe(token);
    expect((await app.strapi.db.query(UID.outbox).findOne({ where: { requestId: id, kind: 'external-invitation' } })).payload.sealed).toBeNull();
  });
});

describe('the link', () => {
  it('GET as JSON: the request, its diff and the expiry; the headers of a secret page; no e-mail address', async () => {
    const { id, documentId } = await openRequest();
    const { token } = await invite(id, 'ext.json@example.org');
    const res = await json('get', token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      request: { id, operation: 'update', uid: ARTICLE, documentId, status: 'pending', title: expect.stringContaining('Proposed'), requester: { name: 'editor Test' }, stage: { name: 'Review' } },
      diff: [expect.objectContaining({ path: 'title', kind: 'changed', before: expect.stringMatching(/^Original/), after: expect.stringMatching(/^Proposed/) })],
      expiresAt: expect.any(String),
    });
    expect(Date.parse(res.body.data.expiresAt)).toBe(Date.parse((await linkRow(token)).expiresAt));
    expect(JSON.stringify(res.body)).not.toContain(editorEmail);
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // Looking does not use the link.
    expect((await linkRow(token)).usedAt).toBeNull();
  });

  it('GET as HTML: the diff, every value escaped, a form to approve or reject, no script', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.html@example.org');
    const res = await request(app.server).get(link(token)).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toContain('Proposed &lt;b&gt;');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toMatch(/<script|<b>/i);
    expect(res.text).toMatch(/<th scope="row">Title<\/th>/i);
    expect(res.text).toContain(`<form method="post" action="/api/approval-workflow/external/${token}/approve">`);
    expect(res.text).toContain(`formaction="/api/approval-workflow/external/${token}/reject"`);
  });

  it('approve once: recorded as the address (audited with the delegator), the change applied; then 410 on every use', async () => {
    const { id, documentId } = await openRequest();
    const { token } = await invite(id, 'ext.approve@example.org');
    const res = await json('post', token, '/approve').send({ comment: 'Looks right' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, status: 'approved' });

    expect((await requestRow(app, id))?.status).toBe('approved');
    const decisions = await app.strapi.db.query(UID.decision).findMany({ where: { requestId: id } });
    expect(decisions).toEqual([expect.objectContaining({ kind: 'approve', by: 'email:ext.approve@example.org', comment: 'Looks right', obligations: ['s1.o1'] })]);
    // Two events have this action: the decision's and the request's own (its status); findOne's pick of them is the database's.
    const approved = await app.strapi.db.query(UID.auditEvent).findMany({ where: { requestId: id, action: 'approved' } });
    expect(approved).toContainEqual(
      expect.objectContaining({
        actor: 'email:ext.approve@example.org',
        details: expect.objectContaining({ obligations: ['s1.o1'], comment: 'Looks right', delegatedBy: [c.reviewer.principal] }),
      })
    );
    const article = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: { $null: true } } });
    expect(article.title).toMatch(/^Proposed/);
    expect((await linkRow(token)).usedAt).not.toBeNull();

    for (const again of [json('post', token, '/approve').send({}), json('post', token, '/reject').send({}), json('get', token)]) {
      const gone = await again;
      expect(gone.status).toBe(410);
      expect(gone.body).toEqual({ data: null, error: expect.objectContaining({ status: 410, message: expect.stringMatching(/used already/) }) });
    }
    const page = await request(app.server).get(link(token));
    expect(page.status).toBe(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('This link can no longer be used');
    expect(page.text).toContain('used already');
    expect(await app.strapi.db.query(UID.decision).count({ where: { requestId: id } })).toBe(1);
  });

  it('two uses at the same moment: one decides, the other hears 410', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.race@example.org');
    const answers = await Promise.all([json('post', token, '/approve').send({}), json('post', token, '/approve').send({})]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    expect(await app.strapi.db.query(UID.decision).count({ where: { requestId: id } })).toBe(1);
  });

  it('reject by the page’s form: a result page; the request declined by the address', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.reject@example.org');
    const res = await request(app.server).post(link(token, '/reject')).type('form').send({ comment: 'Not <this>' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('your rejection is recorded');
    expect(res.text).toContain('now declined');
    expect((await requestRow(app, id))?.status).toBe('declined');
    const [decision] = await app.strapi.db.query(UID.decision).findMany({ where: { requestId: id } });
    expect(decision).toMatchObject({ kind: 'reject', by: 'email:ext.reject@example.org', comment: 'Not <this>' });
    // An empty comment of the form is none.
    const other = await openRequest();
    const second = await invite(other.id, 'ext.empty@example.org');
    expect((await request(app.server).post(link(second.token, '/approve')).type('form').send({ comment: '' })).status).toBe(200);
    expect((await app.strapi.db.query(UID.decision).findOne({ where: { requestId: other.id } })).comment).toBeNull();
  });

  it('a bad body → 400 naming the field, and the link stays usable', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.bad@example.org');
    for (const body of [{ comment: 5 }, { comment: 'x'.repeat(5001) }, { verdict: 'yes' }]) {
      const res = await json('post', token, '/approve').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path[0]).toBe(Object.keys(body)[0]);
    }
    expect((await linkRow(token)).usedAt).toBeNull();
    expect((await requestRow(app, id))?.status).toBe('pending');
  });

  it('an expired link → 410 and nothing is decided', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.expired@example.org', { expiresInMinutes: 5 });
    const row = await linkRow(token);
    expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBeLessThanOrEqual(5 * MINUTE + 1000);
    await app.strapi.db.query(UID.externalLink).update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await json('post', token, '/approve').send({});
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/expired/);
    expect((await json('get', token)).status).toBe(410);
    expect((await requestRow(app, id))?.status).toBe('pending');
  });

  it('a link on a request closed meanwhile → 410', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.closed@example.org');
    expect((await c.editor.call('post', `/approval-workflow/requests/${id}/cancel`).send({})).status).toBe(200);
    const res = await json('get', token);
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/cancelled/);
  });

  it('an unknown token → 404, also a malformed one', async () => {
    for (const token of ['A'.repeat(43), 'nope', `${'b'.repeat(42)}%00`]) {
      const res = await json('get', token);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
      expect((await json('post', token, '/approve').send({})).status).toBe(404);
    }
    const page = await request(app.server).get(link('A'.repeat(43)));
    expect(page.status).toBe(404);
    expect(page.text).toContain('Unknown link');
  });
});

describe('lifetime, resend, revoke', () => {
  it('the link never outlives the stage deadline', async () => {
    const { id } = await openRequest([{ name: 'Timed', timeSpanMinutes: 60, obligations: [{ kind: 'user', principal: c.reviewer.principal }] }]);
    const { token } = await invite(id, 'ext.deadline@example.org', { expiresInMinutes: 600 });
    const stored = await requestRow(app, id);
    expect(Date.parse((await linkRow(token)).expiresAt)).toBe(Date.parse(stored.state.stages[0].deadline));
    // A shorter lifetime than the deadline is kept.
    const other = await openRequest([{ name: 'Timed', timeSpanMinutes: 60, obligations: [{ kind: 'user', principal: c.reviewer.principal }] }]);
    const short = await invite(other.id, 'ext.short@example.org', { expiresInMinutes: 10 });
    expect(Date.parse((await linkRow(short.token)).expiresAt)).toBeLessThan(Date.parse((await requestRow(app, other.id)).state.stages[0].deadline));
  });

  it('delegating again to the same address sends a new link and the old one is 410', async () => {
    const { id } = await openRequest();
    const first = await invite(id, 'ext.resend@example.org');
    const second = await invite(id, 'ext.resend@example.org', { comment: 'Again' });
    expect(second.token).not.toBe(first.token);
    const old = await json('get', first.token);
    expect(old.status).toBe(410);
    expect(old.body.error.message).toMatch(/revoked/);
    expect((await json('get', second.token)).status).toBe(200);
    const audit = await app.strapi.db.query(UID.auditEvent).findMany({ where: { requestId: id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['requested', 'delegated', 'link-sent', 'link-sent']);
    expect(audit[3].details).toMatchObject({ replaced: 1, to: 'email:ext.resend@example.org' });
    expect((await json('post', second.token, '/approve').send({})).status).toBe(200);
  });

  it('revoke: the delegator (admin route) → 410 for the link; someone else 403; nothing left 404; an approval admin any', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.revoke@example.org');
    const revoke = (who: Caller, body: Record<string, unknown> = {}) => who.call('post', `/approval-workflow/requests/${id}/external-links/revoke`).send(body);

    const stranger = await revoke(c.legal);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/Only whoever sent/);
    expect((await revoke(c.reviewer, { to: 'email:someone.else@example.org' })).status).toBe(404);
    const res = await revoke(c.reviewer, { to: 'email:ext.revoke@example.org' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { revoked: 1 } });
    expect((await json('get', token)).status).toBe(410);
    expect((await revoke(c.reviewer)).status).toBe(404);
    expect((await app.strapi.db.query(UID.auditEvent).findOne({ where: { requestId: id, action: 'link-revoked' } })).details).toMatchObject({ to: 'email:ext.revoke@example.org', obligationId: 's1.o1' });

    // The obligation stays with the address: a new link, which an approval admin revokes.
    const again = await invite(id, 'ext.revoke@example.org');
    expect((await revoke(c.admin, { obligationId: 's1.o1' })).body).toEqual({ data: { revoked: 1 } });
    expect((await json('get', again.token)).status).toBe(410);
    expect((await c.reviewer.call('post', '/approval-workflow/requests/nosuchrequest/external-links/revoke').send({})).status).toBe(404);
    expect((await revoke(c.reviewer, { to: 'nobody' })).status).toBe(400);
  });

  it.each([
    ['0', 0],
    ['negative', -5],
    ['a fraction', 1.5],
    ['a string', '60'],
    ['beyond 30 days', 30 * 24 * 60 + 1],
  ])('expiresInMinutes %s → 400 naming it, nothing sent', async (_, expiresInMinutes) => {
    const { id } = await openRequest();
    const from = smtp.messages.length;
    const res = await delegate(c.reviewer, id, { to: 'email:ext.invalid@example.org', expiresInMinutes });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('expiresInMinutes');
    expect(await received(from)).toEqual([]);
    expect(await app.strapi.db.query(UID.externalLink).count({ where: { requestId: id } })).toBe(0);
  });

  it('expiresInMinutes with an account delegate → 400; a malformed address → 400', async () => {
    const { id } = await openRequest();
    const account = await delegate(c.reviewer, id, { to: c.reviewer2.principal, expiresInMinutes: 60 });
    expect(account.status).toBe(400);
    expect(account.body.error.details.errors[0].path).toEqual(['expiresInMinutes']);
    expect((await delegate(c.reviewer, id, { to: 'email:not-an-address' })).status).toBe(400);
  });
});

/** Every row of every plugin table, as text, must not contain any of these tokens. */
const expectNowhereInDatabase = async (secrets: string[]) => {
  for (const uid of Object.values(UID)) {
    const rows = JSON.stringify(await app.strapi.db.query(uid).findMany({}));
    for (const secret of secrets) expect({ uid, found: rows.includes(secret) }).toEqual({ uid, found: false });
  }
};

describe('secrets and abuse', () => {
  it('no token handed out in this file is anywhere in the plugin’s tables (outbox included), only hashes', async () => {
    await outbox().idle();
    expect(tokens.length).toBeGreaterThan(10);
    await expectNowhereInDatabase(tokens);
    for (const token of tokens) expect(await linkRow(token)).not.toBeNull();
  });

  it('too many calls from one address → 429 with Retry-After, and a refused call decides nothing', async () => {
    const { id } = await openRequest();
    const { token } = await invite(id, 'ext.limit@example.org');
    app.strapi.config.set(`${PLUGIN}.externalRateLimit`, { max: 2, windowSeconds: 3600 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await json('get', token)).status);
      // The window may already hold earlier calls: a 429 comes at the third call at the latest, and stays.
      expect(statuses[2]).toBe(429);
      const refused = await json('post', token, '/approve').send({});
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ data: null, error: expect.objectContaining({ status: 429, message: expect.stringMatching(/Too many requests/) }) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await linkRow(token)).usedAt).toBeNull();
      expect((await requestRow(app, id))?.status).toBe('pending');
    } finally {
      app.strapi.config.set(`${PLUGIN}.externalRateLimit`, { max: 10_000, windowSeconds: 3600 });
    }
  });
});
