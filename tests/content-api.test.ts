/**
 * The content API as integrators use it: REST writes by users-permissions users and API tokens on
 * managed content answer 202 with the request; the plugin's content-API routes let requesters and
 * approvers who are content-API users follow, decide and cancel; GraphQL answers with a stable code.
 */
import request from 'supertest';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast, awaitingOf } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writer: Caller;
let templateId: string;

const q = (uid: string) => app.strapi.db.query(uid as never);

const A = '/api/approval-workflow/requests';
const ARTICLE_ACTIONS = ['create', 'update', 'delete', 'find', 'findOne'].map((a) => `api::article.article.${a}`);
const PLUGIN_ACTIONS = ['find', 'findOne', 'approve', 'reject', 'cancel', 'delegate'].map((a) => `plugin::approval-workflow.requests.${a}`);

const requestsFor = (where: Record<string, unknown>) => q(UID.request).findMany({ where }) as Promise<Array<Record<string, unknown>>>;

/** The 202 body of an intercepted REST write, checked whole. */
const expectAccepted = (body: Record<string, unknown>, expected: { operation: string; uid: string; documentId: string | null }) => {
  expect(body).toEqual({
    data: null,
    meta: {
      approvalRequest: { id: expect.any(String), status: 'pending', locale: null, urgent: false, ...expected },
      approvalRequests: [expect.objectContaining({ status: 'pending', ...expected })],
    },
  });
  return (body.meta as { approvalRequest: { id: string } }).approvalRequest.id;
};

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  templateId = await createTemplate(c.admin, {
    name: 'Reviewers approve',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  await c.a.grantApi([...ARTICLE_ACTIONS, ...PLUGIN_ACTIONS, 'api::section.section.create', 'api::section.section.update', 'api::section.section.delete']);
  writer = await c.a.apiUser('writer');
});
afterAll(async () => {
  await app.stop();
});

describe('REST writes by a users-permissions user', () => {
  it('create on a managed collection: 202 with the request, nothing written', async () => {
    const res = await writer.call('post', '/api/articles').send({ data: { title: 'REST create' } });
    expect(res.status).toBe(202);
    const id = expectAccepted(res.body, { operation: 'create', uid: ARTICLE, documentId: null });
    expect(await q(ARTICLE).count({ where: { title: 'REST create' } })).toBe(0);
    const stored = await requestRow(app, id);
    expect(stored).toMatchObject({ status: 'pending', operation: 'create', uid: ARTICLE, requester: writer.principal, params: { data: { title: 'REST create' } } });
  });

  it('create with ?status=published: 202, nothing written; approved, it is created and published', async () => {
    const res = await writer.call('post', '/api/articles?status=published').send({ data: { title: 'REST published' } });
    expect(res.status).toBe(202);
    const id = expectAccepted(res.body, { operation: 'create', uid: ARTICLE, documentId: null });
    expect(await q(ARTICLE).count({ where: { title: 'REST published' } })).toBe(0);
    expect((await requestRow(app, id))?.params).toEqual({ data: { title: 'REST published' }, status: 'published' });

    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    const documentId = approve.body.data.documentId as string;
    expect((await row(app, ARTICLE, documentId, true))?.title).toBe('REST published');
    expect(await q(ARTICLE).count({ where: { title: 'REST published' } })).toBe(2);
  });

  it('update on a managed collection: 202, the entry unchanged; the comment header is kept', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Before' });
    const res = await writer
      .call('put', `/api/articles/${documentId}`)
      .set('X-Approval-Comment', encodeURIComponent('Fix the title, please'))
      .send({ data: { title: 'After' } });
    expect(res.status).toBe(202);
    const id = expectAccepted(res.body, { operation: 'update', uid: ARTICLE, documentId });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Before');
    expect(await requestRow(app, id)).toMatchObject({ targetDocumentId: documentId, comment: 'Fix the title, please', openKey: expect.any(String) });
  });

  it('an approved REST update is applied as REST applies it: draft and published version', async () => {
    const { documentId } = await app.strapi.documents(ARTICLE as never).create({ data: { title: 'Live' }, status: 'published' } as never) as { documentId: string };
    const res = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'Live, corrected' } });
    expect(res.status).toBe(202);
    const id = res.body.meta.approvalRequest.id as string;
    expect((await row(app, ARTICLE, documentId, true))?.title).toBe('Live');
    // The approver sees what goes live: the published version's title changes.
    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.diff).toEqual([{ path: 'title', labels: ['title'], type: 'string', kind: 'changed', before: 'Live', after: 'Live, corrected' }]);
    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Live, corrected');
    expect((await row(app, ARTICLE, documentId, true))?.title).toBe('Live, corrected');
  });

  it('delete on a managed collection: 202, the entry still there', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Keep' });
    const res = await writer.call('delete', `/api/articles/${documentId}`);
    expect(res.status).toBe(202);
    const id = expectAccepted(res.body, { operation: 'delete', uid: ARTICLE, documentId });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Keep');
    expect((await requestRow(app, id))?.status).toBe('pending');
  });

  it('a second update of the same entry while one is open: 409 pointing to the open one', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Contested' });
    const first = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'First' } });
    const other = await c.a.apiUser('other');
    const second = await other.call('put', `/api/articles/${documentId}`).send({ data: { title: 'Second' } });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ name: 'ConflictError', details: { openRequest: { id: first.body.meta.approvalRequest.id, operation: 'update', documentId } } });
    expect(await requestsFor({ targetDocumentId: documentId })).toHaveLength(1);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Contested');
  });

  it('an unmanaged type answers as usual (201 / 200) and opens no request', async () => {
    const created = await writer.call('post', '/api/sections').send({ data: { name: 'Unmanaged' } });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect(created.body.data).toMatchObject({ name: 'Unmanaged' });
    expect((await row(app, SECTION, documentId, true))?.name).toBe('Unmanaged');

    const updated = await writer.call('put', `/api/sections/${documentId}`).send({ data: { name: 'Unmanaged, renamed' } });
    expect(updated.status).toBe(200);
    expect((await row(app, SECTION, documentId, true))?.name).toBe('Unmanaged, renamed');

    const removed = await writer.call('delete', `/api/sections/${documentId}`);
    expect(removed.status).toBe(204);
    expect(await q(SECTION).count({ where: { documentId } })).toBe(0);
    expect(await requestsFor({ uid: SECTION })).toHaveLength(0);
  });
});

