/**
 * DESIGN rules 2 and 3 under real concurrency: parallel HTTP requests against one app on one
 * database (on PostgreSQL and MariaDB they run on separate connections at the same moment).
 * - one open request per object and operation, also when the writes arrive together;
 * - an approved change is applied exactly once, whatever races it: two approvals, an approval
 *   and a cancellation, two sweeps;
 * - outside requests: an object is marked managed once (the others hear 409, never a 500),
 *   settings updated at once keep every field, a row edited or deleted while it is deleted answers
 *   404, and a template or group is never deleted while a write that names it commits.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { templateInputSchema } from '../src/plugins/approval-workflow/server/src/validation/template';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writers: Caller[];
const N = 8;
const ROUNDS = 4;

const q = (uid: string) => app.strapi.db.query(uid as never);
const decisionsOf = (id: string) => q(UID.decision).findMany({ where: { requestId: id } }) as Promise<Array<Record<string, unknown>>>;
const auditOf = async (id: string) =>
  ((await q(UID.auditEvent).findMany({ where: { requestId: id }, orderBy: { seq: 'asc' } })) as Array<{ action: string; details: Record<string, unknown> }>).map(
    // An approval is audited twice: the decision (with its obligations) and the request's status.
    (e) => (e.action === 'approved' && e.details?.status === 'approved' ? 'request-approved' : e.action)
  );
const count = (list: string[], item: string) => list.filter((x) => x === item).length;
const requests = () => app.strapi.plugin('approval-workflow').service('requests') as { sweep(now?: number): Promise<{ due: number; ticked: number }> };

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'One reviewer approves',
    stages: [{ name: 'Review', criteria: 1, obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  await c.a.grantApi(['api::article.article.create', 'api::article.article.update']);
  writers = await Promise.all(Array.from({ length: N }, (_, i) => c.a.apiUser(`writer${i}`)));
});
afterAll(async () => {
  await app.stop();
});

/** A create by the editor in the content manager: the request's id. */
const createRequest = async (title: string) => {
  const res = await c.editor.call('post', cm(ARTICLE)).send({ title });
  if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.error.details.approvalRequest.id as string;
};

describe('rule 2: one open request per object and operation, also at the same moment', () => {
  it(`${N} parallel REST updates of one entry by different users: one 202, the rest 409 pointing to it`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { documentId } = await seedDocument(app, ARTICLE, { title: `Contested ${round}` });
      const answers = await Promise.all(
        writers.map((w, i) => w.call('put', `/api/articles/${documentId}`).send({ data: { title: `Version ${round}.${i}` } }))
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([202, ...Array(N - 1).fill(409)]);
      const winner = answers.find((r) => r.status === 202)!;
      const id = winner.body.meta.approvalRequest.id as string;
      for (const loser of answers.filter((r) => r.status === 409)) {
        expect(loser.body.error).toMatchObject({ name: 'ConflictError', details: { openRequest: { id, operation: 'update', documentId, status: 'pending' } } });
      }

      const rows = (await q(UID.request).findMany({ where: { targetDocumentId: documentId } })) as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ documentId: id, status: 'pending', openKey: expect.any(String) });
      const winnerIndex = answers.indexOf(winner);
      expect(rows[0].requester).toBe(writers[winnerIndex].principal);
      expect(rows[0].params).toMatchObject({ data: { title: `Version ${round}.${winnerIndex}` } });
      expect((await row(app, ARTICLE, documentId))?.title).toBe(`Contested ${round}`);
      expect(count(await auditOf(id), 'requested')).toBe(1);
    }
  });

  it(`${N} parallel REST creates never collide: ${N} requests, nothing written`, async () => {
    const answers = await Promise.all(writers.map((w, i) => w.call('post', '/api/articles').send({ data: { title: `Parallel create ${i}` } })));
    expect(answers.map((r) => r.status)).toEqual(Array(N).fill(202));
    const ids = new Set(answers.map((r) => r.body.meta.approvalRequest.id as string));
    expect(ids.size).toBe(N);
    for (const id of ids) expect((await requestRow(app, id))?.status).toBe('pending');
    expect(await q(ARTICLE).count({ where: { title: { $startsWith: 'Parallel create' } } })).toBe(0);
  });
});

