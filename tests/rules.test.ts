/**
 * The approval rules as their users live them, through the real HTTP routes: seed 003's stages
 * and fulfillment criteria, seed 002's owner rules, seed 001's urgent (post-approval) requests,
 * the password security level, delegation, the rejection policy and the requester's comment.
 * Every scenario checks the HTTP answers and what the database holds afterwards.
 */
import { ACTIONS } from '../src/plugins/approval-workflow/shared/constants';
import { startApp, type TestApp } from './helpers/app';
import { PASSWORD, type Caller } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast, awaitingOf } from './helpers/fixtures';


const REQUEST = 'plugin::approval-workflow.request';
const DECISION = 'plugin::approval-workflow.decision';

let app: TestApp;
let c: Cast;
/** Authors: admins who write articles in the content manager and may decide requests (owners in seed 002). */
let authorsRole: number;

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const fields = Object.keys(app.strapi.contentTypes[ARTICLE as keyof typeof app.strapi.contentTypes].attributes);
  authorsRole = await c.a.adminRole('Authors', [
    ACTIONS.readRequests,
    ACTIONS.decide,
    ...['create', 'read', 'update'].map((action) => ({ action: `plugin::content-manager.explorer.${action}`, subject: ARTICLE, properties: { fields } })),
  ]);
});
afterAll(async () => {
  await app.stop();
});