describe('the plugin’s content-API routes', () => {
  it('the requester lists ?mine=true, reads one and cancels it', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Mine' });
    const write = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'Mine, edited' } });
    const id = write.body.meta.approvalRequest.id as string;

    const list = await writer.call('get', `${A}?mine=true&pageSize=100`);
    expect(list.status).toBe(200);
    const mine = (await requestsFor({ requester: writer.principal })).map((r) => r.documentId);
    expect(list.body.data.map((r: { id: string }) => r.id).sort()).toEqual([...mine].sort());
    expect(list.body.data.every((r: { requester: { principal: string } }) => r.requester.principal === writer.principal)).toBe(true);
    expect(list.body.meta.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, total: mine.length });

    const one = await writer.call('get', `${A}/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({
      id,
      status: 'pending',
      operation: 'update',
      documentId,
      viewer: { canApprove: false, canCancel: true },
    });
    // A REST update publishes: this draft-only article would go live with the new title.
    expect(one.body.data.diff).toEqual(expect.arrayContaining([{ path: 'title', labels: ['title'], type: 'string', kind: 'added', before: undefined, after: 'Mine, edited' }]));
    expect(one.body.data.diff.map((d: { path: string }) => d.path)).not.toContain('documentId');

    const cancel = await writer.call('post', `${A}/${id}/cancel`).send({ comment: 'Not needed' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.data).toMatchObject({ id, status: 'cancelled' });
    expect(await requestRow(app, id)).toMatchObject({ status: 'cancelled', openKey: null, reason: 'Not needed' });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Mine');
  });

  it('an approver who is a content-API user sees ?awaiting=me and approves: applied', async () => {
    const approver = await c.a.apiUser('apiapprover');
    const own = await createTemplate(c.admin, { name: 'API user approves', stages: [{ name: 'One', obligations: [{ kind: 'user', principal: approver.principal }] }] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Needs the API approver' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId: own });

    const write = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'Approved over the API' } });
    expect(write.status).toBe(202);
    const id = write.body.meta.approvalRequest.id as string;

    const queue = await approver.call('get', `${A}?awaiting=me`);
    expect(queue.status).toBe(200);
    expect(queue.body.data).toEqual([expect.objectContaining({ id, awaitingMe: true })]);
    expect((await writer.call('get', `${A}?awaiting=me`)).body.data).toEqual([]);

    const approve = await approver.call('post', `${A}/${id}/approve`).send({ comment: 'Go' });
    expect(approve.status).toBe(200);
    expect(approve.body.data).toMatchObject({ id, status: 'approved', documentId });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Approved over the API');
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', openKey: null });
    expect(await awaitingOf(app, id)).toEqual([]);
    const decisions = await q(UID.decision).findMany({ where: { requestId: id } });
    expect(decisions).toEqual([expect.objectContaining({ kind: 'approve', by: approver.principal, comment: 'Go' })]);
  });
});

describe('API tokens', () => {
  it('a full-access token’s write answers 202; the requester is token:<id>', async () => {
    const token = await c.a.apiToken();
    const res = await token.call('post', '/api/articles').send({ data: { title: 'By a token' } });
    expect(res.status).toBe(202);
    const id = expectAccepted(res.body, { operation: 'create', uid: ARTICLE, documentId: null });
    expect(await q(ARTICLE).count({ where: { title: 'By a token' } })).toBe(0);
    expect((await requestRow(app, id))?.requester).toBe(`token:${token.id}`);
    expect(token.principal).toBe(`token:${token.id}`);

    const list = await token.call('get', `${A}?mine=true`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id, requester: expect.objectContaining({ principal: token.principal }) })]);
  });

  it('an admin token acts as its owner: an editor’s token writing in the content manager opens a request by admin:<owner>', async () => {
    const owner = await app.strapi.db.query('admin::user').findOne({ where: { id: c.editor.id }, populate: ['roles'] });
    const permissions = await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: c.editorRole } } });
    const token = await app.strapi.service('admin::api-token-admin').create(
      {
        name: 'Editor admin token',
        description: 'acts as the editor',
        kind: 'admin',
        lifespan: null,
        adminPermissions: permissions.map((p: Record<string, unknown>) => ({ action: p.action, subject: p.subject, properties: p.properties, conditions: p.conditions })),
      },
      owner
    );
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Admin token before' });
    const res = await request(app.server)
      .put(cm(ARTICLE, documentId))
      .set('Authorization', `Bearer ${token.accessKey}`)
      .send({ title: 'Admin token after' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ApprovalRequiredError');
    const id = res.body.error.details.approvalRequest.id as string;
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', requester: c.editor.principal });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Admin token before');
  });

  it('a full-access token’s update of an unmanaged type applies directly', async () => {
    const token = await c.a.apiToken();
    const { documentId } = await seedDocument(app, SECTION, { name: 'Token section' });
    const res = await token.call('put', `/api/sections/${documentId}`).send({ data: { name: 'Token section, renamed' } });
    expect(res.status).toBe(200);
    expect((await row(app, SECTION, documentId, true))?.name).toBe('Token section, renamed');
    expect(await requestsFor({ requester: token.principal })).toHaveLength(0);
  });
});

describe('GraphQL', () => {
  const graphql = (caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
    caller.call('post', '/graphql').send({ query, variables });

  it('createArticle on the managed collection: STRAPI_APPROVAL_REQUIRED_ERROR with the request; nothing written', async () => {
    const res = await graphql(writer, 'mutation($data: ArticleInput!) { createArticle(data: $data) { documentId title } }', { data: { title: 'By GraphQL' } });
    expect(res.status).toBe(200);
    expect(res.body.data?.createArticle ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    const [error] = res.body.errors;
    expect(error.extensions.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    const approvalRequest = error.extensions.error.details.approvalRequest;
    expect(approvalRequest).toMatchObject({ id: expect.any(String), status: 'pending', operation: 'create', uid: ARTICLE });
    expect(await requestRow(app, approvalRequest.id)).toMatchObject({ status: 'pending', operation: 'create', requester: writer.principal, params: { data: { title: 'By GraphQL' } } });
    expect(await q(ARTICLE).count({ where: { title: 'By GraphQL' } })).toBe(0);
  });

  it('updateArticle on the managed collection: the same error; the entry unchanged', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'GraphQL before' });
    const res = await graphql(
      writer,
      'mutation($id: ID!, $data: ArticleInput!) { updateArticle(documentId: $id, data: $data) { documentId title } }',
      { id: documentId, data: { title: 'GraphQL after' } }
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    const approvalRequest = res.body.errors[0].extensions.error.details.approvalRequest;
    expect(approvalRequest).toMatchObject({ operation: 'update', uid: ARTICLE, documentId });
    expect(await requestRow(app, approvalRequest.id)).toMatchObject({ status: 'pending', targetDocumentId: documentId, requester: writer.principal });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('GraphQL before');

    // Approved, the GraphQL proposal is applied.
    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${approvalRequest.id}/approve`).send({});
    expect(approve.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('GraphQL after');
  });

  it('deleteArticle on the managed collection: the same error; the entry still there', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'GraphQL keep' });
    const res = await graphql(writer, 'mutation($id: ID!) { deleteArticle(documentId: $id) { documentId } }', { id: documentId });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    const approvalRequest = res.body.errors[0].extensions.error.details.approvalRequest;
    expect(await requestRow(app, approvalRequest.id)).toMatchObject({ status: 'pending', operation: 'delete', targetDocumentId: documentId });
    expect(await q(ARTICLE).count({ where: { documentId } })).toBe(1);
  });

  it('a mutation on an unmanaged type goes through', async () => {
    const res = await graphql(writer, 'mutation($data: SectionInput!) { createSection(data: $data) { documentId name } }', { data: { name: 'GraphQL section' } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createSection).toMatchObject({ name: 'GraphQL section' });
    expect((await row(app, SECTION, res.body.data.createSection.documentId, true))?.name).toBe('GraphQL section');
  });
});