describe('rule 3: applied exactly once', () => {
  it('two approvers approve a single-approval request at once: one 200 approved, one 409; one document created', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const title = `Raced create ${round}`;
      const id = await createRequest(title);
      const answers = await Promise.all(
        [c.reviewer, c.reviewer2].map((r) => r.call('post', `/approval-workflow/requests/${id}/approve`).send({ comment: r.principal }))
      );
      const ok = answers.filter((r) => r.status === 200);
      const refused = answers.filter((r) => r.status !== 200);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(ok[0].body.data.status).toBe('approved');
      expect(refused[0].body.error.details).toEqual({ code: 'request-closed' });

      const docs = (await q(ARTICLE).findMany({ where: { title } })) as Array<{ documentId: string }>;
      expect(docs).toHaveLength(1);
      const stored = await requestRow(app, id);
      expect(stored).toMatchObject({ status: 'approved', openKey: null, result: { documentId: docs[0].documentId }, targetDocumentId: docs[0].documentId });
      const decisions = await decisionsOf(id);
      expect(decisions).toHaveLength(1);
      const winner = answers.indexOf(ok[0]) === 0 ? c.reviewer : c.reviewer2;
      expect(decisions[0]).toMatchObject({ kind: 'approve', by: winner.principal, comment: winner.principal });
      const actions = await auditOf(id);
      expect(count(actions, 'approved')).toBe(1);
      expect(count(actions, 'request-approved')).toBe(1);
      expect(count(actions, 'apply')).toBe(0);
      expect(count(actions, 'applied')).toBe(1);
    }
  });

  it('an approval racing a cancellation: exactly one wins and the state is consistent', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS * 2; round += 1) {
      const { documentId } = await seedDocument(app, ARTICLE, { title: `Race base ${round}` });
      const save = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: `Race proposal ${round}` });
      const id = save.body.error.details.approvalRequest.id as string;

      const [approve, cancel] = await Promise.all([
        c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({}),
        c.editor.call('post', `/approval-workflow/requests/${id}/cancel`).send({}),
      ]);
      expect([approve.status, cancel.status].sort()).toEqual([200, 409]);
      const stored = await requestRow(app, id);
      const title = (await row(app, ARTICLE, documentId))?.title;
      const decisions = await decisionsOf(id);
      const actions = await auditOf(id);
      if (approve.status === 200) {
        expect(approve.body.data.status).toBe('approved');
        expect(cancel.body.error.details.code).toBe('request-closed');
        expect(stored).toMatchObject({ status: 'approved', openKey: null });
        expect(title).toBe(`Race proposal ${round}`);
        expect(decisions).toEqual([expect.objectContaining({ kind: 'approve', by: c.reviewer.principal })]);
        expect(count(actions, 'applied')).toBe(1);
        expect(count(actions, 'cancelled')).toBe(0);
      } else {
        expect(cancel.body.data.status).toBe('cancelled');
        expect(approve.body.error.details.code).toBe('request-closed');
        expect(stored).toMatchObject({ status: 'cancelled', openKey: null });
        expect(title).toBe(`Race base ${round}`);
        expect(decisions).toEqual([]);
        expect(count(actions, 'applied')).toBe(0);
        expect(count(actions, 'cancelled')).toBe(1);
      }
      outcomes.add(stored?.status as string);
    }
    expect([...outcomes].every((s) => s === 'approved' || s === 'cancelled')).toBe(true);
  });

  it('two sweeps at once on a request whose last stage expired with auto-approve: applied once', async () => {
    const templateId = await createTemplate(c.admin, {
      name: 'Review, then legal or time',
      stages: [
        { name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] },
        { name: 'Legal', obligations: [{ kind: 'role', id: c.legalRole }], timeSpanMinutes: 60, onExpiry: 'approve' },
      ],
    });
    const section = await seedDocument(app, 'api::section.section', { name: 'Swept' });
    await manage(c.admin, { kind: 'entry', uid: 'api::section.section', documentId: section.documentId, templateId, childRelations: [{ uid: ARTICLE, field: 'section' }] });

    for (let round = 0; round < ROUNDS; round += 1) {
      const title = `Swept create ${round}`;
      const res = await c.editor.call('post', cm(ARTICLE)).send({ title, section: { connect: [{ documentId: section.documentId }] } });
      const id = res.body.error.details.approvalRequest.id as string;
      const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
      expect(approve.body.data.status).toBe('pending');
      const deadline = Date.parse(((await requestRow(app, id))?.state as { stages: Array<{ deadline: string | null }> }).stages[1].deadline as string);

      await Promise.all([requests().sweep(deadline + 60_000), requests().sweep(deadline + 60_000)]);

      const docs = (await q(ARTICLE).findMany({ where: { title } })) as Array<{ documentId: string }>;
      expect(docs).toHaveLength(1);
      const stored = await requestRow(app, id);
      expect(stored).toMatchObject({ status: 'approved', openKey: null, nextDueAt: null, result: { documentId: docs[0].documentId } });
      const decisions = await decisionsOf(id);
      expect(decisions.map((d) => d.kind)).toEqual(['approve', 'auto-approve']);
      expect(decisions[1].by).toBe('system');
      const actions = await auditOf(id);
      expect(count(actions, 'auto-approved')).toBe(1);
      expect(count(actions, 'applied')).toBe(1);
      // The new child was adopted once, as a managed entry.
      expect(await q(UID.managedObject).count({ where: { entryDocumentId: docs[0].documentId } })).toBe(1);
    }
  });
});

