/**
 * The request core underneath the API: the parties table that the queues read, the typed store
 * that refuses a corrupt row, the outbox that the runner writes notify effects to in the
 * decision's own transaction, and (on PostgreSQL) the queue's query plan on a large table.
 */
import { startApp, type TestApp } from './helpers/app';
import { testClient } from './helpers/database';
import { ARTICLE, cast, cm, manageArticlesByReviewer, seedDocument, type Cast } from './helpers/fixtures';

const REQUEST = 'plugin::approval-workflow.request';
const PARTY = 'plugin::approval-workflow.request-party';
const OUTBOX = 'plugin::approval-workflow.outbox-message';

let app: TestApp;
let c: Cast;

const q = (uid: string) => app.strapi.db.query(uid as never);
const requestsService = () => app.strapi.plugin('approval-workflow').service('requests');

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  await manageArticlesByReviewer(c);
});
afterAll(async () => {
  await app.stop();
});

/** An editor's change to a new article: a pending request; its id. */
const openRequest = async (title: string) => {
  const { documentId } = await seedDocument(app, ARTICLE, { title: `${title} (before)` });
  const save = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title });
  expect(save.status).toBe(400);
  return save.body.error.details.approvalRequest.id as string;
};

const rowIdOf = async (id: string) => ((await q(REQUEST).findOne({ where: { documentId: id }, select: ['id'] })) as { id: number }).id;

/** The request's parties as `role principal` lines, sorted. */
const partiesOf = async (id: string) => {
  const rows = (await q(PARTY).findMany({ where: { request: await rowIdOf(id) } })) as Array<{ role: string; principal: string }>;
  return rows.map((p) => `${p.role} ${p.principal}`).sort();
};

const outboxOf = async (id: string) =>
  (await q(OUTBOX).findMany({ where: { requestId: id }, orderBy: { id: 'asc' } })) as Array<{
    kind: string;
    recipients: string[];
    payload: { reason: string };
    status: string;
    attempts: number;
  }>;

describe('parties: who takes part in a request, in step with it', () => {
  it('are written with the request and follow a delegation and the decision', async () => {
    const id = await openRequest('Parties');
    expect(await partiesOf(id)).toEqual(
      [`requester ${c.editor.principal}`, `holder ${c.reviewer.principal}`, `awaiting ${c.reviewer.principal}`].sort()
    );

    const handed = await c.reviewer.call('post', `/approval-workflow/requests/${id}/delegate`).send({ to: c.reviewer2.principal, comment: 'Yours' });
    expect(handed.status).toBe(200);
    expect(await partiesOf(id)).toEqual(
      [
        `requester ${c.editor.principal}`,
        `holder ${c.reviewer2.principal}`,
        `delegated-from ${c.reviewer.principal}`,
        `awaiting ${c.reviewer2.principal}`,
      ].sort()
    );
    const queue = await c.reviewer2.call('get', '/approval-workflow/requests?awaiting=me');
    expect(queue.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await c.reviewer.call('get', '/approval-workflow/requests?awaiting=me')).body.data).toEqual([]);

    const approve = await c.reviewer2.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    expect(await partiesOf(id)).toEqual(
      [
        `requester ${c.editor.principal}`,
        `holder ${c.reviewer2.principal}`,
        `delegated-from ${c.reviewer.principal}`,
        `decided ${c.reviewer2.principal}`,
      ].sort()
    );
    // The delegator took part: they still read it; a stranger (legal) does not.
    expect((await c.reviewer.call('get', `/approval-workflow/requests/${id}`)).status).toBe(200);
    expect((await c.legal.call('get', `/approval-workflow/requests/${id}`)).status).toBe(403);
  });
});

