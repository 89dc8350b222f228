/**
 * DESIGN rule 6: every action is audited, append-only, each event chained to the one before it by
 * a hash, so that an edited, deleted or re-hashed row is found by GET /audit/verify.
 */
import { createHash } from 'node:crypto';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { canonicalJson } from '../src/plugins/approval-workflow/server/src/utils/canonical-json';
import { startApp, type TestApp } from './helpers/app';
import type { AuditEvent } from '../src/plugins/approval-workflow/shared/contracts/audit';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
const ids: Record<'approved' | 'declined' | 'cancelled' | 'delegated' | 'failed' | 'expired', string> = {
  approved: '',
  declined: '',
  cancelled: '',
  delegated: '',
  failed: '',
  expired: '',
};
const subjects: Record<'template' | 'group' | 'managed', string> = { template: '', group: '', managed: '' };

/** An audit event row: the API's event with its row id. */
type Event = AuditEvent & { id: number };

const events = () => app.strapi.db.query(UID.auditEvent as never).findMany({ orderBy: { seq: 'asc' } }) as Promise<Event[]>;
const eventAt = (seq: number) => app.strapi.db.query(UID.auditEvent as never).findOne({ where: { seq } }) as Promise<Event>;
const setEvent = (seq: number, data: Partial<Event>) => app.strapi.db.query(UID.auditEvent as never).update({ where: { seq }, data } as never);
const removeEvent = (seq: number) => app.strapi.db.query(UID.auditEvent as never).delete({ where: { seq } });
const restoreEvent = (event: Event) => {
  const { seq, action, actor, requestId, subject, at, details, prevHash, hash } = event;
  return app.strapi.db.query(UID.auditEvent as never).create({ data: { seq, action, actor, requestId, subject, at, details, prevHash, hash } } as never);
};
const verify = async () => {
  const res = await c.admin.call('get', '/approval-workflow/audit/verify');
  expect(res.status).toBe(200);
  return res.body.data as { valid: boolean; checked: number; brokenAt: number | null; reason: string | null };
};

/** The chain's hash of one event, computed here independently of the plugin's service. */
const hashOf = (prevHash: string, e: Event) =>
  createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq: e.seq, action: e.action, actor: e.actor, at: e.at, requestId: e.requestId, subject: e.subject, details: e.details }))
    .digest('hex');

