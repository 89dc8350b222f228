/**
 * The read side of requests for the admin: list items (entry title, content type, stage progress;
 * the `operation` and `q` filters) and the typed diff of GET /approval-workflow/requests/:id —
 * relations by their titles, files, components and dynamic-zone items with labels, private fields
 * compared but not shown — on the demo types, as an approver reads them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, GUIDE, SECTION, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let alpha: { documentId: string; id: number };
let beta: { documentId: string; id: number };

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Two stages',
    stages: [
      { name: 'Review', criteria: 1, obligations: [{ kind: 'user', principal: c.reviewer.principal }] },
      { name: 'Legal', criteria: 1, obligations: [{ kind: 'user', principal: c.legal.principal }] },
    ],
  });
  for (const uid of [ARTICLE, GUIDE, SECTION]) await manage(c.admin, { kind: 'collection', uid, templateId });
  alpha = await seedDocument(app, SECTION, { name: 'Alpha' });
  beta = await seedDocument(app, SECTION, { name: 'Beta' });
});
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await app.stop();
});

/** The id of the request an intercepted content-manager write opened. */
const opened = (res: { status: number; body: { error: { details: { approvalRequest: { id: string } } } } }) => {
  expect(res.status).toBe(400);
  return res.body.error.details.approvalRequest.id;
};

const detailOf = async (id: string) => {
  const res = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

const diffOf = async (id: string) => (await detailOf(id)).diff as Array<Record<string, unknown>>;

const relation = (uid: string, entry: { documentId: string }, title: string | null) => ({ uid, documentId: entry.documentId, title });

describe('list items', () => {
  it('carry the entry title, the content type and where the request stands in its stages', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Listed before' });
    const id = opened(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Listed after' }));

    const list = await c.reviewer.call('get', '/approval-workflow/requests?operation=update&q=%20LISTED%20AF%20');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id,
        title: 'Listed after',
        contentType: { uid: ARTICLE, displayName: 'Article' },
        progress: { current: 1, total: 2, approvals: 0, required: 1 },
      }),
    ]);
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({})).status).toBe(200);
    const detail = await detailOf(id);
    expect(detail.progress).toEqual({ current: 2, total: 2, approvals: 0, required: 1 });

    // The other filters: another operation, another title, LIKE's wildcards taken literally.
    for (const query of ['operation=delete&q=Listed', 'q=Listed%20before', 'q=List%25after', 'q=Listed_after']) {
      const other = await c.reviewer.call('get', `/approval-workflow/requests?${query}`);
      expect({ query, data: other.body.data }).toEqual({ query, data: [] });
    }
  });

  it('refuses an unknown operation and a search longer than 200 characters', async () => {
    for (const query of ['operation=rename', `q=${'x'.repeat(201)}`]) {
      const res = await c.reviewer.call('get', `/approval-workflow/requests?${query}`);
      expect({ query, status: res.status, name: res.body.error?.name }).toEqual({ query, status: 400, name: 'ValidationError' });
    }
  });

  it('titles of requests written before titles were stored are filled in at bootstrap, once', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Untitled before' });
    const id = opened(await c.editor.call('put', cm(ARTICLE, documentId)).send({ body: 'No title in the proposal' }));
    const requests = app.strapi.db.query('plugin::approval-workflow.request' as never);
    await requests.update({ where: { documentId: id }, data: { title: null } });
    const flag = app.strapi.store({ type: 'plugin', name: 'approval-workflow', key: 'request-titles-backfilled' });
    await flag.delete({});

    const service = app.strapi.plugin('approval-workflow').service('requests');
    expect(await service.backfillTitles()).toBeGreaterThanOrEqual(1);
    expect((await requests.findOne({ where: { documentId: id } })).title).toBe('Untitled before');
    expect(await service.backfillTitles()).toBe(0);
  });
});

