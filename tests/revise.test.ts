/**
 * Issue 9, revise: the requester writes again while their own request for the same entry and
 * operation is pending. Without the header `X-Approval-Revise` the 409 says whether they may
 * revise; with it their request is revised (proposal and base replaced, approvals reset, stages
 * restarted, audited as `revised`). Nobody but the requester may revise.
 */
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, SECTION, awaitingOf, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writer: Caller;

const REVISE = 'X-Approval-Revise';

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Review then legal',
    stages: [
      { name: 'Review', criteria: 1, obligations: [{ kind: 'role', id: c.reviewersRole }] },
      { name: 'Legal review', criteria: 1, obligations: [{ kind: 'role', id: c.legalRole }] },
    ],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  await c.a.grantApi(['update', 'findOne'].map((a) => `api::article.article.${a}`));
  writer = await c.a.apiUser('reviser');
});
afterAll(async () => {
  await app.stop();
});

const auditOf = async (id: string) =>
  (await c.admin.call('get', `/approval-workflow/audit?requestId=${id}&pageSize=100`)).body.data as Array<{ action: string; details: Record<string, unknown> }>;
const detailOf = async (caller: Caller, id: string) => (await caller.call('get', `/approval-workflow/requests/${id}`)).body.data;

describe('revise over the content manager', () => {
  it('a save that only changes the title stores a proposal with only the title (the unchanged relation is dropped)', async () => {
    const section = await seedDocument(app, SECTION, { name: 'News' });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Plain', section: section.documentId });
    const save = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Plain, edited', section: { connect: [], disconnect: [] } });
    expect(save.status).toBe(400);
    const stored = await requestRow(app, save.body.error.details.approvalRequest.id);
    // (the content manager adds who saved)
    expect(stored.params).toEqual({ data: { title: 'Plain, edited', updatedBy: expect.any(Number) } });
  });

  it('resets the approvals, replaces proposal and base, and applies the revised proposal exactly once', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Original', body: 'v1' });
    const first = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Draft A' });
    const id = first.body.error.details.approvalRequest.id as string;
    const before = await requestRow(app, id);
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({ comment: 'A is fine' })).status).toBe(200);
    expect(await awaitingOf(app, id)).toEqual([c.legal.principal]);

    // Without the header: the 409 names the open request and says the requester may revise it.
    const again = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Draft B' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({
      openRequest: { id, status: 'pending', operation: 'update', uid: ARTICLE, documentId },
      revisable: true,
    });
    expect(again.body.error.message).toContain(REVISE);
    // Someone else hears the same 409, not revisable.
    const stranger = await c.legal.call('put', cm(ARTICLE, documentId)).send({ title: 'Legal edit' });
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.details.revisable).toBe(false);

    // The entry changed meanwhile (server code): the revised request's base is the entry as it is now.
    await app.strapi.documents(ARTICLE as never).update({ documentId, data: { body: 'v2' } } as never);
    const revised = await c.editor.call('put', cm(ARTICLE, documentId)).set(REVISE, id).send({ title: 'Draft B' });
    expect(revised.status).toBe(400);
    expect(revised.body.error.name).toBe('ApprovalRequiredError');
    expect(revised.body.error.message).toMatch(new RegExp(`request ${id} revised`));
    expect(revised.body.error.details.approvalRequest).toMatchObject({ id, status: 'pending' });

    const after = await requestRow(app, id);
    expect(after.params).toEqual({ data: { title: 'Draft B', updatedBy: expect.any(Number) } });
    expect(after.base.draft.body).toBe('v2');
    expect(after.baseHash).not.toBe(before.baseHash);
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Original');

    // The reviewer who approved stage 1 is awaited again; stage 2 waits.
    expect(await awaitingOf(app, id)).toEqual([c.reviewer.principal, c.reviewer2.principal].sort());
    const detail = await detailOf(c.reviewer, id);
    expect(detail.revisions).toBe(1);
    expect(detail.stages.map((s: { status: string }) => s.status)).toEqual(['active', 'waiting']);
    expect(detail.viewer).toMatchObject({ canApprove: true, reason: null });
    expect(detail.decisions).toEqual([expect.objectContaining({ kind: 'approve', comment: 'A is fine', revision: 0, superseded: true })]);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toContain('revised');
    const entry = (await auditOf(id)).find((e) => e.action === 'revised');
    expect(entry?.details).toEqual({ revision: 1, decisionsReset: 1, previousBaseHash: before.baseHash, baseHash: after.baseHash, comment: null });
    const list = await c.editor.call('get', '/approval-workflow/requests?mine=true');
    expect(list.body.data.find((r: { id: string }) => r.id === id)?.revisions).toBe(1);

    expect((await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({})).status).toBe(200);
    const done = await c.legal.call('post', `/approval-workflow/requests/${id}/approve`).send({});
    expect(done.body.data.status).toBe('approved');
    const applied = await row(app, ARTICLE, documentId);
    expect(applied).toMatchObject({ title: 'Draft B', body: 'v2' });
    const actions = (await auditOf(id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'applied')).toHaveLength(1);
    expect(actions).not.toContain('apply');
    const decisions = (await detailOf(c.editor, id)).decisions;
    expect(decisions.map((d: { superseded: boolean }) => d.superseded)).toEqual([true, false, false]);

    const verify = await c.admin.call('get', '/approval-workflow/audit/verify');
    expect(verify.body.data).toMatchObject({ valid: true });
  });

  it('refuses another user’s revise (403), a closed request (409), another entry’s request (409) and a malformed id (400)', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Guarded' });
    const open = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Mine' });
    const id = open.body.error.details.approvalRequest.id as string;

    const stranger = await c.legal.call('put', cm(ARTICLE, documentId)).set(REVISE, id).send({ title: 'Theirs' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.details.code).toBe('only-requester-can-revise');

    const other = await seedDocument(app, ARTICLE, { title: 'Elsewhere' });
    const mismatch = await c.editor.call('put', cm(ARTICLE, other.documentId)).set(REVISE, id).send({ title: 'Wrong entry' });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.details.code).toBe('revise-target-mismatch');
    expect((await requestRow(app, id)).params.data.title).toBe('Mine');

    const malformed = await c.editor.call('put', cm(ARTICLE, documentId)).set(REVISE, 'not an id!').send({ title: 'Bad' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.errors[0].path).toEqual([REVISE]);

    expect((await c.editor.call('post', `/approval-workflow/requests/${id}/cancel`).send({})).status).toBe(200);
    const closed = await c.editor.call('put', cm(ARTICLE, documentId)).set(REVISE, id).send({ title: 'Too late' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.details.code).toBe('request-closed');
    expect((await requestRow(app, id)).params.data.title).toBe('Mine');
  });
});

