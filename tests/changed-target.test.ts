/**
 * DESIGN rule 4 to every depth: what was approved is what is applied. The base of a request is the
 * whole target — its draft and published version in the request's locale, components, dynamic zone
 * items and relations at every depth — so a change anywhere in it after the request makes applying
 * fail with "changed after the request", and a change outside it (another locale, a related
 * document's own content) does not.
 */
import { startApp, type TestApp } from './helpers/app';
import { GUIDE, SECTION, addLocale, cast, cm, createTemplate, manage, requestRow, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let sections: { docs: string; faq: string };

type Data = Record<string, unknown>;

const chapters = (text: string, section: string) => [{ heading: 'One', note: { text, section } }];
const blocks = (text: string, section = sections.docs) => [
  { __component: 'guide.quote', text, source: 'Someone' },
  { __component: 'guide.note', text: 'Aside', section },
];

const guides = () => app.strapi.documents(GUIDE as never);
/** A change made directly, as server code (no HTTP actor: not intercepted). */
const change = (documentId: string, data: Data, locale = 'en') => guides().update({ documentId, locale, data } as never);

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  await addLocale(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Reviewers approve guides',
    stages: [{ name: 'Review', criteria: 1, obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: GUIDE, templateId });
  sections = {
    docs: (await seedDocument(app, SECTION, { name: 'Docs' })).documentId,
    faq: (await seedDocument(app, SECTION, { name: 'FAQ' })).documentId,
  };
});
afterAll(async () => {
  await app.stop();
});

/** A guide in English (draft only) with a French version, both with chapters and blocks. */
const seedGuide = async () => {
  const { documentId } = await seedDocument(app, GUIDE, {
    title: 'Guide',
    audience: 'Editors',
    chapters: chapters('See the docs', sections.docs),
    blocks: blocks('Quoted'),
  });
  await change(documentId, { title: 'Guide (fr)', chapters: chapters('Voir la doc', sections.docs), blocks: blocks('Cité') }, 'fr');
  return documentId;
};

/** The editor's change of the English title, waiting for approval. */
const requestTitleChange = async (documentId: string) => {
  const res = await c.editor.call('put', cm(GUIDE, documentId)).send({ title: 'Edited' });
  expect(res.status).toBe(400);
  expect(res.body.error.name).toBe('ApprovalRequiredError');
  return res.body.error.details.approvalRequest.id as string;
};

const englishDraft = async (documentId: string) => (await guides().findOne({ documentId, locale: 'en' } as never)) as Data | null;

describe('approving after a direct change fails exactly when the requested target changed', () => {
  it.each<[string, 'failed' | 'approved', (documentId: string) => Promise<unknown>]>([
    ['a field of the component nested in a repeatable component', 'failed', (id) => change(id, { chapters: chapters('Changed', sections.docs) })],
    ['a dynamic zone item', 'failed', (id) => change(id, { blocks: blocks('Misquoted') })],
    ['a relation inside a dynamic zone item', 'failed', (id) => change(id, { blocks: blocks('Quoted', sections.faq) })],
    ['a relation inside the nested component', 'failed', (id) => change(id, { chapters: chapters('See the docs', sections.faq) })],
    ['only the published version (published directly)', 'failed', (id) => guides().publish({ documentId: id, locale: 'en' } as never)],
    ['a top-level field in the same locale', 'failed', (id) => change(id, { audience: 'Everyone', title: 'Guide' })],
    ['a non-localized field, written through another locale', 'failed', (id) => change(id, { audience: 'Everyone' }, 'fr')],
    ['a localized field of another locale', 'approved', (id) => change(id, { title: 'Guide, en français', blocks: blocks('Autre') }, 'fr')],
    ['the components recreated with the same content (new ids)', 'approved', (id) => change(id, { chapters: chapters('See the docs', sections.docs), blocks: blocks('Quoted') })],
    ['the content of a related document (the relation is the same)', 'approved', () => app.strapi.documents(SECTION as never).update({ documentId: sections.docs, data: { description: 'Changed' } } as never)],
  ])('%s → %s', async (_name, expected, direct) => {
    const documentId = await seedGuide();
    const id = await requestTitleChange(documentId);
    await direct(documentId);

    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.status).toBe(200);
    expect(approve.body.data.status).toBe(expected);
    const stored = await requestRow(app, id);
    if (expected === 'failed') {
      expect(stored?.reason).toMatch(/changed after the request was made/);
      expect((await englishDraft(documentId))?.title).not.toBe('Edited');
    } else {
      expect(stored?.reason).toBeNull();
      expect((await englishDraft(documentId))?.title).toBe('Edited');
    }
  });
});

