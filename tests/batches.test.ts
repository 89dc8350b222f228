/**
 * One HTTP request, several writes: every write on managed content gets a request of its own (or a
 * clear error) — two mutations in one GraphQL operation, a custom controller writing two documents.
 * Only the content manager's own save-then-publish of one target shares a request.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writer: Caller;

const count = (where: Record<string, unknown>) => app.strapi.db.query(ARTICLE as never).count({ where });
const graphql = (query: string, variables: Record<string, unknown> = {}) => writer.call('post', '/graphql').send({ query, variables });

type GraphqlError = { path: string[]; extensions: { code: string; error: { details: { approvalRequest: { id: string; operation: string } } } } };

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, { name: 'Reviewers', stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }] });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  await c.a.grantApi(['create', 'createMany', 'update', 'find', 'findOne'].map((a) => `api::article.article.${a}`));
  writer = await c.a.apiUser('batcher');
});
afterAll(async () => {
  await app.stop();
});

describe('GraphQL: two mutations in one operation', () => {
  it('two createArticle: two requests, each mutation gets its own STRAPI_APPROVAL_REQUIRED_ERROR', async () => {
    const res = await graphql(
      'mutation { first: createArticle(data: { title: "Batch one" }) { documentId } second: createArticle(data: { title: "Batch two" }) { documentId } }'
    );
    expect(res.status).toBe(200);
    const errors = res.body.errors as GraphqlError[];
    expect(errors.map((e) => [e.path, e.extensions.code])).toEqual([
      [['first'], 'STRAPI_APPROVAL_REQUIRED_ERROR'],
      [['second'], 'STRAPI_APPROVAL_REQUIRED_ERROR'],
    ]);
    const [one, two] = errors.map((e) => e.extensions.error.details.approvalRequest.id);
    expect(one).not.toBe(two);
    expect(await requestRow(app, one)).toMatchObject({ operation: 'create', requester: writer.principal, params: { data: { title: 'Batch one' } } });
    expect(await requestRow(app, two)).toMatchObject({ operation: 'create', requester: writer.principal, params: { data: { title: 'Batch two' } } });
    expect(await count({ title: { $in: ['Batch one', 'Batch two'] } })).toBe(0);

    // Both proposals survive: approved, both are created.
    for (const id of [one, two]) expect((await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({})).body.data.status).toBe('approved');
    expect(await count({ title: 'Batch one', publishedAt: { $null: true } })).toBe(1);
    expect(await count({ title: 'Batch two', publishedAt: { $null: true } })).toBe(1);
  });

  it('updates of two articles: two requests, one per target', async () => {
    const a = await seedDocument(app, ARTICLE, { title: 'Left' });
    const b = await seedDocument(app, ARTICLE, { title: 'Right' });
    const res = await graphql(
      'mutation($a: ID!, $b: ID!) { a: updateArticle(documentId: $a, data: { title: "Left 2" }) { documentId } b: updateArticle(documentId: $b, data: { title: "Right 2" }) { documentId } }',
      { a: a.documentId, b: b.documentId }
    );
    const requests = (res.body.errors as GraphqlError[]).map((e) => e.extensions.error.details.approvalRequest.id);
    expect(new Set(requests).size).toBe(2);
    expect((await requestRow(app, requests[0]))?.targetDocumentId).toBe(a.documentId);
    expect((await requestRow(app, requests[1]))?.targetDocumentId).toBe(b.documentId);
  });

  it('two updates of one article: the first opens a request, the second is refused as a duplicate — nothing is silently merged', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Twice' });
    const res = await graphql(
      'mutation($id: ID!) { a: updateArticle(documentId: $id, data: { title: "Once" }) { documentId } b: updateArticle(documentId: $id, data: { title: "Twice more" }) { documentId } }',
      { id: documentId }
    );
    const [first, second] = res.body.errors as Array<GraphqlError & { message: string }>;
    expect(first.extensions.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    expect(second.path).toEqual(['b']);
    expect(second.message).toMatch(/already open/);
    const open = await app.strapi.db.query(UID.request as never).findMany({ where: { targetDocumentId: documentId } });
    expect(open).toEqual([expect.objectContaining({ documentId: first.extensions.error.details.approvalRequest.id, params: { data: { title: 'Once' }, status: 'published' } })]);
  });
});

describe('REST: a custom controller writing two documents (POST /api/articles/bulk)', () => {
  it('202 listing both requests; each proposal in its own request; nothing written', async () => {
    const res = await writer.call('post', '/api/articles/bulk').send({ data: [{ title: 'Bulk A' }, { title: 'Bulk B' }] });
    expect(res.status).toBe(202);
    const listed = res.body.meta.approvalRequests as Array<{ id: string; operation: string }>;
    expect(listed).toHaveLength(2);
    expect(res.body.meta.approvalRequest).toEqual(listed[0]);
    expect(listed.every((r) => r.operation === 'create')).toBe(true);
    // Created as the core REST create creates: published.
    expect((await requestRow(app, listed[0].id))?.params).toEqual({ data: { title: 'Bulk A' }, status: 'published' });
    expect((await requestRow(app, listed[1].id))?.params).toEqual({ data: { title: 'Bulk B' }, status: 'published' });
    expect(await count({ title: { $in: ['Bulk A', 'Bulk B'] } })).toBe(0);
  });

  it('a body that is not a list of articles: 400 naming the field, no request', async () => {
    const before = await app.strapi.db.query(UID.request as never).count();
    const res = await writer.call('post', '/api/articles/bulk').send({ data: { title: 'Not a list' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['data'] })] } });
    expect(await app.strapi.db.query(UID.request as never).count()).toBe(before);
  });
});

describe('the content manager’s save-then-publish stays one request', () => {
  it('publishing a new article in one click (create, then publish): one publish-ready create request', async () => {
    const res = await c.editor.call('post', `${cm(ARTICLE)}/actions/publish`).send({ title: 'Created and published' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.approvalRequests).toHaveLength(1);
    const { id } = res.body.error.details.approvalRequest;
    expect(await requestRow(app, id)).toMatchObject({ operation: 'create', params: { data: expect.objectContaining({ title: 'Created and published' }), status: 'published' } });
    expect(await count({ title: 'Created and published' })).toBe(0);
  });

  it('publishing an edited article: one request of operation publish', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Draft' });
    const res = await c.editor.call('post', cm(ARTICLE, documentId, 'publish')).send({ title: 'Draft, final' });
    expect(res.body.error.details.approvalRequests).toEqual([expect.objectContaining({ operation: 'publish', documentId })]);
    expect(await app.strapi.db.query(UID.request as never).count({ where: { targetDocumentId: documentId } })).toBe(1);
    expect(await row(app, ARTICLE, documentId, true)).toBeNull();
  });
});
