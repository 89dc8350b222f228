/**
 * What the content manager asks about managed entries (`/entries/status`, `/entries/pending`):
 * the same rules the interceptor applies, for an editor, an approver, an approval admin (bypass)
 * and an admin without the permission; an unmanaged type, a managed collection, a managed entry
 * and the child of a managed parent; and bad input.
 */
import { ACTIONS } from '../src/plugins/approval-workflow/shared/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, GUIDE, LOCALES, SECTION, addLocale, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';

const P = '/approval-workflow/entries';

let app: TestApp;
let c: Cast;
let sectionTemplate: string;
let articleTemplate: string;
let parentTemplate: string;

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are checked by the assertions

const status = (caller: Caller, query: Record<string, string>) => caller.call('get', `${P}/status`).query(query);
const pending = (caller: Caller, query: Record<string, string>) => caller.call('get', `${P}/pending`).query(query);

/** The id of the request an editor's content-manager write opened (the write answers 400 ApprovalRequiredError). */
const requestIdOf = (res: { status: number; body: Loose }) => {
  if (res.status !== 400 || res.body?.error?.name !== 'ApprovalRequiredError') {
    throw new Error(`expected an approval request, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.error.details.approvalRequest.id as string;
};

beforeAll(async () => {
  app = await startApp();
  await addLocale(app);
  c = await cast(app);
  const review = (name: string, urgentAllowed = false) => ({ name, urgentAllowed, stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: c.reviewer.principal }] }] });
  sectionTemplate = await createTemplate(c.admin, review('Sections', true));
  articleTemplate = await createTemplate(c.admin, {
    name: 'Two stages',
    stages: [
      { name: 'Review', obligations: [{ kind: 'user', principal: c.reviewer.principal }] },
      { name: 'Legal', obligations: [{ kind: 'user', principal: c.legal.principal }] },
    ],
  });
  parentTemplate = await createTemplate(c.admin, review('Parent section'));
  await manage(c.admin, { kind: 'collection', uid: SECTION, templateId: sectionTemplate });
  const res = await c.admin.call('put', '/approval-workflow/settings').send({ urgentMode: true });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await app.stop();
});

describe('GET /entries/status', () => {
  it('an unmanaged type: nothing needs approval, the content manager stays as it is', async () => {
    const res = await status(c.editor, { uid: GUIDE });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ uid: GUIDE, documentId: null, operations: [], template: null, managedBy: [], bypass: false, urgentAllowed: false, openRequests: [] });
  });

  it('a managed collection: its operations, its template, urgent allowed by template and settings', async () => {
    const res = await status(c.editor, { uid: SECTION });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      uid: SECTION,
      documentId: null,
      operations: ['create', 'update', 'delete', 'clone'],
      template: { id: sectionTemplate, name: 'Sections' },
      managedBy: ['collection'],
      bypass: false,
      urgentAllowed: true,
      openRequests: [],
    });
    // An entry of the collection: the operations on an existing entry (no create).
    const { documentId } = await seedDocument(app, SECTION, { name: 'Existing section' });
    const entry = await status(c.editor, { uid: SECTION, documentId });
    expect(entry.body.data).toMatchObject({ documentId, operations: ['update', 'delete', 'clone'], managedBy: ['collection'] });
  });

  it('a managed entry: the entry template, and the pending requests of every requester with their progress', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Managed article' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId: articleTemplate, operations: ['update', 'delete'] });
    const requestId = requestIdOf(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Proposed title' }));

    for (const viewer of [c.editor, c.reviewer]) {
      const res = await status(viewer, { uid: ARTICLE, documentId });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        uid: ARTICLE,
        documentId,
        operations: ['update', 'delete'],
        template: { id: articleTemplate, name: 'Two stages' },
        managedBy: ['entry'],
        bypass: false,
        urgentAllowed: false,
        openRequests: [
          {
            id: requestId,
            status: 'pending',
            operation: 'update',
            documentId,
            requester: expect.objectContaining({ principal: c.editor.principal }),
            awaitingMe: viewer === c.reviewer,
          },
        ],
      });
    }
    // Asked in a locale: the requests of that locale and those without one (the default locale's).
    expect((await status(c.editor, { uid: ARTICLE, documentId, locale: 'en' })).body.data.openRequests).toEqual([expect.objectContaining({ id: requestId })]);
    expect((await status(c.editor, { uid: ARTICLE, documentId, locale: 'fr' })).body.data.openRequests).toEqual([expect.objectContaining({ id: requestId })]);

    // The approval admin's writes go straight through: the content manager stays as it is for them.
    const admin = await status(c.admin, { uid: ARTICLE, documentId });
    expect(admin.body.data).toMatchObject({ operations: ['update', 'delete'], bypass: true, openRequests: [{ id: requestId }] });

    // A closed request is no longer open on the entry.
    expect((await c.editor.call('post', `/approval-workflow/requests/${requestId}/cancel`).send({})).status).toBe(200);
    expect((await status(c.editor, { uid: ARTICLE, documentId })).body.data.openRequests).toEqual([]);
  });

  it('a localized entry: the pending requests of the locale asked for', async () => {
    const { documentId } = await seedDocument(app, GUIDE, { title: 'Guide' });
    await manage(c.admin, { kind: 'entry', uid: GUIDE, documentId, templateId: articleTemplate });
    const requestId = requestIdOf(await c.editor.call('put', `${cm(GUIDE, documentId)}?locale=${LOCALES[1]}`).send({ title: 'Guide (fr)' }));
    const inLocale = async (locale: string) => (await status(c.editor, { uid: GUIDE, documentId, locale })).body.data.openRequests.map((r: Loose) => r.id);
    expect(await inLocale(LOCALES[1])).toEqual([requestId]);
    expect(await inLocale(LOCALES[0])).toEqual([]);
  });

  it('the child of a managed parent: creates under it need approval; a child created so is managed through its parent', async () => {
    const parent = await seedDocument(app, SECTION, { name: 'Parent section' });
    await manage(c.admin, { kind: 'entry', uid: SECTION, documentId: parent.documentId, templateId: parentTemplate, childRelations: [{ uid: ARTICLE, field: 'section' }] });

    const type = await status(c.editor, { uid: ARTICLE });
    expect(type.body.data).toMatchObject({ documentId: null, operations: ['create'], managedBy: ['parent'], bypass: false });

    const requestId = requestIdOf(await c.editor.call('post', cm(ARTICLE)).send({ title: 'A child', section: { connect: [{ documentId: parent.documentId }] } }));
    const approved = await c.reviewer.call('post', `/approval-workflow/requests/${requestId}/approve`).send({});
    expect(approved.body.data.status).toBe('approved');
    const { result } = (await c.reviewer.call('get', `/approval-workflow/requests/${requestId}`)).body.data;

    const child = await status(c.editor, { uid: ARTICLE, documentId: result.documentId });
    expect(child.status).toBe(200);
    expect(child.body.data).toMatchObject({
      documentId: result.documentId,
      managedBy: ['parent'],
      template: { id: parentTemplate, name: 'Parent section' },
      openRequests: [],
    });
    expect(child.body.data.operations).toEqual(expect.arrayContaining(['update', 'delete']));
  });

  it('403 for an admin without the permission to read requests', async () => {
    const outsider = await c.a.admin([await c.a.adminRole('No requests', [ACTIONS.readManaged])], 'outsider');
    for (const path of [`${P}/status?uid=${SECTION}`, `${P}/pending?uid=${SECTION}&documentIds=x`]) {
      const res = await outsider.call('get', path);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('PolicyError');
    }
  });

  it.each([
    ['no uid', {}, 'uid'],
    ['an unknown content type', { uid: 'api::nothing.nothing' }, 'uid'],
    ['a plugin type', { uid: 'plugin::approval-workflow.request' }, 'uid'],
    ['an empty document id', { uid: SECTION, documentId: '' }, 'documentId'],
    ['a locale too long', { uid: SECTION, locale: 'x'.repeat(65) }, 'locale'],
  ])('400 naming the field: %s', async (_, query, field) => {
    const res = await status(c.editor, query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: Loose) => e.path.join('.'))).toContain(field);
  });
});

describe('GET /entries/pending', () => {
  it('the listed entries that have a pending request, with their requests', async () => {
    const [a, b] = await Promise.all([seedDocument(app, SECTION, { name: 'Listed A' }), seedDocument(app, SECTION, { name: 'Listed B' })]);
    const requestId = requestIdOf(await c.editor.call('put', cm(SECTION, a.documentId)).send({ name: 'Listed A, renamed' }));
    const res = await pending(c.editor, { uid: SECTION, documentIds: `${a.documentId},${b.documentId},unknown` });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { documentId: a.documentId, requests: [{ id: requestId, status: 'pending', operation: 'update', uid: SECTION, documentId: a.documentId, locale: null, urgent: false }] },
    ]);
    // The approver's list shows the same.
    expect((await pending(c.reviewer, { uid: SECTION, documentIds: a.documentId })).body.data).toEqual(res.body.data);
  });

  it.each([
    ['no ids', { uid: SECTION }, 'documentIds'],
    ['only commas', { uid: SECTION, documentIds: ',,' }, 'documentIds'],
    ['more than 100 ids', { uid: SECTION, documentIds: Array.from({ length: 101 }, (_, i) => `id${i}`).join(',') }, 'documentIds'],
    ['an unknown content type', { uid: 'api::nothing.nothing', documentIds: 'a' }, 'uid'],
  ])('400 naming the field: %s', async (_, query, field) => {
    const res = await pending(c.editor, query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: Loose) => e.path.join('.'))).toContain(field);
  });
});
