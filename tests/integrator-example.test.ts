/**
 * The integrator example (examples/integrator) against the running app over real HTTP: a
 * users-permissions approver lists what awaits them and approves with a comment, over REST with
 * @strapi/client and over GraphQL with fetch; an API token without the action is refused.
 */
import type { AddressInfo } from 'node:net';
import { approve, approveGraphql, listAwaitingMe, listAwaitingMeGraphql, type Connection } from '../examples/integrator';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let url: string;
let writer: Caller;
let approver: Caller;
let templateId: string;

const propose = async (title: string) => {
  const { documentId } = await seedDocument(app, ARTICLE, { title: `${title} (before)` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title } });
  expect(res.status).toBe(202);
  return { id: res.body.meta.approvalRequest.id as string, documentId };
};

const decisionsOf = (id: string) => app.strapi.db.query(UID.decision as never).findMany({ where: { requestId: id } });

beforeAll(async () => {
  app = await startApp();
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  c = await cast(app);
  await c.a.grantApi(['api::article.article.update', 'plugin::approval-workflow.requests.find', 'plugin::approval-workflow.requests.approve']);
  [writer, approver] = await Promise.all([c.a.apiUser('exwriter'), c.a.apiUser('exapprover')]);
  templateId = await createTemplate(c.admin, { name: 'The integration approves', stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: approver.principal }] }] });
});
afterAll(async () => {
  await app.stop();
});

describe('REST with @strapi/client', () => {
  it('lists what awaits the approver and approves one with a comment', async () => {
    const { id, documentId } = await propose('Approved by the REST example');
    const connection: Connection = { url, token: approver.token };
    const { data, meta } = await listAwaitingMe(connection);
    expect(data.map((item) => item.id)).toEqual([id]);
    expect(data[0]).toMatchObject({ awaitingMe: true, title: 'Approved by the REST example', requester: { principal: writer.principal } });
    expect(meta.pagination.total).toBe(1);

    expect(await approve(connection, id, 'Checked by the integration')).toMatchObject({ id, status: 'approved', documentId });
    expect(await decisionsOf(id)).toEqual([expect.objectContaining({ kind: 'approve', by: approver.principal, comment: 'Checked by the integration' })]);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Approved by the REST example');
    expect((await listAwaitingMe(connection)).data).toEqual([]);
  });

  it('a refusal is an error with Strapi’s message: the requester cannot approve; a token without the action gets a 403', async () => {
    const { id } = await propose('Refused by the REST example');
    const rest = await writer.call('post', `/api/approval-workflow/requests/${id}/approve`).send({ comment: 'Mine' });
    await expect(approve({ url, token: writer.token }, id, 'Mine')).rejects.toThrow(`403 ${rest.body.error.message}`);
    const token = await c.a.apiToken(['plugin::approval-workflow.requests.find']);
    await expect(approve({ url, token: token.token }, id, 'No')).rejects.toThrow(/^403 Forbidden$/);
    expect((await listAwaitingMe({ url, token: token.token })).data).toEqual([]);
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });
  });
});

describe('GraphQL with fetch', () => {
  it('lists what awaits the approver and approves one with a comment', async () => {
    const { id, documentId } = await propose('Approved by the GraphQL example');
    const connection: Connection = { url, token: approver.token };
    const { data, meta } = await listAwaitingMeGraphql(connection, 10);
    // The REST refusal above left one pending too.
    expect(data).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, awaitingMe: true, title: 'Approved by the GraphQL example', requester: expect.objectContaining({ principal: writer.principal }) })])
    );
    expect(meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: data.length });

    expect(await approveGraphql(connection, id, 'Fine by GraphQL')).toMatchObject({ id, status: 'approved', documentId });
    expect(await decisionsOf(id)).toEqual([expect.objectContaining({ kind: 'approve', by: approver.principal, comment: 'Fine by GraphQL' })]);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Approved by the GraphQL example');
  });

  it('a refusal is an error with its GraphQL code', async () => {
    await expect(approveGraphql({ url, token: approver.token }, 'nosuchrequest', 'x')).rejects.toThrow(/^NOT_FOUND /);
    const token = await c.a.apiToken(['plugin::approval-workflow.requests.find']);
    await expect(approveGraphql({ url, token: token.token }, 'nosuchrequest', 'x')).rejects.toThrow(/^FORBIDDEN /);
  });
});
