/**
 * What the settings page and the content manager's "Manage approvals" dialog read about managed
 * objects: the titles of managed entries and of the parents inherited entries came from, and the
 * relations an entry may name as child relations (the same rule marking applies).
 */
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, GUIDE, SECTION, cast, manage, seedDocument, type Cast } from './helpers/fixtures';

const P = '/approval-workflow/managed-objects';

let app: TestApp;
let c: Cast;

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
});

afterAll(async () => {
  await app.stop();
});

describe('titles in the list', () => {
  it('entries have their title (the draft’s), collections none; an inherited entry names its parent', async () => {
    const section = await seedDocument(app, SECTION, { name: 'Pricing' });
    const other = await seedDocument(app, SECTION, { name: 'Careers' });
    const article = await seedDocument(app, ARTICLE, { title: 'Published title' });
    await app.strapi.documents(ARTICLE as never).publish({ documentId: article.documentId } as never);
    await app.strapi.documents(ARTICLE as never).update({ documentId: article.documentId, data: { title: 'Draft title' } } as never);
    const child = await seedDocument(app, ARTICLE, { title: 'Child', section: section.documentId });

    await manage(c.admin, { kind: 'collection', uid: GUIDE });
    const parent = await manage(c.admin, { kind: 'entry', uid: SECTION, documentId: section.documentId, childRelations: [{ uid: ARTICLE, field: 'section' }] });
    await manage(c.admin, { kind: 'entry', uid: SECTION, documentId: other.documentId });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId: article.documentId });
    const service = app.strapi.plugin('approval-workflow').service('managedObjects');
    await service.adoptChild(ARTICLE, child.documentId, await service.find(parent.id), c.admin.principal);

    const res = await c.admin.call('get', `${P}?pageSize=100`);
    expect(res.status).toBe(200);
    const shown = res.body.data.map((o: Record<string, unknown>) => [o.kind, o.uid, o.entryTitle, o.inheritedFromTitle]);
    expect(shown).toEqual([
      ['collection', GUIDE, null, null],
      ['entry', SECTION, 'Pricing', null],
      ['entry', SECTION, 'Careers', null],
      ['entry', ARTICLE, 'Draft title', null],
      ['entry', ARTICLE, 'Child', 'Pricing'],
    ]);
    const byDocument = await c.admin.call('get', P).query({ uid: ARTICLE, documentId: child.documentId });
    expect(byDocument.body.data.map((o: Record<string, unknown>) => o.entryTitle)).toEqual(['Child']);
    const one = await c.admin.call('get', `${P}/${parent.id}`);
    expect(one.body.data).toMatchObject({ entryTitle: 'Pricing', inheritedFromTitle: null, childRelations: [{ uid: ARTICLE, field: 'section' }] });
  });

  it('marking and updating answer with the entry’s title', async () => {
    const section = await seedDocument(app, SECTION, { name: 'Legal notes' });
    const marked = await c.admin.call('post', P).send({ kind: 'entry', uid: SECTION, documentId: section.documentId });
    expect(marked.status).toBe(201);
    expect(marked.body.data.entryTitle).toBe('Legal notes');
    const updated = await c.admin.call('put', `${P}/${marked.body.data.id}`).send({ operations: ['delete'] });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ entryTitle: 'Legal notes', operations: ['delete'] });
  });
});

describe('GET /managed-objects/child-relations', () => {
  it('lists the to-one relations of content types that point to the type', async () => {
    const res = await c.admin.call('get', `${P}/child-relations`).query({ uid: SECTION });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ uid: ARTICLE, field: 'section', label: 'Article' }]);
    // Section.articles is to-many (and the guide's note is a component): nothing points to an article.
    const none = await c.admin.call('get', `${P}/child-relations`).query({ uid: ARTICLE });
    expect(none.body.data).toEqual([]);
  });

  it('every candidate is accepted as a child relation when marking', async () => {
    const candidates = (await c.admin.call('get', `${P}/child-relations`).query({ uid: SECTION })).body.data;
    const section = await seedDocument(app, SECTION, { name: 'With children' });
    const res = await c.admin.call('post', P).send({ kind: 'entry', uid: SECTION, documentId: section.documentId, childRelations: candidates.map(({ uid, field }: { uid: string; field: string }) => ({ uid, field })) });
    expect(res.status).toBe(201);
    expect(res.body.data.childRelations).toEqual([{ uid: ARTICLE, field: 'section' }]);
  });

  it.each([
    ['no uid', {}, /uid/],
    ['an unknown uid', { uid: 'api::nope.nope' }, /api::nope\.nope/],
    ['a plugin uid', { uid: 'plugin::approval-workflow.request' }, /plugin::approval-workflow\.request/],
  ])('%s → 400', async (_, query, message) => {
    const res = await c.admin.call('get', `${P}/child-relations`).query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('needs the read permission', async () => {
    const res = await c.editor.call('get', `${P}/child-relations`).query({ uid: SECTION });
    expect(res.status).toBe(403);
  });
});