describe('the typed diff', () => {
  it('a text and a to-one relation changed: the relation by its titles', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Relation before', section: alpha.documentId });
    const id = opened(
      await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Relation after', section: { connect: [{ id: beta.id }], disconnect: [{ id: alpha.id }] } })
    );
    expect(await diffOf(id)).toEqual([
      {
        path: 'section',
        labels: ['section'],
        type: 'relation',
        kind: 'changed',
        before: relation(SECTION, alpha, 'Alpha'),
        after: relation(SECTION, beta, 'Beta'),
      },
      { path: 'title', labels: ['title'], type: 'string', kind: 'changed', before: 'Relation before', after: 'Relation after' },
    ]);
  });

  it('a relation sent unchanged shows no entry', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Same section', section: alpha.documentId });
    const id = opened(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Same section, edited', section: { connect: [], disconnect: [] } }));
    expect((await diffOf(id)).map((entry) => entry.path)).toEqual(['title']);
  });

  it('a to-many relation: an element added and one removed, each an entry', async () => {
    const first = await seedDocument(app, ARTICLE, { title: 'First article' });
    const second = await seedDocument(app, ARTICLE, { title: 'Second article' });
    const section = await seedDocument(app, SECTION, { name: 'Gamma', articles: [first.documentId] });
    const id = opened(
      await c.editor.call('put', cm(SECTION, section.documentId)).send({ articles: { connect: [{ documentId: second.documentId }], disconnect: [{ id: first.id }] } })
    );
    const entry = (target: { documentId: string }) => `articles[documentId=${target.documentId}]`;
    expect(await diffOf(id)).toEqual(
      expect.arrayContaining([
        { path: entry(second), labels: ['articles', 'Second article'], type: 'relation', kind: 'added', after: relation(ARTICLE, second, 'Second article') },
        { path: entry(first), labels: ['articles', 'First article'], type: 'relation', kind: 'removed', before: relation(ARTICLE, first, 'First article') },
      ])
    );
    expect(await diffOf(id)).toHaveLength(2);
  });

  it('a file added, a component field and a dynamic-zone item, with labels; a private field changed but not shown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-diff-'));
    const file = path.join(dir, 'cover.png');
    fs.writeFileSync(file, PNG);
    const uploads = app.strapi.plugin('upload').service('upload');
    const [upload] = await uploads.upload({ data: {}, files: { filepath: file, originalFilename: 'cover.png', mimetype: 'image/png', size: PNG.length } });
    // The file goes to public/uploads: removed again whatever the assertions say.
    cleanups.push(() => uploads.remove(upload), () => fs.rmSync(dir, { recursive: true, force: true }));
    const { documentId } = await seedDocument(app, GUIDE, {
      title: 'Guide before',
      reviewNote: 'Secret before',
      chapters: [{ heading: 'One', note: { text: 'A note', section: alpha.documentId } }],
      blocks: [{ __component: 'guide.quote', text: 'Quoted', source: 'Someone' }],
    });
    const id = opened(
      await c.editor.call('put', `${cm(GUIDE, documentId)}?locale=en`).send({
        cover: upload.id,
        reviewNote: 'Secret after',
        chapters: [{ heading: 'One', note: { text: 'A note, edited', section: { connect: [], disconnect: [] } } }],
        blocks: [
          { __component: 'guide.quote', text: 'Quoted', source: 'Someone' },
          { __component: 'guide.note', text: 'Aside', section: { connect: [{ documentId: beta.documentId }] } },
        ],
      })
    );
    expect(await diffOf(id)).toEqual([
      {
        path: 'blocks[id=2]',
        labels: ['blocks', 'Note 2'],
        type: 'component',
        kind: 'added',
        after: { id: 2, __component: 'guide.note', text: 'Aside', section: relation(SECTION, beta, 'Beta') },
      },
      {
        path: 'chapters[id=1].note.text',
        labels: ['chapters', 'Chapter 1', 'note', 'text'],
        type: 'text',
        kind: 'changed',
        before: 'A note',
        after: 'A note, edited',
      },
      {
        path: 'cover',
        labels: ['cover'],
        type: 'media',
        // The base holds the field empty (null): a change, as for any field.
        kind: 'changed',
        before: null,
        after: { id: upload.id, name: 'cover.png', url: upload.url, thumbnailUrl: null, mime: 'image/png' },
      },
      { path: 'reviewNote', labels: ['reviewNote'], type: 'text', kind: 'changed', before: null, after: null },
    ]);
  });

  it('a create shows every proposed field; a delete the entry as it is, every field removed', async () => {
    const create = opened(await c.editor.call('post', cm(ARTICLE)).send({ title: 'Brand new', section: { connect: [{ id: alpha.id }] } }));
    expect(await diffOf(create)).toEqual([
      { path: 'section', labels: ['section'], type: 'relation', kind: 'added', after: relation(SECTION, alpha, 'Alpha') },
      { path: 'title', labels: ['title'], type: 'string', kind: 'added', after: 'Brand new' },
    ]);
    const listed = await c.reviewer.call('get', '/approval-workflow/requests?operation=create&q=brand');
    expect(listed.body.data.map((item: { id: string; title: string }) => [item.id, item.title])).toEqual([[create, 'Brand new']]);

    const { documentId } = await seedDocument(app, ARTICLE, { title: 'To delete', price: 9.5, section: beta.documentId });
    const remove = opened(await c.editor.call('delete', cm(ARTICLE, documentId)));
    expect(await diffOf(remove)).toEqual(
      expect.arrayContaining([
        { path: 'section', labels: ['section'], type: 'relation', kind: 'removed', before: relation(SECTION, beta, 'Beta') },
        { path: 'title', labels: ['title'], type: 'string', kind: 'removed', before: 'To delete' },
      ])
    );
    expect((await detailOf(remove)).title).toBe('To delete');
  });
});
