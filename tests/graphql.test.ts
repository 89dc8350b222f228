/**
 * Approval requests over GraphQL (the graphql plugin is installed and enabled in this app): the
 * queries and mutations mirror the content-API routes — the same services, the same permissions
 * (users-permissions actions, API tokens), the same messages, with GraphQL's error codes.
 */
import request from 'supertest';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import { PASSWORD, type Caller } from './helpers/actors';
import { ARTICLE, awaitingOf, cast, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writer: Caller;
let approver: Caller;
let approver2: Caller;
let outsider: Caller;

const REST = '/api/approval-workflow/requests';
const ARTICLE_ACTIONS = ['update', 'find', 'findOne'].map((a) => `api::article.article.${a}`);
const PLUGIN_ACTIONS = ['find', 'findOne', 'approve', 'reject', 'cancel', 'delegate'].map((a) => `plugin::approval-workflow.requests.${a}`);

interface GraphqlError {
  message: string;
  extensions: { code: string; error?: { name: string; message: string; details: Record<string, unknown> } };
}
interface GraphqlAnswer {
  data: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

const gql = async (caller: Caller | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => {
  const req = caller ? caller.call('post', '/graphql') : request(app.server).post('/graphql');
  const res = await req.send({ query, variables });
  expect(res.status).toBe(200);
  return res.body as GraphqlAnswer;
};

/** The one error of an answer, with its code. */
const errorOf = (answer: GraphqlAnswer, code: string) => {
  expect(answer.errors).toHaveLength(1);
  const [error] = answer.errors ?? [];
  expect(error.extensions.code).toBe(code);
  return error;
};

const LIST = `query($filters: ApprovalRequestFiltersInput, $pagination: ApprovalPaginationInput) {
  approvalRequests(filters: $filters, pagination: $pagination) {
    data { id status operation uid documentId locale urgent title awaitingMe requester { principal kind } template { id name } }
    meta { pagination { page pageSize pageCount total } }
  }
}`;
const GET = `query($id: ID!) {
  approvalRequest(id: $id) {
    id status operation uid documentId title urgent securityLevel
    requester { principal kind name }
    template { id version name }
    stages { index name status required obligations { id status holder { principal } } }
    decisions { kind by { principal } comment }
    diff
    viewer { canApprove canReject canCancel canDelegate reason }
    createdAt
  }
}`;
const SUMMARY = 'id status operation uid documentId locale urgent';
const APPROVE = `mutation($id: ID!, $comment: String, $password: String) { approveApprovalRequest(id: $id, comment: $comment, password: $password) { ${SUMMARY} } }`;
const REJECT = `mutation($id: ID!, $comment: String) { rejectApprovalRequest(id: $id, comment: $comment) { ${SUMMARY} } }`;
const CANCEL = `mutation($id: ID!, $comment: String) { cancelApprovalRequest(id: $id, comment: $comment) { ${SUMMARY} } }`;
const DELEGATE = `mutation($id: ID!, $to: String!, $comment: String) { delegateApprovalRequest(id: $id, to: $to, comment: $comment) { ${SUMMARY} } }`;

/** A users-permissions user of a role of its own that holds only these actions, logged in. */
const userInOwnRole = async (name: string, actions: string[]): Promise<Caller> => {
  const { strapi } = app;
  const role = await strapi.db.query('plugin::users-permissions.role').create({ data: { name, description: name, type: name.toLowerCase() } });
  for (const action of actions) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: name.toLowerCase(),
    email: `${name.toLowerCase()}@example.test`,
    password: PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  const res = await request(app.server).post('/api/auth/local').send({ identifier: name.toLowerCase(), password: PASSWORD });
  expect(res.status).toBe(200);
  return { principal: `user:${user.id}`, id: user.id, token: res.body.jwt, call: (method, path) => request(app.server)[method](path).set('Authorization', `Bearer ${res.body.jwt}`) };
};

let templateId: string;

/** The writer proposes a new title for a fresh article (REST, 202): the request id. */
const propose = async (title: string, by: Caller = writer) => {
  const { documentId } = await seedDocument(app, ARTICLE, { title: `${title} (before)` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await by.call('put', `/api/articles/${documentId}`).send({ data: { title } });
  expect(res.status).toBe(202);
  return { id: res.body.meta.approvalRequest.id as string, documentId };
};

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  await c.a.grantApi([...ARTICLE_ACTIONS, ...PLUGIN_ACTIONS]);
  [writer, approver, approver2] = await Promise.all([c.a.apiUser('gqlwriter'), c.a.apiUser('gqlapprover'), c.a.apiUser('gqlapprovertwo')]);
  outsider = await userInOwnRole('Outsiders', ARTICLE_ACTIONS);
  templateId = await createTemplate(c.admin, {
    name: 'A content-API user approves',
    stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: approver.principal }] }],
  });
});
afterAll(async () => {
  await app.stop();
});