const requestVia = async (title: string, proposal: string) => {
  const { documentId } = await seedDocument(app, ARTICLE, { title });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: proposal });
  return { id: res.body.error.details.approvalRequest.id as string, documentId };
};

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Reviewers approve',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 600, onExpiry: 'deny' }],
  });
  subjects.template = templateId;
  const edit = await c.admin.call('put', `/approval-workflow/templates/${templateId}`).send({
    name: 'Reviewers approve (v2)',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 600, onExpiry: 'deny' }],
  });
  expect(edit.status).toBe(200);
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });

  // Rule edits of every kind: a spare template, a group, a managed object, settings — made and undone.
  const spare = await createTemplate(c.admin, { name: 'Spare', stages: [{ name: 'S', obligations: [{ kind: 'role', id: c.legalRole }] }] });
  expect((await c.admin.call('delete', `/approval-workflow/templates/${spare}`)).status).toBe(200);
  const group = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Legal team', members: [c.legal.principal] });
  subjects.group = group.body.data.id;
  await c.admin.call('put', `/approval-workflow/groups/${subjects.group}`).send({ name: 'Legal team', members: [c.legal.principal, c.reviewer.principal] });
  await c.admin.call('delete', `/approval-workflow/groups/${subjects.group}`);
  const { documentId: sectionId } = await seedDocument(app, SECTION, { name: 'Audited section' });
  subjects.managed = (await manage(c.admin, { kind: 'entry', uid: SECTION, documentId: sectionId })).id;
  await c.admin.call('put', `/approval-workflow/managed-objects/${subjects.managed}`).send({ operations: ['update'] });
  await c.admin.call('delete', `/approval-workflow/managed-objects/${subjects.managed}`);
  await c.admin.call('put', '/approval-workflow/settings').send({ urgentMode: false });

  // Requests and decisions of every kind.
  ids.approved = (await requestVia('A', 'A, approved')).id;
  await c.reviewer.call('post', `/approval-workflow/requests/${ids.approved}/approve`).send({ comment: 'yes' });
  ids.declined = (await requestVia('B', 'B, declined')).id;
  await c.reviewer.call('post', `/approval-workflow/requests/${ids.declined}/reject`).send({ comment: 'no' });
  ids.cancelled = (await requestVia('C', 'C, cancelled')).id;
  await c.editor.call('post', `/approval-workflow/requests/${ids.cancelled}/cancel`).send({});
  const failed = await requestVia('E', 'E, proposal');
  ids.failed = failed.id;
  await c.admin.call('put', cm(ARTICLE, failed.documentId)).send({ title: 'E, changed meanwhile' });
  await c.reviewer.call('post', `/approval-workflow/requests/${ids.failed}/approve`).send({});
  ids.expired = (await requestVia('F', 'F, expired')).id;
  const created = Date.parse(((await app.strapi.db.query(UID.request as never).findOne({ where: { documentId: ids.expired } })) as { state: { createdAt: string } }).state.createdAt);
  await app.strapi.plugin('approval-workflow').service('requests').sweep(created + 601 * 60_000);
  // After the sweep, which expired every request pending then.
  ids.delegated = (await requestVia('D', 'D, delegated')).id;
  await c.reviewer.call('post', `/approval-workflow/requests/${ids.delegated}/delegate`).send({ to: c.legal.principal });
});
afterAll(async () => {
  await app.stop();
});

describe('every action is audited', () => {
  it('rule, group, managed-object and settings edits, with their actor and subject', async () => {
    const all = await events();
    const by = (action: string, subject?: string) => all.filter((e) => e.action === action && (subject === undefined || e.subject === subject));
    expect(by('rule-created', subjects.template)).toEqual([expect.objectContaining({ actor: c.admin.principal })]);
    expect(by('rule-edited', subjects.template)).toEqual([expect.objectContaining({ actor: c.admin.principal, details: expect.objectContaining({ version: 2 }) })]);
    expect(by('rule-deleted')).toHaveLength(1);
    for (const action of ['group-created', 'group-edited', 'group-deleted']) expect(by(action, subjects.group)).toHaveLength(1);
    for (const action of ['managed-marked', 'managed-updated', 'managed-unmarked']) expect(by(action, subjects.managed)).toHaveLength(1);
    expect(by('settings-updated')).toEqual([expect.objectContaining({ actor: c.admin.principal, details: { changed: ['urgentMode'] } })]);
  });

  it.each([
    ['approved', ['requested', 'approved', 'stage-fulfilled', 'applied']],
    ['declined', ['requested', 'rejected', 'declined']],
    ['cancelled', ['requested', 'cancelled']],
    ['delegated', ['requested', 'delegated']],
    ['failed', ['requested', 'approved', 'apply', 'failed']],
    ['expired', ['requested', 'stage-expired', 'expired']],
  ] as const)('a request %s: its events, in order, through GET /audit?requestId=', async (key, expected) => {
    const id = ids[key];
    const stored = (await app.strapi.db.query(UID.request as never).findOne({ where: { documentId: id } })) as { status: string };
    expect(stored.status).toBe(key === 'delegated' ? 'pending' : key);

    const res = await c.admin.call('get', `/approval-workflow/audit?requestId=${id}&pageSize=100`);
    expect(res.status).toBe(200);
    const listed = res.body.data as Event[];
    expect(listed.every((e) => e.requestId === id)).toBe(true);
    const inDb = (await events()).filter((e) => e.requestId === id);
    expect(listed.map((e) => e.seq)).toEqual(inDb.map((e) => e.seq).reverse());
    expect(res.body.meta.pagination.total).toBe(inDb.length);
    // Newest first in the API; the expected actions appear in this order in the chain.
    const actions = inDb.map((e) => e.action);
    let from = 0;
    for (const action of expected) {
      const at = actions.indexOf(action, from);
      expect({ action, found: at >= 0 }).toEqual({ action, found: true });
      from = at + 1;
    }
  });

  it('pagination: newest first, page by page', async () => {
    const all = await events();
    const total = all.length;
    const page2 = await c.admin.call('get', '/approval-workflow/audit?page=2&pageSize=3');
    expect(page2.status).toBe(200);
    expect(page2.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: Math.ceil(total / 3), total });
    expect(page2.body.data.map((e: Event) => e.seq)).toEqual([total - 3, total - 4, total - 5]);

    const nested = await c.admin.call('get', '/approval-workflow/audit?pagination[page]=1&pagination[pageSize]=2');
    expect(nested.body.data.map((e: Event) => e.seq)).toEqual([total, total - 1]);
    expect(nested.body.data[0]).toEqual(expect.objectContaining({ seq: total, hash: all[total - 1].hash, prevHash: all[total - 2].hash }));

    const beyond = await c.admin.call('get', `/approval-workflow/audit?page=${Math.ceil(total / 3) + 1}&pageSize=3`);
    expect(beyond.body.data).toEqual([]);
  });

  it('the chain: gap-free sequence, each event linked to the one before by its hash', async () => {
    const all = await events();
    let prevHash = '0'.repeat(64);
    all.forEach((e, index) => {
      expect(e.seq).toBe(index + 1);
      expect(e.prevHash).toBe(prevHash);
      expect(e.hash).toBe(hashOf(prevHash, e));
      prevHash = e.hash;
    });
  });
});