describe('outside requests: plugin tables and settings under parallel writes', () => {
  const P = '/approval-workflow';

  it(`${N} parallel "mark managed" calls on one object by two admins: one 201, the rest 409 naming it, no 5xx`, async () => {
    const admins = [c.admin, await c.a.admin(['strapi-super-admin'], 'admintwo')];
    for (let round = 0; round < ROUNDS; round += 1) {
      const { documentId } = await seedDocument(app, SECTION, { name: `Marked at once ${round}` });
      const body = { kind: 'entry', uid: SECTION, documentId };
      const answers = await Promise.all(Array.from({ length: N }, (_, i) => admins[i % 2].call('post', `${P}/managed-objects`).send(body)));
      expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(N - 1).fill(409)]);
      const winner = answers.find((r) => r.status === 201)!;
      for (const loser of answers.filter((r) => r.status === 409)) {
        expect(loser.body.error).toMatchObject({
          name: 'ConflictError',
          message: `Already managed: entry:${SECTION}:${documentId}`,
          details: { managedObject: { id: winner.body.data.id, entryDocumentId: documentId } },
        });
      }
      expect(await q(UID.managedObject).count({ where: { uid: SECTION, entryDocumentId: documentId } })).toBe(1);
      expect(await q(UID.auditEvent).count({ where: { action: 'managed-marked', subject: winner.body.data.id } })).toBe(1);
    }
  });

  it(`${N} marks of one entry started at the same instant in-process (the widest race): one marks it, the rest 409`, async () => {
    const managedObjects = app.strapi.plugin('approval-workflow').service('managedObjects') as {
      mark(input: Record<string, unknown>, actor: string): Promise<{ id: string }>;
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const { documentId } = await seedDocument(app, SECTION, { name: `Marked in-process ${round}` });
      const input = { kind: 'entry', uid: SECTION, documentId, templateId: null, childRelations: [] };
      const results = await Promise.allSettled(Array.from({ length: N }, () => managedObjects.mark(input, c.admin.principal)));
      const marked = results.filter((r): r is PromiseFulfilledResult<{ id: string }> => r.status === 'fulfilled');
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { status?: number; message: string; details?: unknown }] : []));
      expect(marked).toHaveLength(1);
      expect(refused.map((e) => ({ status: e.status, message: e.message, details: e.details }))).toEqual(
        Array(N - 1).fill({ status: 409, message: `Already managed: entry:${SECTION}:${documentId}`, details: { managedObject: expect.objectContaining({ id: marked[0].value.id }) } })
      );
      expect(await q(UID.managedObject).count({ where: { uid: SECTION, entryDocumentId: documentId } })).toBe(1);
    }
  });

  it(`${N} parallel "mark managed" calls on one collection: one 201, the rest 409`, async () => {
    const answers = await Promise.all(Array.from({ length: N }, () => c.admin.call('post', `${P}/managed-objects`).send({ kind: 'collection', uid: SECTION })));
    try {
      expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(N - 1).fill(409)]);
      expect(answers.find((r) => r.status === 409)!.body.error.message).toBe(`Already managed: collection:${SECTION}`);
      expect(await q(UID.managedObject).count({ where: { kind: 'collection', uid: SECTION } })).toBe(1);
    } finally {
      const created = answers.find((r) => r.status === 201);
      if (created) await c.admin.call('delete', `${P}/managed-objects/${created.body.data.id}`);
    }
  });

  it('parallel settings updates of different fields keep every field', async () => {
    const before = (await c.admin.call('get', `${P}/settings`)).body.data;
    const templates = await Promise.all([0, 1].map((i) => createTemplate(c.admin, { name: `Default ${i}`, stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }] })));
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        const wanted = {
          urgentMode: round % 2 === 0,
          reminderIntervalMinutes: 600 + round,
          escalationAfterMinutes: 900 + round,
          defaultTemplateId: templates[round % 2],
        };
        const answers = await Promise.all(
          Object.entries(wanted).map(([field, value]) => c.admin.call('put', `${P}/settings`).send({ [field]: value }))
        );
        expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect((await c.admin.call('get', `${P}/settings`)).body.data).toEqual({ ...before, ...wanted });
      }
    } finally {
      const { urgentMode, reminderIntervalMinutes, escalationAfterMinutes, defaultTemplateId } = before;
      await c.admin.call('put', `${P}/settings`).send({ urgentMode, reminderIntervalMinutes, escalationAfterMinutes, defaultTemplateId });
    }
  });
});