describe('revise over REST', () => {
  it('the same write with the header answers 202 with the revised request', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'REST original' });
    const first = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'REST A' } });
    expect(first.status).toBe(202);
    const id = first.body.meta.approvalRequest.id as string;
    const conflict = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'REST B' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.details.revisable).toBe(true);

    // Legal hands its stage-2 obligation on before the revise: the delegation stays.
    expect((await c.legal.call('post', `/approval-workflow/requests/${id}/delegate`).send({ to: c.reviewer2.id })).status).toBe(200);

    const revised = await writer.call('put', `/api/articles/${documentId}`).set(REVISE, id).send({ data: { title: 'REST B' } });
    expect(revised.status).toBe(202);
    expect(revised.body.meta.approvalRequest).toMatchObject({ id, status: 'pending', operation: 'update' });
    expect((await requestRow(app, id)).params.data).toEqual({ title: 'REST B' });
    expect((await requestRow(app, id)).state.revisions).toBe(1);
    const detail = await detailOf(c.admin, id);
    expect(detail.stages[1].obligations[0]).toMatchObject({ holder: { principal: c.reviewer2.principal }, delegatedFrom: { principal: c.legal.principal } });
    // The timeline labels the principals its details name.
    const delegated = detail.timeline.find((e: { action: string }) => e.action === 'delegated');
    expect(delegated.details).toMatchObject({ from: { principal: c.legal.principal, kind: 'admin' }, to: { principal: c.reviewer2.principal, kind: 'admin' } });
  });
});

describe('revise over GraphQL and the content manager’s publish', () => {
  it('GraphQL: the mutation with the header revises; the error says so', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'GraphQL original' });
    const mutation = 'mutation($id: ID!, $data: ArticleInput!) { updateArticle(documentId: $id, data: $data) { documentId } }';
    const first = await writer.call('post', '/graphql').send({ query: mutation, variables: { id: documentId, data: { title: 'GraphQL A' } } });
    const id = first.body.errors[0].extensions.error.details.approvalRequest.id as string;
    const revised = await writer
      .call('post', '/graphql')
      .set(REVISE, id)
      .send({ query: mutation, variables: { id: documentId, data: { title: 'GraphQL B' } } });
    const [error] = revised.body.errors;
    expect(error.extensions.code).toBe('STRAPI_APPROVAL_REQUIRED_ERROR');
    expect(error.message).toMatch(/revised/);
    expect(error.extensions.error.details.approvalRequest.id).toBe(id);
    expect((await requestRow(app, id)).params.data).toEqual({ title: 'GraphQL B' });
  });

  it('content manager publish: publishing again with the header revises the publish request', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'To publish' });
    const first = await c.editor.call('post', cm(ARTICLE, documentId, 'publish')).send({ title: 'Published A' });
    const id = first.body.error.details.approvalRequest.id as string;
    expect((await requestRow(app, id)).operation).toBe('publish');
    const conflict = await c.editor.call('post', cm(ARTICLE, documentId, 'publish')).send({ title: 'Published B' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.details).toMatchObject({ openRequest: { id, operation: 'publish' }, revisable: true });
    const revised = await c.editor.call('post', cm(ARTICLE, documentId, 'publish')).set(REVISE, id).send({ title: 'Published B' });
    expect(revised.status).toBe(400);
    expect(revised.body.error.details.approvalRequest).toMatchObject({ id, operation: 'publish' });
    expect((await requestRow(app, id)).params.data.title).toBe('Published B');
    expect((await requestRow(app, id)).state.revisions).toBe(1);
  });
});
