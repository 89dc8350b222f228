/**
 * DESIGN rule 8: every HTTP write is someone's. An installation that grants the users-permissions
 * Public role writes on a managed type (a public submit form) gets requests by `public`, decided
 * like any other; nobody can come back as `public` to read or cancel them, so approval admins
 * cancel them. Only writes outside any HTTP request (bootstrap, cron, scripts) are trusted.
 */
import request from 'supertest';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, cast, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;

const A = '/api/approval-workflow/requests';
const anonymous = () => request(app.server);
const ARTICLE_ACTIONS = ['create', 'update', 'delete', 'find', 'findOne'].map((a) => `api::article.article.${a}`);
const requestsOf = (where: Record<string, unknown>) =>
  app.strapi.db.query(UID.request as never).findMany({ where }) as Promise<Array<Record<string, unknown>>>;

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Reviewers approve public submissions',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  await c.a.grantApi(ARTICLE_ACTIONS, 'public');
});
afterAll(async () => {
  await app.stop();
});

describe('REST writes by the Public role on a managed collection', () => {
  it('create: 202 with a request by public, nothing written; an approver sees it (labelled) and approves: applied', async () => {
    const res = await anonymous().post('/api/articles').send({ data: { title: 'Submitted by a visitor' } });
    expect(res.status).toBe(202);
    expect(res.body.meta.approvalRequest).toMatchObject({ status: 'pending', operation: 'create', uid: ARTICLE, documentId: null });
    const id = res.body.meta.approvalRequest.id as string;
    expect(await app.strapi.db.query(ARTICLE as never).count({ where: { title: 'Submitted by a visitor' } })).toBe(0);
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', requester: 'public', params: { data: { title: 'Submitted by a visitor' } } });

    const queue = await c.reviewer.call('get', '/approval-workflow/requests?awaiting=me&pageSize=100');
    expect(queue.body.data).toContainEqual(
      expect.objectContaining({ id, awaitingMe: true, requester: { principal: 'public', kind: 'public', name: 'Public (not signed in)', email: null } })
    );
    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.viewer).toMatchObject({ canApprove: true, canCancel: false });

    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.status).toBe(200);
    expect(approve.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, approve.body.data.documentId))?.title).toBe('Submitted by a visitor');
  });

  it('update: 202, the entry unchanged; the approvers cannot cancel it, an approval admin can', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Public edit before' });
    const res = await anonymous().put(`/api/articles/${documentId}`).send({ data: { title: 'Public edit after' } });
    expect(res.status).toBe(202);
    const id = res.body.meta.approvalRequest.id as string;
    expect(await requestRow(app, id)).toMatchObject({ operation: 'update', targetDocumentId: documentId, requester: 'public' });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Public edit before');

    const byApprover = await c.reviewer.call('post', `/approval-workflow/requests/${id}/cancel`).send({});
    expect(byApprover.status).toBe(403);
    expect(byApprover.body.error.details.code).toBe('only-requester-can-cancel');

    expect((await c.admin.call('get', `/approval-workflow/requests/${id}`)).body.data.viewer.canCancel).toBe(true);
    const byAdmin = await c.admin.call('post', `/approval-workflow/requests/${id}/cancel`).send({ comment: 'Spam' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ id, status: 'cancelled' });
    expect(await requestRow(app, id)).toMatchObject({ status: 'cancelled', openKey: null, reason: 'Spam' });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Public edit before');
  });

  it('delete: 202, the entry still there; rejected, it stays', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Public delete' });
    const res = await anonymous().delete(`/api/articles/${documentId}`);
    expect(res.status).toBe(202);
    const id = res.body.meta.approvalRequest.id as string;
    expect(await requestRow(app, id)).toMatchObject({ operation: 'delete', targetDocumentId: documentId, requester: 'public' });
    const reject = await c.reviewer.call('post', `/approval-workflow/requests/${id}/reject`).send({ comment: 'No' });
    expect(reject.body.data.status).toBe('declined');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Public delete');
  });

  it('reads stay public and open no request', async () => {
    const { documentId } = await app.strapi.documents(ARTICLE as never).create({ data: { title: 'Readable' }, status: 'published' } as never) as { documentId: string };
    const res = await anonymous().get(`/api/articles/${documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Readable');
    expect(await requestsOf({ targetDocumentId: documentId })).toHaveLength(0);
  });
});

describe('the plugin’s request routes give the public nothing', () => {
  it('not granted to the Public role: 403 without data', async () => {
    const [pending] = await requestsOf({ requester: 'public', status: 'approved' });
    for (const path of [A, `${A}/${pending.documentId}`]) {
      const res = await anonymous().get(path);
      expect(res.status).toBe(403);
      expect(res.body.data).toBeNull();
    }
  });

  it('even when granted to the Public role: 401, no data, no cancel (there is nobody to check)', async () => {
    await c.a.grantApi(['find', 'findOne', 'cancel'].map((a) => `plugin::approval-workflow.requests.${a}`), 'public');
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Public cancel attempt' });
    const write = await anonymous().put(`/api/articles/${documentId}`).send({ data: { title: 'Changed' } });
    const id = write.body.meta.approvalRequest.id as string;
    for (const res of [await anonymous().get(A), await anonymous().get(`${A}/${id}`), await anonymous().post(`${A}/${id}/cancel`).send({})]) {
      expect(res.status).toBe(401);
      expect(res.body.data).toBeNull();
    }
    expect((await requestRow(app, id))?.status).toBe('pending');
  });
});

describe('GraphQL as the Public role', () => {
  it('createArticle: STRAPI_APPROVAL_REQUIRED_ERROR with a request by public; nothing written', async () => {
    const res = await anonymous()
      .post('/graphql')
      .send({ query: 'mutation($data: ArticleInput!) { createArticle(data: $data) { documentId } }', variables: { data: { title: 'Public GraphQL' } } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    const { id } = res.body.errors[0].extensions.error.details.approvalRequest;
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', operation: 'create', requester: 'public' });
    expect(await app.strapi.db.query(ARTICLE as never).count({ where: { title: 'Public GraphQL' } })).toBe(0);
  });
});

describe('writes outside any HTTP request (bootstrap, cron, scripts) are trusted', () => {
  it('create, update and delete through the Document Service apply directly and open no request', async () => {
    const before = (await requestsOf({})).length;
    const articles = app.strapi.documents(ARTICLE as never);
    const { documentId } = (await articles.create({ data: { title: 'By a script' } } as never)) as { documentId: string };
    expect((await row(app, ARTICLE, documentId))?.title).toBe('By a script');
    await articles.update({ documentId, data: { title: 'By a script, again' } } as never);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('By a script, again');
    await articles.delete({ documentId } as never);
    expect(await app.strapi.db.query(ARTICLE as never).count({ where: { documentId } })).toBe(0);
    expect(await requestsOf({})).toHaveLength(before);
  });
});