describe('lists found on the parties alone: awaiting me, and all a party may read', () => {
  type Page = { body: { data: Array<{ id: string }>; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } } } };

  /** Every page of a list, two at a time: the ids in order, and each page's pagination. */
  const pages = async (path: string) => {
    const ids: string[] = [];
    const metas: Page['body']['meta']['pagination'][] = [];
    for (let page = 1; ; page += 1) {
      const res = (await c.reviewer.call('get', `/approval-workflow/requests?${path}page=${page}&pageSize=2`)) as unknown as Page;
      ids.push(...res.body.data.map((r) => r.id));
      metas.push(res.body.meta.pagination);
      if (page >= res.body.meta.pagination.pageCount) return { ids, metas };
    }
  };

  /** The requests where the reviewer plays one of `roles` (any role without), newest first, from the parties table. */
  const expected = async (roles?: string[]) => {
    const rows = (await q(PARTY).findMany({ where: { principal: c.reviewer.principal, ...(roles ? { role: { $in: roles } } : {}) } })) as Array<{ request: number }>;
    const rowIds = [...new Set(rows.map((row) => row.request))].sort((a, b) => b - a);
    const requests = (await q(REQUEST).findMany({ where: { id: { $in: rowIds } }, select: ['id', 'documentId'] })) as Array<{ id: number; documentId: string }>;
    return rowIds.map((rowId) => requests.find((r) => r.id === rowId)?.documentId);
  };

  it('each request once however many parts the reader plays, newest first, paged, with the whole list as total', async () => {
    const [older, decided, newer] = [await openRequest('Listed 1'), await openRequest('Listed 2'), await openRequest('Listed 3')];
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${decided}/approve`).send({})).status).toBe(200);
    // The reviewer held and decided `decided` (two parties, one request), and is awaited on the other two.
    const readable = await expected();
    expect(readable.indexOf(newer)).toBeLessThan(readable.indexOf(decided));
    expect(readable.indexOf(decided)).toBeLessThan(readable.indexOf(older));
    const all = await pages('');
    expect(all.ids).toEqual(readable);
    expect(all.metas.every((m) => m.total === readable.length && m.pageCount === Math.ceil(readable.length / 2))).toBe(true);

    const awaited = await expected(['awaiting']);
    expect(awaited).toEqual(expect.arrayContaining([older, newer]));
    expect(awaited).not.toContain(decided);
    const queue = await pages('awaiting=me&');
    expect(queue.ids).toEqual(awaited);
    expect(queue.metas.every((m) => m.total === awaited.length)).toBe(true);
  });
});

describe('the indexes the queues and the outbox use', () => {
  it('exist on this database', async () => {
    const inspector = (app.strapi.db as unknown as { dialect: { schemaInspector: { getIndexes(table: string): Promise<Array<{ name: string; columns: string[] }>> } } })
      .dialect.schemaInspector;
    // Columns sorted: Strapi's PostgreSQL inspector does not report them in index order (the plan test below uses the order).
    const indexes = async (table: string) =>
      Object.fromEntries((await inspector.getIndexes(table)).map((index) => [index.name, [...index.columns].sort()]));
    expect(await indexes('approval_workflow_request_parties')).toMatchObject({
      approval_workflow_request_parties_uq: ['principal', 'request', 'role'],
      approval_workflow_request_parties_lookup_idx: ['principal', 'request', 'role'],
    });
    // (status, id): Strapi's PostgreSQL and MySQL inspectors leave the primary key column out of what they report.
    expect(await indexes('approval_workflow_requests')).toMatchObject({
      approval_workflow_requests_status_idx: expect.arrayContaining(['status']),
    });
    expect(await indexes('approval_workflow_outbox')).toMatchObject({
      approval_workflow_outbox_due_idx: ['available_at', 'status'],
      approval_workflow_outbox_request_idx: ['request_id'],
    });
  });
});

describe('the store parses what it reads', () => {
  it('a corrupt state is a clear error naming the request and the field, not a cast', async () => {
    const id = await openRequest('Corrupt');
    const stored = (await q(REQUEST).findOne({ where: { documentId: id } })) as { id: number; state: { stages: unknown } };
    await q(REQUEST).update({ where: { id: stored.id }, data: { state: { ...stored.state, stages: 'lost' } } });

    const viewer = { actor: { principal: c.admin.principal, isApprovalAdmin: true }, canReadAll: true };
    const error = await requestsService()
      .get(id, viewer)
      .then(
        () => null,
        (e: Error) => e
      );
    expect(error).toMatchObject({ name: 'CorruptRequestError', requestId: id });
    expect(error?.message).toMatch(new RegExp(`Approval request ${id} is stored corrupt: state\\.stages: `));
    // Over HTTP: an error, never a half-read request.
    expect((await c.admin.call('get', `/approval-workflow/requests/${id}`)).status).toBe(500);
    // Mended, it reads again (and stays out of the way of the lists below).
    await q(REQUEST).update({ where: { id: stored.id }, data: { state: stored.state } });
    expect((await c.admin.call('get', `/approval-workflow/requests/${id}`)).status).toBe(200);
  });
});

describe('the outbox: notify effects, stored with the event that produced them', () => {
  it('holds the new request for its approver, and the decision for the requester, once committed', async () => {
    const id = await openRequest('Outbox');
    // Delivered right after the commit (no SMTP in this app: written to the log).
    await app.strapi.plugin('approval-workflow').service('outbox').idle();
    expect(await outboxOf(id)).toEqual([
      expect.objectContaining({ kind: 'notify', recipients: [c.reviewer.principal], payload: { reason: 'request-opened' }, status: 'logged', attempts: 1 }),
    ]);
    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    const after = await outboxOf(id);
    expect(after.length).toBeGreaterThan(1);
    expect(after.slice(1)).toEqual(expect.arrayContaining([expect.objectContaining({ recipients: [c.editor.principal], payload: { reason: 'decided' } })]));
  });

  it('holds nothing of a decision that rolled back', async () => {
    const id = await openRequest('Rolled back');
    // The opening's message is delivered after its commit: let the sender finish before comparing.
    await app.strapi.plugin('approval-workflow').service('outbox').idle();
    const before = await outboxOf(id);
    const audit = app.strapi.plugin('approval-workflow').service('audit');
    const append = jest.spyOn(audit, 'append').mockRejectedValueOnce(new Error('the audit trail is down'));
    try {
      const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
      expect(approve.status).toBe(500);
    } finally {
      append.mockRestore();
    }
    expect(await outboxOf(id)).toEqual(before);
    expect(((await q(REQUEST).findOne({ where: { documentId: id } })) as { status: string }).status).toBe('pending');
    expect(await partiesOf(id)).toContain(`awaiting ${c.reviewer.principal}`);
  });
});

const onPostgres = testClient() === 'postgres' ? describe : describe.skip;

onPostgres('the queue on a large table (PostgreSQL)', () => {
  it('"awaiting me" reads the parties index, not every request', async () => {
    const knex = app.strapi.db.connection;
    const [{ state }] = await knex('approval_workflow_requests').select('state').limit(1);
    const total = 20_000;
    for (let start = 0; start < total; start += 1000) {
      const requests = Array.from({ length: 1000 }, (_, i) => ({
        document_id: `bulk${start + i}`,
        status: 'pending',
        operation: 'update',
        uid: ARTICLE,
        requester: `admin:${100000 + ((start + i) % 997)}`,
        state: typeof state === 'string' ? state : JSON.stringify(state),
        created_at: new Date(),
        updated_at: new Date(),
      }));
      const ids = (await knex('approval_workflow_requests').insert(requests).returning('id')) as Array<{ id: number }>;
      await knex('approval_workflow_request_parties').insert(
        ids.flatMap(({ id }, i) => [
          { request: id, principal: requests[i].requester, role: 'requester' },
          { request: id, principal: `admin:${200000 + (id % 499)}`, role: 'holder' },
          { request: id, principal: `admin:${200000 + (id % 499)}`, role: 'awaiting' },
        ])
      );
    }
    await knex.raw('analyze approval_workflow_requests');
    await knex.raw('analyze approval_workflow_request_parties');

    // The list query exactly as the API sends it.
    const sent: Array<{ sql: string; bindings: unknown[] }> = [];
    const capture = (query: { sql: string; bindings: unknown[] }) => sent.push(query);
    knex.on('query', capture);
    try {
      const queue = await c.reviewer.call('get', '/approval-workflow/requests?awaiting=me');
      expect(queue.status).toBe(200);
    } finally {
      knex.off('query', capture);
    }
    const list = sent.find((s) => /approval_workflow_request_parties/.test(s.sql) && /limit/i.test(s.sql));
    expect(list).toBeDefined();
    // knex reports PostgreSQL's numbered placeholders ($1, $2…, in order); raw() takes `?`.
    const plan = await knex.raw(`explain ${list!.sql.replace(/\$\d+/g, '?')}`, list!.bindings as never);
    const text = (plan.rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using approval_workflow_request_parties_lookup_idx|Bitmap Index Scan on approval_workflow_request_parties_lookup_idx/);
    expect(text).not.toMatch(/Seq Scan on approval_workflow_request_parties/);
  });
});
