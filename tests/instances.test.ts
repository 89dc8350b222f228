/**
 * Two instances of the app on one database (issues 11 and 13), as a scaled-out installation runs:
 * both run the sweep and the outbox sender every second. Stages that run out of time are closed
 * once, approved changes are applied once, every mail reaches the SMTP server once, and a content
 * type marked managed on one instance is guarded on the other within the documented delay.
 * The requests are opened over HTTP with a stage of the shortest time span (a minute); their
 * deadlines are then brought forward to now in the database, so that the sweeps (what is tested)
 * find them due at once instead of after a minute of waiting for the clock.
 * Instance A is this process's app (startApp), instance B a child process on the same database
 * (Strapi lives in a global: one per process). What happened is read from outside: HTTP answers,
 * the SMTP server, the tables — not from how the sweep or the sender divide their work.
 *
 * PostgreSQL and MySQL/MariaDB only: they are what several instances run on (row locks, SKIP
 * LOCKED). Two processes on one SQLite file are not a supported deployment (one writer at a time,
 * busy errors instead of waiting for locks), so on SQLite this file is skipped.
 */
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { GUARD_CACHE_MS } from '../src/plugins/approval-workflow/server/src/services/managed-objects';
import type { RequestState } from '../src/plugins/approval-workflow/server/src/domain/types';
import { startApp, startAppProcess, type AppProcess, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { createThrowAwayDatabase, testClient, type ThrowAwayDatabase } from './helpers/database';
import { ARTICLE, GUIDE, SECTION, cast, createTemplate, manage, type Cast } from './helpers/fixtures';
import { startSmtp, type TestSmtp } from './helpers/smtp';

const PUBLIC_URL = 'https://cms.example.test';
/** Requests per outcome: half of them opened on each instance. */
const PER_GROUP = 50;
/** The shortest time span a stage can have (runOutOfTime brings the deadlines forward). */
const TIME_SPAN_MINUTES = 1;
/** How long after its deadline a stage may still be open, and after that its mails unsent: limits, not goals (a busy 2-core machine). */
const SETTLE_MS = 45_000;

/** Each instance's environment: SMTP on the test's server, the sweep and the sender every second (six-field cron). */
const env = (smtpPort: number, name: string) => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtpPort),
  // The sender's address names the instance, so that the mails show that both senders ran.
  EMAIL_FROM: `approvals-${name}@example.test`,
  PUBLIC_URL,
  APPROVAL_SWEEP_CRON: '* * * * * *',
  APPROVAL_OUTBOX_CRON: '* * * * * *',
});

const describeOnServer = testClient() === 'sqlite' ? describe.skip : describe;

let smtp: TestSmtp;
let database: ThrowAwayDatabase;
let a: TestApp;
let b: AppProcess;
let c: Cast;
let writer: Caller;
let denyTemplate: string;
let signOffTemplate: string;

type Method = 'get' | 'post' | 'put' | 'delete';
/** `who` calling instance A (0) or B (1). */
const on = (instance: number, who: Caller) => (method: Method, path: string) =>
  instance === 0 ? who.call(method, path) : request(b.base)[method](path).set('Authorization', `Bearer ${who.token}`);

const q = (uid: string) => a.strapi.db.query(uid as never);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 250 ms until it returns true; fails with `what` once `limitMs` has passed. */
const until = async (what: string, limitMs: number, check: () => Promise<boolean>) => {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${limitMs} ms: ${what}`);
    await sleep(250);
  }
};

/**
 * Moves the deadline of every active timed stage of the pending requests to `now`: in the stored
 * state (what the engine checks) and in `nextDueAt` (what the sweep selects by), as the time span
 * running out would. Each request is changed under its row lock and only while it is pending, so
 * one a sweep closes meanwhile keeps the state the sweep wrote. The sweeps of both instances lock
 * these rows too: on MariaDB this transaction may be a deadlock's victim, and is tried again.
 */
const runOutOfTime = async (now: number) => {
  const pending = (await q(UID.request).findMany({ where: { status: 'pending' }, select: ['documentId'] })) as Array<{ documentId: string }>;
  for (const { documentId } of pending) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await a.strapi.db.transaction(async () => {
          const row = (await a.strapi.db.queryBuilder(UID.request as never).select(['status', 'state']).where({ documentId }).forUpdate().first().execute()) as
            | { status: string; state: RequestState | string }
            | undefined;
          if (!row || row.status !== 'pending') return;
          const state = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as RequestState;
          for (const stage of state.stages) if (stage.status === 'active' && stage.deadline !== null) stage.deadline = new Date(now).toISOString();
          await q(UID.request).updateMany({ where: { documentId }, data: { state, nextDueAt: new Date(now) } });
        });
        break;
      } catch (error) {
        if (attempt >= 5 || !/deadlock/i.test((error as Error).message)) throw error;
      }
    }
  }
};

/** Runs `work(i)` for i in 0…count-1, `width` at a time (a crowd of editors, not one by one). */
const crowd = async <T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await work(i);
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
};

/** The id of the request an intercepted REST write opened (202), or a failure naming the answer. */
const openedBy = (res: request.Response) => {
  if (res.status !== 202) throw new Error(`expected 202 (a request), got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.meta.approvalRequest.id as string;
};