describe('queries', () => {
  it('approvalRequests(filters: { awaitingMe: true }) lists what awaits the approver, as the REST list', async () => {
    const { id, documentId } = await propose('Awaiting the approver');
    const answer = await gql(approver, LIST, { filters: { awaitingMe: true }, pagination: { page: 1, pageSize: 10 } });
    expect(answer.errors).toBeUndefined();
    const list = answer.data?.approvalRequests as { data: Array<Record<string, unknown>>; meta: { pagination: Record<string, number> } };
    expect(list.data).toEqual([
      {
        id,
        status: 'pending',
        operation: 'update',
        uid: ARTICLE,
        documentId,
        locale: null,
        urgent: false,
        title: 'Awaiting the approver',
        awaitingMe: true,
        requester: { principal: writer.principal, kind: 'user' },
        template: { id: templateId, name: 'A content-API user approves' },
      },
    ]);
    expect(list.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 1 });

    // The same page as REST's ?awaiting=me.
    const rest = await approver.call('get', `${REST}?awaiting=me&pageSize=10`);
    expect(rest.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(rest.body.meta).toEqual(list.meta);

    // The writer waits for nobody's decision but their own request shows with mine: true.
    expect(((await gql(writer, LIST, { filters: { awaitingMe: true } })).data?.approvalRequests as { data: unknown[] }).data).toEqual([]);
    const mine = (await gql(writer, LIST, { filters: { mine: true, documentId } })).data?.approvalRequests as { data: Array<{ id: string }> };
    expect(mine.data.map((r) => r.id)).toEqual([id]);
  });

  it('approvalRequest(id) answers the detail: stages with obligations, diff, what the viewer may do', async () => {
    const { id, documentId } = await propose('Detail title');
    const answer = await gql(approver, GET, { id });
    expect(answer.errors).toBeUndefined();
    const detail = answer.data?.approvalRequest as Record<string, unknown>;
    expect(detail).toMatchObject({
      id,
      status: 'pending',
      operation: 'update',
      uid: ARTICLE,
      documentId,
      title: 'Detail title',
      securityLevel: 'simple',
      requester: { principal: writer.principal, kind: 'user' },
      template: { id: templateId, version: 1, name: 'A content-API user approves' },
      stages: [{ index: 0, name: 'Review', status: 'active', required: 1, obligations: [{ id: expect.any(String), status: 'open', holder: { principal: approver.principal } }] }],
      decisions: [],
      viewer: { canApprove: true, canReject: true, canCancel: false, canDelegate: true, reason: null },
    });
    expect(detail.diff).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'title', type: 'string', after: 'Detail title' })]));
    // Exactly the REST detail's fields.
    const rest = await approver.call('get', `${REST}/${id}`);
    expect(rest.body.data).toMatchObject({ ...detail, createdAt: detail.createdAt });
  });
});