describe('filters, actor names and export', () => {
  const P = '/approval-workflow/audit';
  const list = async (query: string) => {
    const res = await c.admin.call('get', `${P}?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Array<Event & { actorLabel: { name: string; kind: string } }>;
  };
  /** The seqs of the stored events matching `keep`, newest first as the list answers. */
  const expected = async (keep: (e: Event) => boolean) => (await events()).filter(keep).map((e) => e.seq).reverse();

  it('?action=: only that action', async () => {
    const listed = await list('action=requested');
    expect(listed.map((e) => e.seq)).toEqual(await expected((e) => e.action === 'requested'));
    expect(listed.length).toBeGreaterThanOrEqual(6);
  });

  it('?actor=: only that principal, with its name as actorLabel', async () => {
    const listed = await list(`actor=${encodeURIComponent(c.reviewer.principal)}`);
    expect(listed.map((e) => e.seq)).toEqual(await expected((e) => e.actor === c.reviewer.principal));
    expect(listed.length).toBeGreaterThan(0);
    const reviewer = (await app.strapi.db.query('admin::user').findOne({ where: { id: c.reviewer.id } })) as { firstname: string; lastname: string | null };
    expect(listed[0].actorLabel).toEqual(expect.objectContaining({ principal: c.reviewer.principal, kind: 'admin', name: [reviewer.firstname, reviewer.lastname].filter(Boolean).join(' ') }));
    const system = await list('actor=system');
    expect(system.length).toBeGreaterThan(0);
    expect(system[0].actorLabel).toEqual(expect.objectContaining({ principal: 'system', kind: 'system' }));
  });

  it('?action= and ?requestId= together', async () => {
    const listed = await list(`requestId=${ids.declined}&action=rejected`);
    expect(listed.map((e) => e.seq)).toEqual(await expected((e) => e.requestId === ids.declined && e.action === 'rejected'));
    expect(listed).toHaveLength(1);
  });

  it('?from= and ?to=: an inclusive range on `at`, instants or whole UTC days', async () => {
    const all = await events();
    const middle = all[Math.floor(all.length / 2)].at;
    expect((await list(`from=${encodeURIComponent(middle)}`)).map((e) => e.seq)).toEqual(await expected((e) => e.at >= middle));
    expect((await list(`to=${encodeURIComponent(middle)}`)).map((e) => e.seq)).toEqual(await expected((e) => e.at <= middle));
    const exactly = await list(`from=${encodeURIComponent(middle)}&to=${encodeURIComponent(middle)}`);
    expect(exactly.map((e) => e.seq)).toEqual(await expected((e) => e.at === middle));
    expect(exactly.length).toBeGreaterThan(0);
    // The same instant written with another zone.
    const plusOne = new Date(Date.parse(middle) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect((await list(`from=${encodeURIComponent(plusOne)}`)).map((e) => e.seq)).toEqual(await expected((e) => e.at >= middle));
    const day = middle.slice(0, 10);
    expect((await list(`from=${day}&to=${day}`)).map((e) => e.seq)).toEqual(await expected((e) => e.at.startsWith(day)));
    expect(await list('to=2000-01-01')).toEqual([]);
  });

  it.each([
    ['action=bogus', 'action'],
    ['action[]=requested', 'action'],
    ['actor[$ne]=x', 'actor'],
    ['from=yesterday', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=2026-12-01T10:00', 'to'],
    ['to=2026-12-01T25:00:00Z', 'to'],
    ['from=2026-12-02&to=2026-12-01', 'to'],
  ])('?%s → 400 naming %s, on the list and the export', async (query, field) => {
    for (const path of [`${P}?${query}`, `${P}/export?format=csv&${query}`]) {
      const res = await c.admin.call('get', path);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual([field]);
    }
  });

  it.each([['format=xml'], ['']])('export ?%s → 400 naming format', async (query) => {
    const res = await c.admin.call('get', `${P}/export?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['format']);
  });

  it('export CSV: a download, a header row, then the selected events oldest first', async () => {
    const res = await c.admin.call('get', `${P}/export?format=csv&action=requested`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="approval-audit-[\d-T]+\.csv"$/);
    const lines = res.text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('seq,at,action,actor,requestId,subject,details,prevHash,hash');
    const requested = (await events()).filter((e) => e.action === 'requested');
    const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;
    expect(lines.slice(1)).toEqual(
      requested.map((e) => [e.seq, e.at, e.action, e.actor, e.requestId, '', quoted(JSON.stringify(e.details)), e.prevHash, e.hash].join(','))
    );
  });

  it('export JSON: the events oldest first, with the filters and the count', async () => {
    const res = await c.admin.call('get', `${P}/export?format=json&actor=${encodeURIComponent(c.reviewer.principal)}&from=2000-01-01`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="approval-audit-[\d-T]+\.json"$/);
    const stored = (await events())
      .filter((e) => e.actor === c.reviewer.principal)
      .map(({ seq, at, action, actor, requestId, subject, details, prevHash, hash }) => ({ seq, at, action, actor, requestId, subject, details, prevHash, hash }));
    expect(res.body.data).toEqual(stored);
    expect(res.body.meta).toEqual({
      exportedAt: expect.stringMatching(/^\d{4}-/),
      filters: { actor: c.reviewer.principal, from: '2000-01-01T00:00:00.000Z' },
      count: stored.length,
    });
    const none = await c.admin.call('get', `${P}/export?format=json&to=2000-01-01`);
    expect(none.body).toEqual({ data: [], meta: expect.objectContaining({ count: 0 }) });
  });

  it('the export reads in batches: every event once, in order, whatever the batch size', async () => {
    const read = async (batch: number) => {
      const seqs: number[] = [];
      for await (const event of app.strapi.plugin('approval-workflow').service('audit').events({}, batch)) seqs.push(event.seq);
      return seqs;
    };
    const all = (await events()).map((e) => e.seq);
    expect(await read(2)).toEqual(all);
    expect(await read(all.length)).toEqual(all);
    expect(await read(500)).toEqual(all);
  });
});