const addresses = (mail: ParsedMail, field: 'to' | 'from') => [mail[field] ?? []].flat().flatMap((address) => address.value.map((v) => v.address ?? ''));
const countBy = (keys: string[]) => keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());

describeOnServer('two instances on one database', () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createThrowAwayDatabase();
    a = await startApp(env(smtp.port, 'a'), { database });
    // B boots on the database A has set up (a rolling start), while A creates the cast.
    [b, c] = await Promise.all([startAppProcess(database, env(smtp.port, 'b')), cast(a)]);
    denyTemplate = await createTemplate(c.admin, {
      name: 'Quick review or nothing',
      stages: [{ name: 'Quick review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: TIME_SPAN_MINUTES, onExpiry: 'deny' }],
    });
    // Both stages start with the request: a reviewer approves, the timed sign-off approves itself.
    signOffTemplate = await createTemplate(c.admin, {
      name: 'Review, then a timed sign-off',
      ownerRules: { enforceApprovalOrder: false },
      stages: [
        { name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] },
        { name: 'Sign-off', obligations: [{ kind: 'user', principal: c.legal.principal }], timeSpanMinutes: TIME_SPAN_MINUTES, onExpiry: 'approve' },
      ],
    });
    // Marked before B reads which types are guarded (its first write below): B guards them at once.
    await manage(c.admin, { kind: 'collection', uid: SECTION, templateId: denyTemplate });
    await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId: signOffTemplate });
    await c.a.grantApi([ARTICLE, SECTION, GUIDE].map((uid) => `${uid}.create`));
    writer = await c.a.apiUser('writer');
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await database?.drop();
    await smtp?.stop();
    for (const key of Object.keys(env(0, ''))) delete process.env[key];
  });

  it(`a collection marked managed on A is guarded on B within ${GUARD_CACHE_MS} ms (each instance re-reads the guarded types that often)`, async () => {
    // B's write reads its list of guarded types: the guide is not managed yet.
    const direct = await on(1, writer)('post', '/api/guides').send({ data: { title: 'Before it was managed' } });
    expect(direct.status).toBe(201);

    await manage(c.admin, { kind: 'collection', uid: GUIDE, templateId: denyTemplate });
    const markedAt = Date.now();
    // Until B's list is older than the delay, its writes may still go through; a write that starts
    // after it must become a request.
    for (let probe = 1; ; probe += 1) {
      const startedAt = Date.now();
      const res = await on(1, writer)('post', '/api/guides').send({ data: { title: `Probe ${probe}` } });
      if (res.status === 202) {
        expect(res.body.meta.approvalRequest).toMatchObject({ operation: 'create', uid: GUIDE, status: 'pending' });
        break;
      }
      expect(res.status).toBe(201);
      expect(startedAt - markedAt).toBeLessThan(GUARD_CACHE_MS);
      await sleep(200);
    }
  });

  it(`requests opened on both instances: each stage that runs out of time is closed once, each change applied once, each mail sent once`, async () => {
    const opened = await crowd(2 * PER_GROUP, 4, async (i) => {
      const n = i >> 1;
      const res =
        i % 2 === 0
          ? await on(n % 2, writer)('post', '/api/sections').send({ data: { name: `Expiring ${n}` } })
          : await on(n % 2, writer)('post', '/api/articles').send({ data: { title: `Applied ${n}` } });
      return openedBy(res);
    });
    const expiring = opened.filter((_, i) => i % 2 === 0);
    const applied = opened.filter((_, i) => i % 2 === 1);
    await crowd(PER_GROUP, 4, async (n) => {
      const res = await on((n + 1) % 2, c.reviewer)('post', `/approval-workflow/requests/${applied[n]}/approve`).send({});
      expect(res.status).toBe(200);
    });

    // Every request ever opened here (the guide's from the test above too) closes once its stage is out of time.
    await runOutOfTime(Date.now());
    await until('no request is pending', SETTLE_MS, async () => (await q(UID.request).count({ where: { status: 'pending' } })) === 0);

    // Expired once: no decision, one `expired` event, nothing written.
    const requests = await q(UID.request).findMany({ where: { documentId: { $in: opened } }, select: ['documentId', 'status'] });
    const statusOf = new Map(requests.map((r: { documentId: string; status: string }) => [r.documentId, r.status]));
    expect(expiring.map((id) => statusOf.get(id))).toEqual(expiring.map(() => 'expired'));
    expect(applied.map((id) => statusOf.get(id))).toEqual(applied.map(() => 'approved'));
    const events = (await q(UID.auditEvent).findMany({ where: { requestId: { $in: opened } }, select: ['requestId', 'action'] })) as Array<{ requestId: string; action: string }>;
    const eventCount = countBy(events.map((e) => `${e.requestId} ${e.action}`));
    expect(expiring.map((id) => [eventCount.get(`${id} expired`), eventCount.get(`${id} applied`)])).toEqual(expiring.map(() => [1, undefined]));
    expect(await q(UID.decision).count({ where: { requestId: { $in: expiring } } })).toBe(0);
    expect(await q(SECTION).count({ where: { name: { $startsWith: 'Expiring ' } } })).toBe(0);

    // Applied once: the reviewer's approval and one automatic one, one `applied` event, one article each.
    expect(applied.map((id) => [eventCount.get(`${id} stage-expired`), eventCount.get(`${id} applied`)])).toEqual(applied.map(() => [1, 1]));
    const decisions = (await q(UID.decision).findMany({ where: { requestId: { $in: applied } }, select: ['requestId', 'kind', 'by'] })) as Array<{
      requestId: string;
      kind: string;
      by: string;
    }>;
    const decisionCount = countBy(decisions.map((d) => `${d.requestId} ${d.kind} ${d.by}`));
    expect(applied.map((id) => [decisionCount.get(`${id} approve ${c.reviewer.principal}`), decisionCount.get(`${id} auto-approve system`)])).toEqual(
      applied.map(() => [1, 1])
    );
    expect(decisions).toHaveLength(2 * PER_GROUP);
    // One document per request (a REST create publishes: its draft and published rows share the document id).
    const articles = (await q(ARTICLE).findMany({ where: { title: { $startsWith: 'Applied ' } }, select: ['title', 'documentId'] })) as Array<{
      title: string;
      documentId: string;
    }>;
    const documentsOf = new Map<string, Set<string>>();
    for (const x of articles) documentsOf.set(x.title, (documentsOf.get(x.title) ?? new Set()).add(x.documentId));
    expect(documentsOf.size).toBe(PER_GROUP);
    expect(applied.map((_, n) => documentsOf.get(`Applied ${n}`)?.size)).toEqual(applied.map(() => 1));

    // The chain of audit events is whole, as either instance verifies it.
    const verified = await on(1, c.admin)('get', '/approval-workflow/audit/verify');
    expect(verified.body.data).toMatchObject({ valid: true, brokenAt: null });

    // Each message sent once: the outbox is drained, every row `sent` at its first attempt, and the
    // SMTP server holds exactly one mail per row (subject, recipients and link to its request).
    await until('the outbox has nothing pending', SETTLE_MS, async () => (await q(UID.outbox).count({ where: { status: 'pending' } })) === 0);
    const rows = (await q(UID.outbox).findMany({ select: ['requestId', 'status', 'attempts', 'subject', 'sentTo', 'payload'] })) as Array<{
      requestId: string;
      status: string;
      attempts: number;
      subject: string;
      sentTo: string[];
      payload: { reason: string };
    }>;
    expect(rows.filter((row) => row.status !== 'sent' || row.attempts !== 1)).toEqual([]);
    const decided = countBy(rows.filter((row) => row.payload.reason === 'decided').map((row) => row.requestId));
    expect(opened.map((id) => decided.get(id))).toEqual(opened.map(() => 1));
    const keyOf = (requestId: string, subject: string, to: string[]) => `${requestId} | ${subject} | ${[...to].sort().join(', ')}`;
    const link = new RegExp(`${PUBLIC_URL}/admin/plugins/approval-workflow/requests/([^\\s"<]+)`);
    const mailed = smtp.messages.map((mail) => keyOf(mail.text?.match(link)?.[1] ?? '(no link)', mail.subject ?? '', addresses(mail, 'to')));
    expect(mailed.sort()).toEqual(rows.map((row) => keyOf(row.requestId, row.subject, row.sentTo)).sort());
    // Both instances' senders took part (their From names them).
    const senders = countBy(smtp.messages.flatMap((mail) => addresses(mail, 'from')));
    expect([...senders.keys()].sort()).toEqual(['approvals-a@example.test', 'approvals-b@example.test']);
  }, 240_000);
});