describe('the request’s diff with nested data', () => {
  it('shows the changed component, dynamic zone item and relation inside a component', async () => {
    const documentId = await seedGuide();
    const save = await c.editor.call('put', cm(GUIDE, documentId)).send({
      chapters: chapters('Rewritten', sections.faq),
      blocks: blocks('Requoted'),
    });
    expect(save.status).toBe(400);
    const id = save.body.error.details.approvalRequest.id as string;

    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.base.draft).toMatchObject({ chapters: chapters('See the docs', sections.docs), blocks: blocks('Quoted') });
    // Components and dynamic-zone items are walked (matched by position), the relation shown by its titles.
    const section = (documentId: string, title: string) => ({ uid: SECTION, documentId, title });
    expect(detail.body.data.diff).toEqual([
      { path: 'blocks[id=1].text', labels: ['blocks', 'Quote 1', 'text'], type: 'string', kind: 'changed', before: 'Quoted', after: 'Requoted' },
      {
        path: 'chapters[id=1].note.section',
        labels: ['chapters', 'Chapter 1', 'note', 'section'],
        type: 'relation',
        kind: 'changed',
        before: section(sections.docs, 'Docs'),
        after: section(sections.faq, 'FAQ'),
      },
      { path: 'chapters[id=1].note.text', labels: ['chapters', 'Chapter 1', 'note', 'text'], type: 'text', kind: 'changed', before: 'See the docs', after: 'Rewritten' },
    ]);

    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    expect(await englishDraft(documentId)).toMatchObject({ title: 'Guide' });
    const applied = (await guides().findOne({ documentId, locale: 'en', populate: { chapters: { populate: { note: { populate: ['section'] } } } } } as never)) as unknown as {
      chapters: Array<{ note: { text: string; section: { documentId: string } } }>;
    };
    expect(applied.chapters[0].note).toMatchObject({ text: 'Rewritten', section: { documentId: sections.faq } });
  });
});

describe('a request that adds a locale', () => {
  it.each<[string, 'failed' | 'approved', (documentId: string) => Promise<unknown>]>([
    ['nobody added it meanwhile', 'approved', async () => undefined],
    ['someone added that locale meanwhile', 'failed', (id) => change(id, { title: 'Guide (fr), direct' }, 'fr')],
  ])('%s → %s', async (_name, expected, direct) => {
    const { documentId } = await seedDocument(app, GUIDE, { title: 'English only' });
    const save = await c.editor.call('put', `${cm(GUIDE, documentId)}?locale=fr`).send({ title: 'Guide (fr), requested' });
    expect(save.status).toBe(400);
    expect(save.body.error.details.approvalRequest).toMatchObject({ locale: 'fr', status: 'pending' });
    const id = save.body.error.details.approvalRequest.id as string;
    await direct(documentId);

    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe(expected);
    const french = (await guides().findOne({ documentId, locale: 'fr' } as never)) as Data | null;
    expect(french?.title).toBe(expected === 'approved' ? 'Guide (fr), requested' : 'Guide (fr), direct');
  });

  it('only an update adds a locale: deleting one the document does not have opens no request (404)', async () => {
    const { documentId } = await seedDocument(app, GUIDE, { title: 'English only' });
    const token = await c.a.apiToken();
    const res = await token.call('delete', `/api/guides/${documentId}?locale=fr`);
    expect(res.status).toBe(404);
    expect(await app.strapi.db.query('plugin::approval-workflow.request' as never).count({ where: { targetDocumentId: documentId } })).toBe(0);
  });
});