describe('GET /audit/verify', () => {
  it('valid after all of the above', async () => {
    const total = (await events()).length;
    expect(await verify()).toEqual({ valid: true, checked: total, brokenAt: null, reason: null });
  });

  it('an edited row’s details: invalid at that seq; restored, valid again', async () => {
    const all = await events();
    const target = all[Math.floor(all.length / 2)];
    await setEvent(target.seq, { details: { ...target.details, comment: 'rewritten' } });
    try {
      expect(await verify()).toMatchObject({ valid: false, brokenAt: target.seq, reason: `event ${target.seq} was altered` });
    } finally {
      await setEvent(target.seq, { details: target.details });
    }
    expect(await verify()).toMatchObject({ valid: true, brokenAt: null });
  });

  it('an edited actor: invalid at that seq', async () => {
    const target = await eventAt(3);
    await setEvent(3, { actor: 'admin:999' });
    try {
      expect(await verify()).toMatchObject({ valid: false, brokenAt: 3 });
    } finally {
      await setEvent(3, { actor: target.actor });
    }
    expect((await verify()).valid).toBe(true);
  });

  it('an edited row whose own hash was recomputed: the next event no longer links to it', async () => {
    const all = await events();
    const target = all[5];
    const forged = { ...target, details: { ...target.details, forged: true } };
    await setEvent(target.seq, { details: forged.details, hash: hashOf(target.prevHash, forged) });
    try {
      expect(await verify()).toMatchObject({ valid: false, brokenAt: target.seq + 1, reason: `event ${target.seq + 1} does not link to the event before it` });
    } finally {
      await setEvent(target.seq, { details: target.details, hash: target.hash });
    }
    expect((await verify()).valid).toBe(true);
  });

  it('a deleted middle row: invalid at that seq; restored, valid again', async () => {
    const all = await events();
    const target = all[Math.floor(all.length / 3)];
    await removeEvent(target.seq);
    try {
      expect(await app.strapi.db.query(UID.auditEvent as never).count()).toBe(all.length - 1);
      expect(await verify()).toEqual({ valid: false, checked: target.seq - 1, brokenAt: target.seq, reason: `event ${target.seq} is missing` });
    } finally {
      await restoreEvent(target);
    }
    expect(await verify()).toMatchObject({ valid: true, checked: all.length });
  });

  it('two rows swapped (their seqs exchanged): invalid where the order changed; swapped back, valid again', async () => {
    const all = await events();
    const [a, b] = [all[3], all[4]];
    const swap = async (x: number, y: number) => {
      // Through a free number: the unique index on seq holds at every step.
      await setEvent(x, { seq: -1 });
      await setEvent(y, { seq: x });
      await setEvent(-1, { seq: y });
    };
    await swap(a.seq, b.seq);
    try {
      expect(await eventAt(a.seq)).toMatchObject({ id: b.id });
      expect(await verify()).toEqual({ valid: false, checked: a.seq - 1, brokenAt: a.seq, reason: `event ${a.seq} does not link to the event before it` });
    } finally {
      await swap(a.seq, b.seq);
    }
    expect(await verify()).toMatchObject({ valid: true, checked: all.length });
  });

  it('a deleted last row: invalid; restored, valid again', async () => {
    const all = await events();
    const last = all[all.length - 1];
    await removeEvent(last.seq);
    try {
      expect(await verify()).toEqual({ valid: false, checked: all.length - 1, brokenAt: last.seq, reason: 'the last events of the chain were removed' });
    } finally {
      await restoreEvent(last);
    }
    expect(await verify()).toMatchObject({ valid: true, checked: all.length });
  });

  it('the chain goes on after a restore: new events link to the last one', async () => {
    const before = await events();
    const { id } = await requestVia('G', 'G, later');
    const after = await events();
    expect(after.length).toBeGreaterThan(before.length);
    expect(after[before.length]).toMatchObject({ seq: before.length + 1, prevHash: before[before.length - 1].hash, requestId: id });
    expect(await verify()).toMatchObject({ valid: true, checked: after.length });
  });
});