describe('mutations', () => {
  it('approveApprovalRequest with a comment: approved, the decision stored, the change applied', async () => {
    const { id, documentId } = await propose('Approved over GraphQL');
    const answer = await gql(approver, APPROVE, { id, comment: 'Looks right' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.approveApprovalRequest).toEqual({ id, status: 'approved', operation: 'update', uid: ARTICLE, documentId, locale: null, urgent: false });
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', openKey: null });
    const decisions = await app.strapi.db.query(UID.decision as never).findMany({ where: { requestId: id } });
    expect(decisions).toEqual([expect.objectContaining({ kind: 'approve', by: approver.principal, comment: 'Looks right' })]);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Approved over GraphQL');

    // Deciding again: the REST conflict, as CONFLICT with the same message.
    const again = errorOf(await gql(approver, APPROVE, { id }), 'CONFLICT');
    const rest = await approver.call('post', `${REST}/${id}/approve`).send({});
    expect(rest.status).toBe(409);
    expect(again.message).toBe(rest.body.error.message);
  });

  it('rejectApprovalRequest: declined, the entry unchanged', async () => {
    const { id, documentId } = await propose('Rejected over GraphQL');
    const answer = await gql(approver, REJECT, { id, comment: 'No' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.rejectApprovalRequest).toMatchObject({ id, status: 'declined' });
    expect(await requestRow(app, id)).toMatchObject({ status: 'declined' });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Rejected over GraphQL (before)');
  });

  it('cancelApprovalRequest by the requester: cancelled; by the approver: FORBIDDEN with the REST message', async () => {
    const { id } = await propose('Cancelled over GraphQL');
    const refused = errorOf(await gql(approver, CANCEL, { id }), 'FORBIDDEN');
    const rest = await approver.call('post', `${REST}/${id}/cancel`).send({});
    expect(rest.status).toBe(403);
    expect(refused.message).toBe(rest.body.error.message);
    expect(refused.extensions.error).toEqual({ name: rest.body.error.name, message: rest.body.error.message, details: rest.body.error.details });

    const answer = await gql(writer, CANCEL, { id, comment: 'Not needed' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.cancelApprovalRequest).toMatchObject({ id, status: 'cancelled' });
    expect(await requestRow(app, id)).toMatchObject({ status: 'cancelled', reason: 'Not needed' });
  });

  it('delegateApprovalRequest to another content-API user: they hold the obligation', async () => {
    const { id } = await propose('Delegated over GraphQL');
    const answer = await gql(approver, DELEGATE, { id, to: approver2.principal, comment: 'On leave' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.delegateApprovalRequest).toMatchObject({ id, status: 'pending' });
    expect(await awaitingOf(app, id)).toEqual([approver2.principal]);
    const queue = (await gql(approver2, LIST, { filters: { awaitingMe: true } })).data?.approvalRequests as { data: Array<{ id: string }> };
    expect(queue.data.map((r) => r.id)).toContain(id);
  });
});

describe('refusals', () => {
  it('bad input: BAD_USER_INPUT with the REST message and the fields in details', async () => {
    const { id } = await propose('Bad input');
    const long = 'x'.repeat(5001);
    const tooLong = errorOf(await gql(approver, APPROVE, { id, comment: long }), 'BAD_USER_INPUT');
    const rest = await approver.call('post', `${REST}/${id}/approve`).send({ comment: long });
    expect(rest.status).toBe(400);
    expect(tooLong.message).toBe(rest.body.error.message);
    expect(tooLong.extensions.error?.details).toEqual(rest.body.error.details);

    const status = errorOf(await gql(approver, LIST, { filters: { status: 'sleeping' } }), 'BAD_USER_INPUT');
    expect(status.message).toBe((await approver.call('get', `${REST}?status=sleeping`)).body.error.message);
    const page = errorOf(await gql(approver, LIST, { pagination: { pageSize: 1000 } }), 'BAD_USER_INPUT');
    expect(page.message).toBe((await approver.call('get', `${REST}?pageSize=1000`)).body.error.message);
    const to = errorOf(await gql(approver, DELEGATE, { id, to: 'nobody' }), 'BAD_USER_INPUT');
    expect(to.message).toBe((await approver.call('post', `${REST}/${id}/delegate`).send({ to: 'nobody' })).body.error.message);
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });
  });

  it('an unknown id: NOT_FOUND with the REST message', async () => {
    const get = errorOf(await gql(approver, GET, { id: 'nosuchrequest' }), 'NOT_FOUND');
    const rest = await approver.call('get', `${REST}/nosuchrequest`);
    expect(rest.status).toBe(404);
    expect(get.message).toBe(rest.body.error.message);
    errorOf(await gql(approver, APPROVE, { id: 'nosuchrequest' }), 'NOT_FOUND');
  });

  it('a user whose role lacks the actions, and an anonymous caller: FORBIDDEN, nothing decided', async () => {
    const { id } = await propose('Outsider');
    for (const caller of [outsider, null]) {
      // Strapi's own refusal of a resolver outside the caller's permissions.
      expect(errorOf(await gql(caller, LIST), 'FORBIDDEN').message).toBe('Forbidden access');
      errorOf(await gql(caller, GET, { id }), 'FORBIDDEN');
      errorOf(await gql(caller, APPROVE, { id }), 'FORBIDDEN');
      errorOf(await gql(caller, DELEGATE, { id, to: approver2.principal }), 'FORBIDDEN');
    }
    // The REST answer for the same user.
    expect((await outsider.call('get', REST)).status).toBe(403);
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });
  });

  it('a content-API user not party to a request: FORBIDDEN with the reason, as REST', async () => {
    const { id } = await propose('Not a party');
    const refused = errorOf(await gql(approver2, GET, { id }), 'FORBIDDEN');
    expect(refused.message).toBe((await approver2.call('get', `${REST}/${id}`)).body.error.message);
  });
});

describe('API tokens', () => {
  it('a custom token with the actions lists its own requests and cancels one; without the action: FORBIDDEN', async () => {
    const token = await c.a.apiToken([...ARTICLE_ACTIONS, 'plugin::approval-workflow.requests.find', 'plugin::approval-workflow.requests.cancel']);
    const { id } = await propose('By a token', token);
    expect((await requestRow(app, id))?.requester).toBe(token.principal);

    const mine = (await gql(token, LIST, { filters: { mine: true } })).data?.approvalRequests as { data: Array<{ id: string; requester: { principal: string; kind: string } }> };
    expect(mine.data).toEqual([expect.objectContaining({ id, requester: { principal: token.principal, kind: 'token' } })]);
    // findOne is not among its permissions.
    errorOf(await gql(token, GET, { id }), 'FORBIDDEN');

    const cancelled = await gql(token, CANCEL, { id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelApprovalRequest).toMatchObject({ id, status: 'cancelled' });
  });

  it('a full-access token reads and decides like the REST routes allow it (not a party: FORBIDDEN)', async () => {
    const token = await c.a.apiToken();
    const { id } = await propose('Full access');
    errorOf(await gql(token, APPROVE, { id }), 'FORBIDDEN');
    const list = (await gql(token, LIST)).data?.approvalRequests as { data: unknown[] };
    expect(list.data).toEqual([]);
  });
});
