/**
 * The sweep claims due requests in batches (issue 13): a batch is claimed and ticked in one
 * transaction; sweeps at once (instances) skip the rows another holds and share the work; each due
 * request is ticked exactly once (DESIGN rule 3); a broken request costs only itself.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { RequestsService } from '../src/plugins/approval-workflow/server/src/services/requests';
import { startApp, type TestApp } from './helpers/app';
import { testClient } from './helpers/database';
import { ARTICLE, cast, cm, createTemplate, manage, requestRow, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;

const MINUTE = 60_000;
const q = (uid: string) => app.strapi.db.query(uid as never);
const requests = () => app.strapi.plugin('approval-workflow').service('requests') as RequestsService;
const actionsOf = async (id: string) =>
  ((await q(UID.auditEvent).findMany({ where: { requestId: id }, orderBy: { seq: 'asc' } })) as Array<{ action: string }>).map((e) => e.action);
const count = (list: string[], item: string) => list.filter((x) => x === item).length;

let opened = 0;
/** `n` requests whose only stage runs out after an hour (then denied); their ids and a moment when all are due. */
const openDue = async (n: number) => {
  const ids: string[] = [];
  let latest = 0;
  for (let i = 0; i < n; i += 1) {
    opened += 1;
    const { documentId } = await seedDocument(app, ARTICLE, { title: `Due ${opened}` });
    const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: `Due ${opened}, proposed` });
    if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.error.details.approvalRequest.id as string;
    ids.push(id);
    latest = Math.max(latest, Date.parse(((await requestRow(app, id))?.state as { createdAt: string }).createdAt));
  }
  return { ids, now: latest + 61 * MINUTE };
};

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Reviewers within the hour',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 60, onExpiry: 'deny' }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
});
afterAll(async () => {
  await app.stop();
});

describe('the sweep in batches', () => {
  it('two sweeps at once in batches of 5: every due request claimed once and expired once, the chain valid', async () => {
    const { ids, now } = await openDue(23);
    const [a, b] = await Promise.all([requests().sweep(now, 5), requests().sweep(now, 5)]);
    // Exactly once: no request was claimed by both, none was left out.
    expect(a.due + b.due).toBe(ids.length);
    expect(a.ticked + b.ticked).toBe(ids.length);
    for (const id of ids) {
      expect(await requestRow(app, id)).toMatchObject({ status: 'expired', nextDueAt: null, openKey: null });
      const actions = await actionsOf(id);
      expect({ id, stageExpired: count(actions, 'stage-expired'), expired: count(actions, 'expired') }).toEqual({ id, stageExpired: 1, expired: 1 });
    }
    expect(await requests().sweep(now, 5)).toEqual({ due: 0, ticked: 0 });
    const verify = await c.admin.call('get', '/approval-workflow/audit/verify');
    expect(verify.body.data).toMatchObject({ valid: true });
  });

  // SQLite has one writer: a second sweep waits for the first's transaction whole, nothing to skip.
  const overlapping = testClient() === 'sqlite' ? it.skip : it;

  overlapping('rows another sweep holds are skipped, not waited for; they are swept once released', async () => {
    const { ids, now } = await openDue(6);
    const held = ids.slice(0, 2);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const { tableName } = app.strapi.db.metadata.get(UID.request as never);
    // Another instance's batch: these rows under its lock until it ends.
    const other = app.strapi.db.connection.transaction(async (trx) => {
      await trx(tableName).select('id').whereIn('document_id', held).forUpdate();
      locked();
      await released;
    });
    try {
      await holding;
      expect(await requests().sweep(now, 5)).toEqual({ due: 4, ticked: 4 });
      for (const id of held) expect((await requestRow(app, id))?.status).toBe('pending');
    } finally {
      release();
      await other;
    }
    expect(await requests().sweep(now, 5)).toEqual({ due: 2, ticked: 2 });
    for (const id of ids) expect((await requestRow(app, id))?.status).toBe('expired');
  });

  it('a broken request in a batch: the batch is ticked one by one, the others expire, the broken one stays for later', async () => {
    const { ids, now } = await openDue(4);
    const broken = ids[1];
    await q(UID.request).update({ where: { documentId: broken }, data: { state: { broken: true } } });
    expect(await requests().sweep(now, 10)).toEqual({ due: 4, ticked: 3 });
    for (const id of ids.filter((x) => x !== broken)) expect((await requestRow(app, id))?.status).toBe('expired');
    expect(await requestRow(app, broken)).toMatchObject({ status: 'pending', state: { broken: true } });
    expect(await actionsOf(broken)).toEqual(['requested']);
  });
});