describe('outside requests: a write racing a delete of what it touches or names', () => {
  type Service = Record<string, (...args: never[]) => Promise<unknown>>;
  const service = (name: string) => app.strapi.plugin('approval-workflow').service(name) as Service;
  const call = (name: string, method: string, ...args: unknown[]) => (service(name)[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  /** Settled outcomes as `ok` or the error's name (NotFoundError, ValidationError, ConflictError…): a TypeError would be a 500. */
  const outcome = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).name);
  const reviewStage = () => [{ name: 'Review', obligations: [{ kind: 'role', id: String(c.reviewersRole) }] }];
  /** A template body as the controller hands it to the service (defaults filled in by the API's schema). */
  const templateInput = (name: string, stages: unknown[] = reviewStage()) => templateInputSchema.parse({ name, stages });
  const managedSection = async (name: string) => {
    const { documentId } = await seedDocument(app, SECTION, { name });
    return manage(c.admin, { kind: 'entry', uid: SECTION, documentId });
  };

  it('a managed object unmarked and updated at the same instant: the update lands first or finds it gone (404)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { id } = await managedSection(`Unmarked while updated ${round}`);
      const results = await Promise.allSettled([
        call('managedObjects', 'unmark', id, c.admin.principal),
        call('managedObjects', 'update', id, { operations: ['delete'] }, c.admin.principal),
      ]);
      expect(outcome(results[0])).toBe('ok');
      expect(['ok', 'NotFoundError']).toContain(outcome(results[1]));
      expect(await q(UID.managedObject).count({ where: { documentId: id } })).toBe(0);
    }
  });

  it('a managed object unmarked twice at the same instant: unmarked and audited once, the other 404', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { id } = await managedSection(`Unmarked twice ${round}`);
      const results = await Promise.allSettled([0, 1].map(() => call('managedObjects', 'unmark', id, c.admin.principal)));
      expect(results.map(outcome).sort()).toEqual(['NotFoundError', 'ok']);
      expect(await q(UID.auditEvent).count({ where: { action: 'managed-unmarked', subject: id } })).toBe(1);
    }
  });

  it('a template deleted while an object is marked with it: one of the two is refused, nothing names a deleted template', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const templateId = await createTemplate(c.admin, templateInput(`Deleted while used ${round}`));
      const { documentId } = await seedDocument(app, SECTION, { name: `Marked with a deleted template ${round}` });
      const results = await Promise.allSettled([
        call('templates', 'remove', templateId, c.admin.principal),
        call('managedObjects', 'mark', { kind: 'entry', uid: SECTION, documentId, templateId, childRelations: [] }, c.admin.principal),
      ]);
      const outcomes = results.map(outcome);
      expect([['ok', 'ValidationError'], ['ConflictError', 'ok']]).toContainEqual(outcomes);
      const template = await q(UID.template).count({ where: { documentId: templateId } });
      const users = await q(UID.managedObject).count({ where: { templateId } });
      expect({ template, users }).toEqual(outcomes[0] === 'ok' ? { template: 0, users: 0 } : { template: 1, users: 1 });
    }
  });

  it('a template deleted while it is made the default: one of the two is refused, the default always exists', async () => {
    const before = (await c.admin.call('get', '/approval-workflow/settings')).body.data.defaultTemplateId;
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        const templateId = await createTemplate(c.admin, templateInput(`Deleted while made default ${round}`));
        const results = await Promise.allSettled([
          call('templates', 'remove', templateId, c.admin.principal),
          call('settings', 'update', { defaultTemplateId: templateId }, c.admin.principal),
        ]);
        expect([['ok', 'ValidationError'], ['ConflictError', 'ok']]).toContainEqual(results.map(outcome));
        const { defaultTemplateId } = (await call('settings', 'get')) as { defaultTemplateId: string | null };
        if (defaultTemplateId) expect(await q(UID.template).count({ where: { documentId: defaultTemplateId } })).toBe(1);
      }
    } finally {
      await call('settings', 'update', { defaultTemplateId: before }, c.admin.principal);
    }
  });

  it('a group deleted while a template naming it is written: one of the two is refused, no template names a deleted group', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const group = await c.admin.call('post', '/approval-workflow/groups').send({ name: `Deleted while named ${round}`, members: [c.reviewer.principal] });
      expect(group.status).toBe(201);
      const groupId = group.body.data.id as string;
      const remove = () => call('groups', 'remove', groupId, c.admin.principal);
      const create = () =>
        call('templates', 'create', templateInput(`Names a deleted group ${round}`, [{ name: 'Group', obligations: [{ kind: 'group', id: groupId }] }]), c.admin.principal);
      // Either may start first.
      const results = round % 2 ? (await Promise.allSettled([create(), remove()])).reverse() : await Promise.allSettled([remove(), create()]);
      const outcomes = results.map(outcome);
      expect([['ok', 'ValidationError'], ['ConflictError', 'ok']]).toContainEqual(outcomes);
      expect(await q(UID.group).count({ where: { documentId: groupId } })).toBe(outcomes[0] === 'ok' ? 0 : 1);
    }
  });
});