/** A database row or an HTTP body, read loosely. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows and bodies are checked by the assertions
type Res = { status: number; body: Loose };

const db = (uid: string) => app.strapi.db.query(uid as never);
const decisionsOf = (requestId: string) =>
  db(DECISION).findMany({ where: { requestId }, orderBy: { id: 'asc' } }) as Promise<Loose[]>;
const stateOf = async (requestId: string) => (await requestRow(app, requestId)).state as { status: string; stages: Loose[] };
const stageStatuses = async (requestId: string) => (await stateOf(requestId)).stages.map((stage) => stage.status);
const title = async (documentId: string) => (await row(app, ARTICLE, documentId))?.title;

/** The id of the request an editor's content-manager write opened (the write answers 400 ApprovalRequiredError). */
const requestIdOf = (res: Res) => {
  if (res.status !== 400 || res.body?.error?.name !== 'ApprovalRequiredError') {
    throw new Error(`expected an approval request, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.error.details.approvalRequest.id as string;
};

const user = (caller: Caller) => ({ kind: 'user', principal: caller.principal });
const approve = (caller: Caller, id: string, body: Record<string, unknown> = {}) =>
  caller.call('post', `/approval-workflow/requests/${id}/approve`).send(body);
const reject = (caller: Caller, id: string, body: Record<string, unknown> = {}) =>
  caller.call('post', `/approval-workflow/requests/${id}/reject`).send(body);
const delegate = (caller: Caller, id: string, body: Record<string, unknown>) =>
  caller.call('post', `/approval-workflow/requests/${id}/delegate`).send(body);

/** An article managed as an entry under a new template built from `rule`. */
const guardedArticle = async (rule: Record<string, unknown>, data: Record<string, unknown> = {}) => {
  const templateId = await createTemplate(c.admin, rule);
  const { documentId } = await seedDocument(app, ARTICLE, { title: 'Original', ...data });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  return { templateId, documentId };
};

/** The editor proposes a new title for an article in the content manager. */
const propose = async (documentId: string, newTitle: string, headers: Record<string, string> = {}) => {
  const req = c.editor.call('put', cm(ARTICLE, documentId));
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return requestIdOf(await req.send({ title: newTitle }));
};

/** A decision the engine refuses: its status, and details that name the reason and nothing of the engine's state. */
const expectRefused = (res: Res, status: number, code: string) => {
  expect({ status: res.status, details: res.body?.error?.details }).toEqual({ status, details: { code } });
};

describe('seed 003: stages, obligations and fulfillment criteria', () => {
  let groupA: string;
  let members: Caller[];

  beforeAll(async () => {
    members = await Promise.all(['alpha', 'bravo', 'charlie'].map((name) => c.a.admin([c.reviewersRole], name)));
    const group = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Group A', members: members.map((m) => m.principal) });
    if (group.status !== 201) throw new Error(JSON.stringify(group.body));
    groupA = group.body.data.id;
  });

  it('“at least 2 users out of group A”, then “all”: one approval leaves stage 1 active, the second starts stage 2, both of stage 2 must approve', async () => {
    const [g1, g2, g3] = members;
    const { documentId } = await guardedArticle({
      name: 'Two of group A, then all of legal',
      stages: [
        { name: 'Group A', criteria: 2, obligations: [{ kind: 'group', id: groupA }] },
        { name: 'Legal, all', criteria: 0, obligations: [user(c.legal), user(c.reviewer2)] },
      ],
    });
    const id = await propose(documentId, 'Approved by the rule');

    const detail = await c.editor.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.stages.map((s: { required: number; obligations: unknown[] }) => [s.required, s.obligations.length])).toEqual([
      [2, 3],
      [2, 2],
    ]);

    const first = await approve(g1, id);
    expect(first.status).toBe(200);
    expect(first.body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['active', 'waiting']);

    const early = await approve(c.legal, id);
    expect(early.status).toBe(403);
    expect(early.body.error.details.code).toBe('stage-not-started');
    expect(await decisionsOf(id)).toHaveLength(1);

    const twice = await approve(g1, id);
    expectRefused(twice, 409, 'already-decided');
    expect(await decisionsOf(id)).toHaveLength(1);

    const second = await approve(g2, id);
    expect(second.body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'active']);
    expect(await title(documentId)).toBe('Original');

    // The third member's stage closed without them.
    expectRefused(await approve(g3, id), 409, 'already-decided');

    const legal = await approve(c.legal, id);
    expect(legal.body.data.status).toBe('pending');
    expect(await title(documentId)).toBe('Original');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'active']);

    const last = await approve(c.reviewer2, id);
    expect(last.status).toBe(200);
    expect(last.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Approved by the rule');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'fulfilled']);
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', openKey: null });
    expect((await decisionsOf(id)).map((d) => [d.kind, d.by])).toEqual([
      ['approve', g1.principal],
      ['approve', g2.principal],
      ['approve', c.legal.principal],
      ['approve', c.reviewer2.principal],
    ]);
  });

  it('an admin role works as group A too: its members are expanded when the request starts', async () => {
    const role = await c.a.adminRole('Group A role', [ACTIONS.readRequests, ACTIONS.decide]);
    const [r1, r2, r3] = await Promise.all(['delta', 'echo', 'foxtrot'].map((name) => c.a.admin([role], name)));
    const { documentId } = await guardedArticle({
      name: 'Two of the role',
      stages: [{ name: 'Role', criteria: 2, obligations: [{ kind: 'role', id: role }] }],
    });
    const id = await propose(documentId, 'Two of three');
    const holders = (await stateOf(id)).stages[0].obligations.map((o: { holder: string }) => o.holder);
    expect(holders.sort()).toEqual([r1.principal, r2.principal, r3.principal].sort());

    expect((await approve(r3, id)).body.data.status).toBe('pending');
    expect(await title(documentId)).toBe('Original');
    expect((await approve(r1, id)).body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Two of three');
  });

  it('a criteria above the number of obligations is reduced: 5 with two users means both', async () => {
    const { documentId } = await guardedArticle({
      name: 'Five of two',
      stages: [{ name: 'Both', criteria: 5, obligations: [user(c.reviewer), user(c.legal)] }],
    });
    const id = await propose(documentId, 'Both approved');
    expect((await stateOf(id)).stages[0].required).toBe(2);

    const one = await approve(c.reviewer, id);
    expect(one.body.data.status).toBe('pending');
    expect(await title(documentId)).toBe('Original');

    const two = await approve(c.legal, id);
    expect(two.status).toBe(200);
    expect(two.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Both approved');
    expect(await decisionsOf(id)).toHaveLength(2);
  });
});

describe('seed 002: the owner and the order of approvals', () => {
  /** An author (the owner) writes an article in the content manager; it is then managed under `ownerRules`. */
  const ownedArticle = async (ownerRules: Record<string, boolean>, stages: (owner: Caller) => Array<Record<string, unknown>>) => {
    const owner = await c.a.admin([authorsRole], 'owner');
    const created = await owner.call('post', cm(ARTICLE)).send({ title: 'Original' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const stored = await db(ARTICLE).findOne({ where: { documentId }, populate: ['createdBy'] });
    expect(stored.createdBy.id).toBe(owner.id);
    const templateId = await createTemplate(c.admin, { name: `Owner rules ${JSON.stringify(ownerRules)}`, ownerRules, stages: stages(owner) });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    return { owner, documentId };
  };

  it('owner approval with enforced order: a stage approver before the owner gets 403 stage-not-started; the owner, then the stage', async () => {
    const { owner, documentId } = await ownedArticle({ ownerApproval: true, enforceApprovalOrder: true }, () => [
      { name: 'Review', obligations: [user(c.reviewer)] },
    ]);
    const id = await propose(documentId, 'Owner first');
    expect(await requestRow(app, id)).toMatchObject({ owner: owner.principal });
    const detail = await c.editor.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.owner.principal).toBe(owner.principal);
    expect(detail.body.data.stages.map((s: { kind: string; status: string }) => [s.kind, s.status])).toEqual([
      ['owner', 'active'],
      ['rule', 'waiting'],
    ]);

    const early = await approve(c.reviewer, id);
    expect(early.status).toBe(403);
    expect(early.body.error.details.code).toBe('stage-not-started');
    expect(await decisionsOf(id)).toHaveLength(0);

    const byOwner = await approve(owner, id);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'active']);
    expect(await title(documentId)).toBe('Original');

    const byReviewer = await approve(c.reviewer, id);
    expect(byReviewer.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Owner first');
    expect((await decisionsOf(id)).map((d) => d.by)).toEqual([owner.principal, c.reviewer.principal]);
  });

  it('enforce initial owner approval without enforced order: the owner first, then the stages in any order', async () => {
    const { owner, documentId } = await ownedArticle(
      { ownerApproval: true, enforceApprovalOrder: false, enforceInitialOwnerApproval: true },
      () => [
        { name: 'Stage 1', obligations: [user(c.reviewer)] },
        { name: 'Stage 2', obligations: [user(c.legal)] },
      ]
    );
    const id = await propose(documentId, 'Owner, then any order');
    expect(await stageStatuses(id)).toEqual(['active', 'waiting', 'waiting']);

    expectRefused(await approve(c.legal, id), 403, 'stage-not-started');
    expectRefused(await approve(c.reviewer, id), 403, 'stage-not-started');

    expect((await approve(owner, id)).body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'active', 'active']);

    const stage2First = await approve(c.legal, id);
    expect(stage2First.status).toBe(200);
    expect(stage2First.body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'active', 'fulfilled']);
    expect(await title(documentId)).toBe('Original');

    expect((await approve(c.reviewer, id)).body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Owner, then any order');
    expect((await decisionsOf(id)).map((d) => d.by)).toEqual([owner.principal, c.legal.principal, c.reviewer.principal]);
  });

  it('with both rules off, every stage and the owner approve in any order', async () => {
    const { owner, documentId } = await ownedArticle(
      { ownerApproval: true, enforceApprovalOrder: false, enforceInitialOwnerApproval: false },
      () => [
        { name: 'Stage 1', obligations: [user(c.reviewer)] },
        { name: 'Stage 2', obligations: [user(c.legal)] },
      ]
    );
    const id = await propose(documentId, 'Any order');
    expect(await stageStatuses(id)).toEqual(['active', 'active', 'active']);

    expect((await approve(c.legal, id)).body.data.status).toBe('pending');
    expect((await approve(c.reviewer, id)).body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['active', 'fulfilled', 'fulfilled']);
    expect(await title(documentId)).toBe('Original');

    const last = await approve(owner, id);
    expect(last.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Any order');
    expect((await decisionsOf(id)).map((d) => d.by)).toEqual([c.legal.principal, c.reviewer.principal, owner.principal]);
  });

  it('the “Test User” rule: a user named as a step who is also the owner has that step fulfilled by the owner approval', async () => {
    const { owner, documentId } = await ownedArticle({ ownerApproval: true }, (o) => [
      { name: 'The owner as a step', obligations: [user(o)] },
      { name: 'Review', obligations: [user(c.reviewer)] },
    ]);
    const id = await propose(documentId, 'Owner step linked');

    const byOwner = await approve(owner, id);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.data.status).toBe('pending');
    expect(await stageStatuses(id)).toEqual(['fulfilled', 'fulfilled', 'active']);
    const detail = await owner.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.stages[1].obligations).toEqual([
      expect.objectContaining({ holder: expect.objectContaining({ principal: owner.principal }), status: 'approved', decidedBy: expect.objectContaining({ principal: owner.principal }) }),
    ]);
    const [decision] = await decisionsOf(id);
    expect(decision).toMatchObject({ kind: 'approve', by: owner.principal });
    expect(decision.obligations).toEqual(expect.arrayContaining(['s1.o1', 's2.o1']));

    // The step was decided through the owner approval: nothing is left for the owner.
    expectRefused(await approve(owner, id), 409, 'already-decided');
    expect(await decisionsOf(id)).toHaveLength(1);

    expect((await approve(c.reviewer, id)).body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Owner step linked');
  });

  it('without owner approval in the template, the owner is not asked', async () => {
    const { owner, documentId } = await ownedArticle({ ownerApproval: false }, () => [{ name: 'Review', obligations: [user(c.reviewer)] }]);
    const id = await propose(documentId, 'No owner stage');
    expect(await stageStatuses(id)).toEqual(['active']);
    expectRefused(await approve(owner, id), 403, 'not-an-approver');
    expect((await approve(c.reviewer, id)).body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('No owner stage');
  });
});

describe('seed 001: urgent (post-approval) requests', () => {
  const setUrgentMode = async (urgentMode: boolean) => {
    const res = await c.admin.call('put', '/approval-workflow/settings').send({ urgentMode });
    expect(res.status).toBe(200);
    expect(res.body.data.urgentMode).toBe(urgentMode);
  };
  const urgentRule = (name: string, urgentAllowed = true) => ({ name, urgentAllowed, stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] });
  const sectionsNamed = (name: string) => db(SECTION).count({ where: { name } });

  beforeAll(async () => {
    await setUrgentMode(true);
    // New sections need approval under a rule that allows urgent requests.
    const templateId = await createTemplate(c.admin, urgentRule('Urgent sections'));
    await manage(c.admin, { kind: 'collection', uid: SECTION, operations: ['create'], templateId });
  });
  afterAll(() => setUrgentMode(false));

  it('an urgent create is applied at once and still waits for approval: reject is refused, approve does not create it twice', async () => {
    const res = await c.editor.call('post', cm(SECTION)).set('X-Approval-Urgent', 'true').send({ name: 'Outage notice' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ApprovalRequiredError');
    const summary = res.body.error.details.approvalRequest;
    expect(summary).toMatchObject({ status: 'pending', operation: 'create', uid: SECTION, urgent: true });
    expect(res.body.error.message).toMatch(/applied at once and still needs approval/);
    expect(res.body.error.message).not.toMatch(/will be applied once approved/);
    const id = summary.id as string;

    expect(await sectionsNamed('Outage notice')).toBe(1);
    const stored = await requestRow(app, id);
    expect(stored).toMatchObject({ status: 'pending', urgent: true });
    const created = await db(SECTION).findOne({ where: { name: 'Outage notice' } });
    expect(stored.targetDocumentId).toBe(created.documentId);
    expect(summary.documentId).toBe(created.documentId);
    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data).toMatchObject({ status: 'pending', urgent: true, applied: true });
    expect(detail.body.data.viewer).toMatchObject({ canApprove: true, canReject: false });

    const rejected = await reject(c.reviewer, id, { comment: 'Too late' });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.details.code).toBe('urgent-approve-only');
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });
    expect(await decisionsOf(id)).toHaveLength(0);
    expect(await sectionsNamed('Outage notice')).toBe(1);

    const approved = await approve(c.reviewer, id);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', urgent: true, documentId: created.documentId });
    expect(await sectionsNamed('Outage notice')).toBe(1);
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', openKey: null });
    expect((await decisionsOf(id)).map((d) => d.kind)).toEqual(['approve']);
    const actions = (await c.admin.call('get', `/approval-workflow/audit?requestId=${id}`)).body.data.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'applied')).toHaveLength(1);
  });

  it('an urgent update shows in the database at once; approving it later is not a conflict with its own change', async () => {
    const { documentId } = await guardedArticle(urgentRule('Urgent articles'));
    const id = await propose(documentId, 'Fixed at once', { 'X-Approval-Urgent': 'true' });
    expect(await title(documentId)).toBe('Fixed at once');
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', urgent: true });

    const approved = await approve(c.reviewer, id);
    expect(approved.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Fixed at once');
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', reason: null });
  });

  it('an urgent change that cannot be applied fails at once: the requester is told, nothing is written', async () => {
    const { documentId } = await guardedArticle(urgentRule('Urgent, but refused'));
    // A valid proposal (an invalid one is refused before any request opens) that the database refuses when it is written.
    const unsubscribe = app.strapi.db.lifecycles.subscribe({
      models: [ARTICLE],
      beforeUpdate(event) {
        if ((event.params.data as { title?: string }).title === 'Refused when written') throw new Error('refused by a lifecycle');
      },
    });
    let res;
    try {
      res = await c.editor.call('put', cm(ARTICLE, documentId)).set('X-Approval-Urgent', 'true').send({ title: 'Refused when written' });
    } finally {
      unsubscribe();
    }
    expect(res.status).toBe(400);
    expect(res.body.error.details.approvalRequest).toMatchObject({ status: 'failed', urgent: true });
    expect(res.body.error.message).toMatch(/failed/);
    expect(res.body.error.message).not.toMatch(/will be applied once approved|applied at once and still needs/);
    const id = res.body.error.details.approvalRequest.id as string;
    const stored = await requestRow(app, id);
    expect(stored).toMatchObject({ status: 'failed', openKey: null });
    expect(stored.reason).toMatch(/Applying the change failed/);
    expect(await title(documentId)).toBe('Original');
    expectRefused(await approve(c.reviewer, id), 409, 'request-closed');
  });

  it('the urgent header is refused with 400 when the template does not allow it, and nothing is written', async () => {
    const { documentId } = await guardedArticle(urgentRule('Not urgent', false));
    const res = await c.editor.call('put', cm(ARTICLE, documentId)).set('X-Approval-Urgent', 'true').send({ title: 'Sneaked in' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    // The reason and the field, nothing internal (no id of a request that was never opened, no engine status or event).
    expect(res.body.error.details).toEqual({
      code: 'urgent-not-allowed',
      errors: [{ path: ['urgent'], message: res.body.error.message, name: 'ValidationError' }],
    });
    expect(await title(documentId)).toBe('Original');
    expect(await db(REQUEST).count({ where: { targetDocumentId: documentId } })).toBe(0);
  });

  it('the urgent header is refused with 400 when urgent mode is off, and nothing is written', async () => {
    const { documentId } = await guardedArticle(urgentRule('Urgent allowed, mode off'));
    await setUrgentMode(false);
    try {
      const res = await c.editor.call('put', cm(ARTICLE, documentId)).set('X-Approval-Urgent', 'true').send({ title: 'Sneaked in' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('urgent-not-allowed');
      expect(await title(documentId)).toBe('Original');
      expect(await db(REQUEST).count({ where: { targetDocumentId: documentId } })).toBe(0);

      const created = await c.editor.call('post', cm(SECTION)).set('X-Approval-Urgent', 'true').send({ name: 'Not while off' });
      expect(created.status).toBe(400);
      expect(created.body.error.details.code).toBe('urgent-not-allowed');
      expect(await sectionsNamed('Not while off')).toBe(0);
      expect(await db(REQUEST).count({ where: { uid: SECTION, status: 'pending' } })).toBe(0);
    } finally {
      await setUrgentMode(true);
    }
  });
});

describe('security level password: deciding needs the approver’s password', () => {
  it('approve without a password is 400 naming it, a wrong one 403, the right one 200', async () => {
    const { documentId } = await guardedArticle({
      name: 'Signed approvals',
      securityLevel: 'password',
      stages: [{ name: 'Review', obligations: [user(c.reviewer)] }],
    });
    const id = await propose(documentId, 'Signed off');
    expect((await c.reviewer.call('get', `/approval-workflow/requests/${id}`)).body.data.securityLevel).toBe('password');

    const missing = await approve(c.reviewer, id);
    expect(missing.status).toBe(400);
    expect(missing.body.error.name).toBe('ValidationError');
    expect(missing.body.error.message).toMatch(/password/);
    expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ path: ['password'] })]);
    expect(missing.body.error.details.code).toBe('password-required');

    const wrong = await approve(c.reviewer, id, { password: 'not-the-password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/password/i);
    expect(wrong.body.error.details.code).toBe('wrong-password');
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });
    expect(await decisionsOf(id)).toHaveLength(0);
    expect(await title(documentId)).toBe('Original');

    const wrongReject = await reject(c.reviewer, id, { password: 'not-the-password' });
    expect(wrongReject.status).toBe(403);
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });

    // Who may decide is checked before the password: a stranger is told they are no approver.
    const stranger = await approve(c.legal, id, { password: PASSWORD });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.details).toEqual({ code: 'not-an-approver' });
    // Also without a password (the decision then goes straight to the locked read: the engine still refuses first).
    const bareStranger = await approve(c.legal, id);
    expect(bareStranger.status).toBe(403);
    expect(bareStranger.body.error.details).toEqual({ code: 'not-an-approver' });
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending' });

    const right = await approve(c.reviewer, id, { password: PASSWORD, comment: 'Signed' });
    expect(right.status).toBe(200);
    expect(right.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Signed off');
    expect(await decisionsOf(id)).toEqual([expect.objectContaining({ kind: 'approve', by: c.reviewer.principal, comment: 'Signed' })]);
    expect(JSON.stringify(await requestRow(app, id))).not.toContain(PASSWORD);
  });
});

describe('delegation: an approver hands their obligation to another admin user', () => {
  it('the delegate decides, the original holder no longer may; no delegating to the requester, twice, or to nobody', async () => {
    const { documentId } = await guardedArticle({ name: 'Delegable', stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] });
    const id = await propose(documentId, 'Decided by the delegate');

    const toRequester = await delegate(c.reviewer, id, { to: c.editor.id });
    expect(toRequester.status).toBe(400);
    expect(toRequester.body.error.details.code).toBe('invalid-delegate');

    for (const to of [99999, 'admin:99999']) {
      const unknown = await delegate(c.reviewer, id, { to });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/admin:99999/);
    }
    const malformed = await delegate(c.reviewer, id, { to: 'someone' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.errors).toEqual([expect.objectContaining({ path: ['to'] })]);
    expect((await stateOf(id)).stages[0].obligations[0]).toMatchObject({ holder: c.reviewer.principal, delegatedFrom: null });

    const handed = await delegate(c.reviewer, id, { to: c.reviewer2.id, comment: 'On leave this week' });
    expect(handed.status).toBe(200);
    expect(handed.body.data.status).toBe('pending');
    const stored = await requestRow(app, id);
    expect(stored.state.stages[0].obligations).toEqual([
      expect.objectContaining({ holder: c.reviewer2.principal, delegatedFrom: c.reviewer.principal, status: 'open' }),
    ]);
    expect(await awaitingOf(app, id)).toEqual([c.reviewer2.principal]);
    const detail = await c.reviewer2.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.body.data.stages[0].obligations[0].delegatedFrom.principal).toBe(c.reviewer.principal);
    expect(detail.body.data.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'delegated', details: expect.objectContaining({ comment: 'On leave this week' }) })])
    );

    const byOriginal = await approve(c.reviewer, id);
    expect(byOriginal.status).toBe(403);
    expect(byOriginal.body.error.details.code).toBe('not-an-approver');

    const again = await delegate(c.reviewer2, id, { to: c.legal.id });
    expect(again.status).toBe(403);
    expect(again.body.error.details.code).toBe('already-delegated');
    expect((await stateOf(id)).stages[0].obligations[0].holder).toBe(c.reviewer2.principal);
    expect(await title(documentId)).toBe('Original');

    const byDelegate = await approve(c.reviewer2, id);
    expect(byDelegate.status).toBe(200);
    expect(byDelegate.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Decided by the delegate');
    expect(await decisionsOf(id)).toEqual([expect.objectContaining({ kind: 'approve', by: c.reviewer2.principal })]);
  });
});

describe('delegation: only to someone who can ever decide', () => {
  /** A content-API user in a users-permissions role of its own, granted these content-API actions. */
  const apiUserWith = async (name: string, actions: string[]) => {
    const role = await db('plugin::users-permissions.role').create({ data: { name, description: name, type: name.toLowerCase() } });
    for (const action of actions) await db('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    const user = await app.strapi.plugin('users-permissions').service('user').add({
      username: name.toLowerCase(),
      email: `${name.toLowerCase()}@example.test`,
      password: PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
    return `user:${user.id}`;
  };

  let id: string;
  let documentId: string;
  beforeAll(async () => {
    ({ documentId } = await guardedArticle({ name: 'Delegate check', stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] }));
    id = await propose(documentId, 'Delegated');
  });

  it.each([
    ['an admin whose roles lack the decide action', async () => (await c.a.admin([await c.a.adminRole('Readers', [ACTIONS.readRequests])], 'reader')).principal],
    [
      'a deactivated admin whose role may decide',
      async () => {
        const former = await c.a.admin([c.reviewersRole], 'former');
        await db('admin::user').update({ where: { id: former.id }, data: { isActive: false } });
        return former.principal;
      },
    ],
    ['a content-API user whose role lacks the approve action', () => apiUserWith('Readonly', ['plugin::approval-workflow.requests.find'])],
  ])('to %s → 400 naming `to`, nothing changes', async (_, delegateTo) => {
    const to = await delegateTo();
    const before = await requestRow(app, id);
    const res = await delegate(c.reviewer, id, { to });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'delegate-cannot-decide', errors: [expect.objectContaining({ path: ['to'] })] } });
    expect(res.body.error.message).toContain(to);
    expect(await requestRow(app, id)).toEqual(before);
  });

  it.each([
    ['an admin whose role may decide', async () => c.legal.principal],
    ['a Super Admin', async () => c.admin.principal],
    ['a content-API user whose role is granted approve', () => apiUserWith('Approvers', ['plugin::approval-workflow.requests.approve'])],
  ])('to %s → accepted; the delegate holds the obligation', async (_, delegateTo) => {
    const to = await delegateTo();
    const pending = await propose((await guardedArticle({ name: `Delegable to ${to}`, stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] })).documentId, 'Handed on');
    const res = await delegate(c.reviewer, pending, { to });
    expect(res.status).toBe(200);
    expect((await stateOf(pending)).stages[0].obligations[0]).toMatchObject({ holder: to, delegatedFrom: c.reviewer.principal, status: 'open' });
  });
});

describe('rejection policy “when-unfulfillable”', () => {
  it('with criteria 1 of 2, one rejection leaves the request pending and the other approver’s approval applies it', async () => {
    const { documentId } = await guardedArticle({
      name: 'One of two, patient',
      rejectionPolicy: 'when-unfulfillable',
      stages: [{ name: 'Review', criteria: 1, obligations: [user(c.reviewer), user(c.reviewer2)] }],
    });
    const id = await propose(documentId, 'Approved despite a no');

    const no = await reject(c.reviewer, id, { comment: 'Not convinced' });
    expect(no.status).toBe(200);
    expect(no.body.data.status).toBe('pending');
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', reason: null });
    expect(await title(documentId)).toBe('Original');

    const yes = await approve(c.reviewer2, id);
    expect(yes.body.data.status).toBe('approved');
    expect(await title(documentId)).toBe('Approved despite a no');
    expect((await decisionsOf(id)).map((d) => [d.kind, d.by])).toEqual([
      ['reject', c.reviewer.principal],
      ['approve', c.reviewer2.principal],
    ]);
  });

  it('with criteria 0 (all), one rejection declines it', async () => {
    const { documentId } = await guardedArticle({
      name: 'All of two, patient',
      rejectionPolicy: 'when-unfulfillable',
      stages: [{ name: 'Review', criteria: 0, obligations: [user(c.reviewer), user(c.reviewer2)] }],
    });
    const id = await propose(documentId, 'Never applied');

    const no = await reject(c.reviewer, id);
    expect(no.status).toBe(200);
    expect(no.body.data.status).toBe('declined');
    const stored = await requestRow(app, id);
    expect(stored).toMatchObject({ status: 'declined', openKey: null });
    expect(stored.reason).toMatch(/can no longer be fulfilled/);
    expect(await title(documentId)).toBe('Original');
    expectRefused(await approve(c.reviewer2, id), 409, 'request-closed');
  });

  it('the default policy “decline”: one rejection declines even when another approver could still fulfil the stage', async () => {
    const { documentId } = await guardedArticle({
      name: 'One of two, strict',
      stages: [{ name: 'Review', criteria: 1, obligations: [user(c.reviewer), user(c.reviewer2)] }],
    });
    const id = await propose(documentId, 'Never applied');
    expect((await reject(c.reviewer, id)).body.data.status).toBe('declined');
    expect(await requestRow(app, id)).toMatchObject({ status: 'declined' });
    expect(await title(documentId)).toBe('Original');
  });
});

describe('the requester’s comment', () => {
  it('X-Approval-Comment (URL-encoded) appears on the request', async () => {
    const { documentId } = await guardedArticle({ name: 'Commented', stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] });
    const comment = 'Price fix: 10 € → 12 €, see ticket #42';
    const id = await propose(documentId, 'With a reason', { 'X-Approval-Comment': encodeURIComponent(comment) });

    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.comment).toBe(comment);
    expect(await requestRow(app, id)).toMatchObject({ comment });
    const list = await c.reviewer.call('get', `/approval-workflow/requests?documentId=${documentId}`);
    expect(list.body.data).toEqual([expect.objectContaining({ id, comment })]);
  });

  it('a comment that is not valid URL encoding (a bare %) is kept as written, and the request still opens', async () => {
    const { documentId } = await guardedArticle({ name: 'Percent', stages: [{ name: 'Review', obligations: [user(c.reviewer)] }] });
    const res = await c.editor.call('put', cm(ARTICLE, documentId)).set('X-Approval-Comment', '50% off for members').send({ title: 'Sale' });
    const id = requestIdOf(res);
    expect((await c.reviewer.call('get', `/approval-workflow/requests/${id}`)).body.data.comment).toBe('50% off for members');
    expect(await requestRow(app, id)).toMatchObject({ status: 'pending', comment: '50% off for members' });
    expect(await title(documentId)).toBe('Original');
  });
});
