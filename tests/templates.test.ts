/**
 * Templates (approval rules) and plugin groups, as the people who write them use them: create,
 * list, read with the versions kept, edit into a new version while open requests keep theirs,
 * the validation that names what is wrong, deletion only when unused, the global default,
 * item-level templates behind the editor's password, and groups that a request expands.
 */
import { startApp, type TestApp } from './helpers/app';
import { PASSWORD } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast, awaitingOf } from './helpers/fixtures';


const TEMPLATE = 'plugin::approval-workflow.template';
const TEMPLATE_VERSION = 'plugin::approval-workflow.template-version';
const GROUP = 'plugin::approval-workflow.group';
const REQUEST = 'plugin::approval-workflow.request';
const DECISION = 'plugin::approval-workflow.decision';

let app: TestApp;
let c: Cast;

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
});
afterAll(async () => {
  await app.stop();
});

/** A database row or an HTTP body, read loosely. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows and bodies are checked by the assertions

const db = (uid: string) => app.strapi.db.query(uid as never);
const templateRow = (id: string) => db(TEMPLATE).findOne({ where: { documentId: id } });
const versionsOf = async (id: string) =>
  ((await db(TEMPLATE_VERSION).findMany({ where: { templateId: id }, orderBy: { version: 'asc' } })) as Loose[]).map(
    (v) => v.version
  );
const decisionsOf = (requestId: string) => db(DECISION).findMany({ where: { requestId }, orderBy: { id: 'asc' } }) as Promise<Loose[]>;

/** The id of the request an editor's content-manager write opened (the write answers 400 ApprovalRequiredError). */
const requestIdOf = (res: { status: number; body: Loose }) => {
  if (res.status !== 400 || res.body?.error?.name !== 'ApprovalRequiredError') {
    throw new Error(`expected an approval request, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.error.details.approvalRequest.id as string;
};

const reviewStage = () => ({ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] });

describe('templates: create, list, read', () => {
  it('creates a template with the defaults applied (201) and keeps it as version 1', async () => {
    const res = await c.admin.call('post', '/approval-workflow/templates').send({ name: 'Defaults', stages: [reviewStage()] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      id: expect.any(String),
      name: 'Defaults',
      description: null,
      version: 1,
      securityLevel: 'simple',
      urgentAllowed: false,
      rejectionPolicy: 'decline',
      ownerRules: {
        ownerApproval: false,
        separateOwnerApproval: false,
        separateGroupApproval: false,
        enforceApprovalOrder: true,
        enforceInitialOwnerApproval: false,
      },
      stages: [{ name: 'Review', criteria: 1, timeSpanMinutes: null, onExpiry: 'deny', obligations: [{ kind: 'role', id: String(c.reviewersRole) }] }],
      isDefault: false,
      itemLevel: false,
      editedBy: c.admin.principal,
    });

    const id = res.body.data.id as string;
    const stored = await templateRow(id);
    expect(stored).toMatchObject({ name: 'Defaults', version: 1, securityLevel: 'simple', rejectionPolicy: 'decline' });
    expect(stored.stages).toEqual([
      { name: 'Review', criteria: 1, timeSpanMinutes: null, onExpiry: 'deny', obligations: [{ kind: 'role', id: String(c.reviewersRole) }] },
    ]);
    expect(await versionsOf(id)).toEqual([1]);
  });

  it('lists templates a page at a time with the pagination meta', async () => {
    for (const name of ['Page A', 'Page B', 'Page C']) await createTemplate(c.admin, { name, stages: [reviewStage()] });
    const total = await db(TEMPLATE).count();
    expect(total).toBeGreaterThanOrEqual(3);

    const first = await c.admin.call('get', '/approval-workflow/templates?page=1&pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: Math.ceil(total / 2), total });

    const last = await c.admin.call('get', `/approval-workflow/templates?pagination[page]=${Math.ceil(total / 2)}&pagination[pageSize]=2`);
    expect(last.status).toBe(200);
    expect(last.body.data).toHaveLength(total % 2 === 0 ? 2 : 1);
    expect(last.body.meta.pagination).toEqual({ page: Math.ceil(total / 2), pageSize: 2, pageCount: Math.ceil(total / 2), total });

    const all = await c.admin.call('get', '/approval-workflow/templates?pageSize=100');
    const ids = all.body.data.map((t: { id: string }) => t.id);
    const stored = ((await db(TEMPLATE).findMany({})) as Array<{ documentId: string }>).map((t) => t.documentId);
    expect([...ids].sort()).toEqual([...stored].sort());
    const paged = [...first.body.data, ...last.body.data].map((t: { id: string }) => t.id);
    expect(new Set(paged).size).toBe(paged.length);

    const tooBig = await c.admin.call('get', '/approval-workflow/templates?pageSize=101');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/pageSize/);
  });

  it('reads one template with its versions; an unknown id is 404', async () => {
    const id = await createTemplate(c.admin, { name: 'Readable', description: 'for reading', stages: [reviewStage()] });
    const res = await c.admin.call('get', `/approval-workflow/templates/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, name: 'Readable', description: 'for reading', version: 1 });
    expect(res.body.data.versions).toEqual([
      expect.objectContaining({ version: 1, editedBy: c.admin.principal, rule: expect.objectContaining({ id, version: 1, name: 'Readable' }) }),
    ]);

    expect(await templateRow(id)).toMatchObject({ name: 'Readable', description: 'for reading', version: 1 });
    expect(await versionsOf(id)).toEqual([1]);

    const missing = await c.admin.call('get', '/approval-workflow/templates/no-such-template');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
  });
});

describe('templates: usage', () => {
  const usageIn = async (ids: string[]) => {
    const res = await c.admin.call('get', '/approval-workflow/templates?pageSize=100');
    expect(res.status).toBe(200);
    const byId = new Map((res.body.data as Loose[]).map((t) => [t.id, t]));
    return ids.map((id) => ({ usage: byId.get(id)?.usage, itemLevel: byId.get(id)?.itemLevel }));
  };

  it('the list and the read count the managed objects using a template and its pending requests, for each row', async () => {
    const used = await createTemplate(c.admin, { name: 'Counted', stages: [reviewStage()] });
    const unused = await createTemplate(c.admin, { name: 'Not counted', stages: [reviewStage()] });
    expect(await usageIn([used, unused])).toEqual([
      { usage: { managedObjects: 0, openRequests: 0 }, itemLevel: false },
      { usage: { managedObjects: 0, openRequests: 0 }, itemLevel: false },
    ]);

    const first = await seedDocument(app, ARTICLE, { title: 'Counted one' });
    const second = await seedDocument(app, ARTICLE, { title: 'Counted two' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId: first.documentId, templateId: used });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId: second.documentId, templateId: used });
    const one = requestIdOf(await c.editor.call('put', cm(ARTICLE, first.documentId)).send({ title: 'Counted one, renamed' }));
    const two = requestIdOf(await c.editor.call('put', cm(ARTICLE, second.documentId)).send({ title: 'Counted two, renamed' }));
    expect(await requestRow(app, one)).toMatchObject({ status: 'pending', templateId: used });
    expect(await requestRow(app, two)).toMatchObject({ status: 'pending', templateId: used });

    expect(await usageIn([used, unused])).toEqual([
      { usage: { managedObjects: 2, openRequests: 2 }, itemLevel: true },
      { usage: { managedObjects: 0, openRequests: 0 }, itemLevel: false },
    ]);

    // A request that is no longer pending stops counting; the read answers the same counts.
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${one}/approve`).send({})).body.data.status).toBe('approved');
    const read = await c.admin.call('get', `/approval-workflow/templates/${used}`);
    expect(read.body.data.usage).toEqual({ managedObjects: 2, openRequests: 1 });
    expect(await usageIn([used])).toEqual([{ usage: { managedObjects: 2, openRequests: 1 }, itemLevel: true }]);
  });
});

describe('templates: editing makes a new version', () => {
  it('an edit is version 2 and version 1 stays in versions', async () => {
    const id = await createTemplate(c.admin, { name: 'Evolving', stages: [reviewStage()] });
    const edit = await c.admin.call('put', `/approval-workflow/templates/${id}`).send({
      name: 'Evolving',
      stages: [reviewStage(), { name: 'Legal', obligations: [{ kind: 'role', id: c.legalRole }] }],
    });
    expect(edit.status).toBe(200);
    expect(edit.body.data).toMatchObject({ id, version: 2 });
    expect(edit.body.data.stages.map((s: { name: string }) => s.name)).toEqual(['Review', 'Legal']);

    const read = await c.admin.call('get', `/approval-workflow/templates/${id}`);
    expect(read.body.data.version).toBe(2);
    expect(read.body.data.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const [v2, v1] = read.body.data.versions;
    expect(v1.rule.stages.map((s: { name: string }) => s.name)).toEqual(['Review']);
    expect(v2.rule.stages.map((s: { name: string }) => s.name)).toEqual(['Review', 'Legal']);

    expect((await templateRow(id)).version).toBe(2);
    expect(await versionsOf(id)).toEqual([1, 2]);
  });

  it('an open request keeps its frozen copy and is decided by the old rule', async () => {
    const id = await createTemplate(c.admin, { name: 'Sections review', stages: [reviewStage()] });
    await manage(c.admin, { kind: 'collection', uid: SECTION, templateId: id });
    const before = await seedDocument(app, SECTION, { name: 'Before the edit' });
    const oldRequest = requestIdOf(await c.editor.call('put', cm(SECTION, before.documentId)).send({ name: 'Renamed under v1' }));

    const edit = await c.admin.call('put', `/approval-workflow/templates/${id}`).send({
      name: 'Sections review',
      stages: [reviewStage(), { name: 'Legal', obligations: [{ kind: 'role', id: c.legalRole }] }],
    });
    expect(edit.status).toBe(200);
    expect(edit.body.data.version).toBe(2);

    const after = await seedDocument(app, SECTION, { name: 'After the edit' });
    const newRequest = requestIdOf(await c.editor.call('put', cm(SECTION, after.documentId)).send({ name: 'Renamed under v2' }));

    const oldDetail = await c.reviewer.call('get', `/approval-workflow/requests/${oldRequest}`);
    expect(oldDetail.body.data.template).toEqual({ id, version: 1, name: 'Sections review' });
    expect(oldDetail.body.data.stages.map((s: { name: string }) => s.name)).toEqual(['Review']);
    const newDetail = await c.reviewer.call('get', `/approval-workflow/requests/${newRequest}`);
    expect(newDetail.body.data.template).toEqual({ id, version: 2, name: 'Sections review' });
    expect(newDetail.body.data.stages.map((s: { name: string }) => s.name)).toEqual(['Review', 'Legal']);

    // Sections have no draft & publish: their one version is the published one (row(..., true)).
    // Under version 1 the reviewer's approval is all it takes; under version 2 legal must follow.
    const approveOld = await c.reviewer.call('post', `/approval-workflow/requests/${oldRequest}/approve`).send({});
    expect(approveOld.status).toBe(200);
    expect(approveOld.body.data.status).toBe('approved');
    expect((await row(app, SECTION, before.documentId, true))?.name).toBe('Renamed under v1');
    expect(await requestRow(app, oldRequest)).toMatchObject({ status: 'approved', templateVersion: 1 });

    const approveNew = await c.reviewer.call('post', `/approval-workflow/requests/${newRequest}/approve`).send({});
    expect(approveNew.status).toBe(200);
    expect(approveNew.body.data.status).toBe('pending');
    expect((await row(app, SECTION, after.documentId, true))?.name).toBe('After the edit');
    expect(await requestRow(app, newRequest)).toMatchObject({ status: 'pending', templateVersion: 2 });
  });
});

describe('templates: validation names the problem', () => {
  const valid = () => ({ name: 'Valid', stages: [reviewStage()] });
  const cases: Array<[string, () => unknown, RegExp, string[] | null]> = [
    ['no name', () => ({ stages: [reviewStage()] }), /name/, ['name']],
    ['an empty name', () => ({ ...valid(), name: '  ' }), /name/, ['name']],
    ['no stages', () => ({ name: 'No stages', stages: [] }), /at least one stage/, ['stages']],
    ['stages missing', () => ({ name: 'No stages' }), /stages/, ['stages']],
    ['a stage without obligations', () => ({ name: 'Empty stage', stages: [{ name: 'Nobody', obligations: [] }] }), /at least one obligation/, ['stages', '0', 'obligations']],
    ['criteria -1', () => ({ name: 'Negative', stages: [{ ...reviewStage(), criteria: -1 }] }), /stages\.0\.criteria/, ['stages', '0', 'criteria']],
    [
      'a malformed obligation kind',
      () => ({ name: 'Odd kind', stages: [{ name: 'Odd', obligations: [{ kind: 'team', id: 1 }] }] }),
      /stages\.0\.obligations\.0\.kind/,
      ['stages', '0', 'obligations', '0', 'kind'],
    ],
    [
      'a user step that is not a user principal',
      () => ({ name: 'Bad user', stages: [{ name: 'Bad', obligations: [{ kind: 'user', principal: 'bob' }] }] }),
      /principal/,
      ['stages', '0', 'obligations', '0', 'principal'],
    ],
    ['criteria 1.5', () => ({ name: 'Fraction', stages: [{ ...reviewStage(), criteria: 1.5 }] }), /stages\.0\.criteria/, ['stages', '0', 'criteria']],
    ['a time span of 0 minutes', () => ({ name: 'No time', stages: [{ ...reviewStage(), timeSpanMinutes: 0 }] }), /timeSpanMinutes/, ['stages', '0', 'timeSpanMinutes']],
    ['an unknown expiry action', () => ({ name: 'Expiry', stages: [{ ...reviewStage(), onExpiry: 'escalate' }] }), /onExpiry/, ['stages', '0', 'onExpiry']],
    [
      'a group minimum of 0',
      () => ({ name: 'Min 0', stages: [{ name: 'Min', obligations: [{ kind: 'role', id: c.reviewersRole, minApprovals: 0 }] }] }),
      /minApprovals/,
      ['stages', '0', 'obligations', '0', 'minApprovals'],
    ],
    ['an unknown security level', () => ({ ...valid(), securityLevel: 'mfa' }), /securityLevel/, ['securityLevel']],
    ['an unknown rejection policy', () => ({ ...valid(), rejectionPolicy: 'never' }), /rejectionPolicy/, ['rejectionPolicy']],
    ['an unknown owner rule', () => ({ ...valid(), ownerRules: { ownerFirst: true } }), /ownerFirst/, null],
    ['an unknown field', () => ({ ...valid(), colour: 'red' }), /colour/, null],
    ['a body that is a JSON array, not an object', () => [valid()], /object/i, null],
  ];

  it.each(cases)('refuses %s with 400 naming it, and saves nothing', async (_what, body, message, path) => {
    const count = await db(TEMPLATE).count();
    const res = await c.admin.call('post', '/approval-workflow/templates').send(body() as object);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(message);
    if (path) expect(res.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await db(TEMPLATE).count()).toBe(count);
  });

  it('refuses a body that is not JSON at all', async () => {
    const count = await db(TEMPLATE).count();
    const res = await c.admin.call('post', '/approval-workflow/templates').set('Content-Type', 'text/plain').send('name=Plain');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(await db(TEMPLATE).count()).toBe(count);
  });

  it.each([
    ['an unknown user principal', () => ({ kind: 'user', principal: 'admin:9999' }), /unknown users admin:9999/, { users: ['admin:9999'], roles: [], groups: [] }],
    ['an unknown role id', () => ({ kind: 'role', id: 99999 }), /unknown roles 99999/, { users: [], roles: ['99999'], groups: [] }],
    ['an unknown group id', () => ({ kind: 'group', id: 'no-such-group' }), /unknown groups no-such-group/, { users: [], roles: [], groups: ['no-such-group'] }],
  ])('refuses %s with 400 naming it, on create and on edit', async (_what, obligation, message, unknown) => {
    const count = await db(TEMPLATE).count();
    const body = { name: 'Unknown reference', stages: [{ name: 'Who?', obligations: [obligation()] }] };
    const create = await c.admin.call('post', '/approval-workflow/templates').send(body);
    expect(create.status).toBe(400);
    expect(create.body.error.name).toBe('ValidationError');
    expect(create.body.error.message).toMatch(message);
    expect(create.body.error.details.unknown).toEqual(unknown);
    expect(await db(TEMPLATE).count()).toBe(count);

    const id = await createTemplate(c.admin, { name: 'Edited wrongly', stages: [reviewStage()] });
    const edit = await c.admin.call('put', `/approval-workflow/templates/${id}`).send(body);
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toMatch(message);
    expect(await templateRow(id)).toMatchObject({ name: 'Edited wrongly', version: 1 });
    expect(await versionsOf(id)).toEqual([1]);
  });

  it('refuses the same user listed twice in one stage', async () => {
    const count = await db(TEMPLATE).count();
    const twice = { kind: 'user', principal: c.reviewer.principal };
    const res = await c.admin.call('post', '/approval-workflow/templates').send({ name: 'Twice', stages: [{ name: 'Twice', obligations: [twice, twice] }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/stages\[0\]\.obligations\[1\].*listed twice/);
    expect(await db(TEMPLATE).count()).toBe(count);
  });
});

describe('templates: deletion and the global default', () => {
  it('an unused template is deleted (200); one used by a managed object is refused with 409', async () => {
    const unused = await createTemplate(c.admin, { name: 'Unused', stages: [reviewStage()] });
    const del = await c.admin.call('delete', `/approval-workflow/templates/${unused}`);
    expect(del.status).toBe(200);
    expect(del.body.data).toEqual({ id: unused });
    expect(await templateRow(unused)).toBeNull();
    expect((await c.admin.call('get', `/approval-workflow/templates/${unused}`)).status).toBe(404);

    const used = await createTemplate(c.admin, { name: 'Used by an entry', stages: [reviewStage()] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Guarded by Used' });
    const managed = await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId: used });
    const refused = await c.admin.call('delete', `/approval-workflow/templates/${used}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/in use/);
    expect(refused.body.error.details).toMatchObject({ managedObjects: [managed.id], isDefault: false });
    expect(await templateRow(used)).not.toBeNull();
  });

  it('PUT /templates/:id/default makes it the default: a managed collection without a template resolves to it; the default cannot be deleted', async () => {
    await manage(c.admin, { kind: 'collection', uid: ARTICLE, operations: ['update'] });
    const beforeDefault = await seedDocument(app, ARTICLE, { title: 'No template yet' });
    const fallback = requestIdOf(await c.editor.call('put', cm(ARTICLE, beforeDefault.documentId)).send({ title: 'To the admins' }));
    expect((await c.admin.call('get', `/approval-workflow/requests/${fallback}`)).body.data.template.id).toBe('builtin:approval-admins');

    const id = await createTemplate(c.admin, { name: 'House default', stages: [reviewStage()] });
    const set = await c.admin.call('put', `/approval-workflow/templates/${id}/default`).send({});
    expect(set.status).toBe(200);
    expect(set.body.data.defaultTemplateId).toBe(id);
    expect((await c.admin.call('get', '/approval-workflow/settings')).body.data.defaultTemplateId).toBe(id);
    expect((await c.admin.call('get', `/approval-workflow/templates/${id}`)).body.data.isDefault).toBe(true);

    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Under the default' });
    const requestId = requestIdOf(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Edited under the default' }));
    const detail = await c.reviewer.call('get', `/approval-workflow/requests/${requestId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.template).toEqual({ id, version: 1, name: 'House default' });
    expect(await requestRow(app, requestId)).toMatchObject({ templateId: id, templateVersion: 1 });

    const refused = await c.admin.call('delete', `/approval-workflow/templates/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ isDefault: true, managedObjects: [] });
    expect(await templateRow(id)).not.toBeNull();

    const unknown = await c.admin.call('put', '/approval-workflow/templates/no-such-template/default').send({});
    expect(unknown.status).toBe(404);
    expect((await c.admin.call('get', '/approval-workflow/settings')).body.data.defaultTemplateId).toBe(id);
  });
});

describe('templates: item-level templates need the editor’s password', () => {
  it('editing a template assigned to a managed entry: no password 400, wrong 403, right 200 version 2', async () => {
    const id = await createTemplate(c.admin, { name: 'Pricing sign-off', stages: [reviewStage()] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Pricing page' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId: id });
    expect((await c.admin.call('get', `/approval-workflow/templates/${id}`)).body.data.itemLevel).toBe(true);

    const body = { name: 'Pricing sign-off', stages: [reviewStage(), { name: 'Legal', obligations: [{ kind: 'role', id: c.legalRole }] }] };
    const missing = await c.admin.call('put', `/approval-workflow/templates/${id}`).send(body);
    expect(missing.status).toBe(400);
    expect(missing.body.error.name).toBe('ValidationError');
    expect(missing.body.error.message).toMatch(/password/);
    expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ path: ['password'] })]);
    expect(await templateRow(id)).toMatchObject({ version: 1 });

    const wrong = await c.admin.call('put', `/approval-workflow/templates/${id}`).send({ ...body, password: 'not-my-password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/password/i);
    expect(await templateRow(id)).toMatchObject({ version: 1 });
    expect(await versionsOf(id)).toEqual([1]);

    const right = await c.admin.call('put', `/approval-workflow/templates/${id}`).send({ ...body, password: PASSWORD });
    expect(right.status).toBe(200);
    expect(right.body.data).toMatchObject({ id, version: 2, itemLevel: true });
    expect(right.body.data).not.toHaveProperty('password');
    const stored = await templateRow(id);
    expect(stored.version).toBe(2);
    expect(stored.stages.map((s: { name: string }) => s.name)).toEqual(['Review', 'Legal']);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(await versionsOf(id)).toEqual([1, 2]);
  });

  it('giving a managed entry another template needs the password too; marking and operations do not', async () => {
    const first = await createTemplate(c.admin, { name: 'Entry rule one', stages: [reviewStage()] });
    const second = await createTemplate(c.admin, { name: 'Entry rule two', stages: [reviewStage()] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Swapped rule' });
    const managed = await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId: first });
    const path = `/approval-workflow/managed-objects/${managed.id}`;
    const managedRow = () => db('plugin::approval-workflow.managed-object').findOne({ where: { documentId: managed.id } });

    const operationsOnly = await c.admin.call('put', path).send({ operations: ['update', 'delete'] });
    expect(operationsOnly.status).toBe(200);

    const missing = await c.admin.call('put', path).send({ templateId: second });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ path: ['password'] })]);
    const wrong = await c.admin.call('put', path).send({ templateId: second, password: 'not-my-password' });
    expect(wrong.status).toBe(403);
    expect(await managedRow()).toMatchObject({ templateId: first, operations: ['update', 'delete'] });

    const right = await c.admin.call('put', path).send({ templateId: second, password: PASSWORD });
    expect(right.status).toBe(200);
    expect(right.body.data).toMatchObject({ templateId: second });
    expect(right.body.data).not.toHaveProperty('password');
    expect(await managedRow()).toMatchObject({ templateId: second });
  });

  it('a template used only by collections is edited without a password', async () => {
    const id = await createTemplate(c.admin, { name: 'Collection-level', stages: [reviewStage()] });
    const res = await c.admin.call('put', `/approval-workflow/templates/${id}`).send({ name: 'Collection-level, renamed', stages: [reviewStage()] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ version: 2, itemLevel: false, name: 'Collection-level, renamed' });
    expect(await templateRow(id)).toMatchObject({ version: 2, name: 'Collection-level, renamed' });
  });
});

describe('groups: plugin-defined approver groups', () => {
  it('a group with members, named in a template, is expanded to its members by a request', async () => {
    const created = await c.admin
      .call('post', '/approval-workflow/groups')
      .send({ name: 'Pricing committee', members: [c.reviewer.principal, c.legal.principal] });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ id: expect.any(String), name: 'Pricing committee', description: null, members: [c.reviewer.principal, c.legal.principal] });
    const groupId = created.body.data.id as string;
    expect(await db(GROUP).findOne({ where: { documentId: groupId } })).toMatchObject({ name: 'Pricing committee', members: [c.reviewer.principal, c.legal.principal] });
    expect((await c.admin.call('get', `/approval-workflow/groups/${groupId}`)).body.data.members).toEqual([c.reviewer.principal, c.legal.principal]);

    const templateId = await createTemplate(c.admin, { name: 'Committee', stages: [{ name: 'Committee', obligations: [{ kind: 'group', id: groupId }] }] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Committee page' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    const requestId = requestIdOf(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Committee page, edited' }));

    const detail = await c.legal.call('get', `/approval-workflow/requests/${requestId}`);
    expect(detail.status).toBe(200);
    const [stage] = detail.body.data.stages;
    expect(stage.obligations.map((o: { holder: { principal: string } }) => o.holder.principal)).toEqual([c.reviewer.principal, c.legal.principal]);
    expect(stage.obligations.map((o: { sources: unknown }) => o.sources)).toEqual([
      [{ kind: 'group', id: groupId }],
      [{ kind: 'group', id: groupId }],
    ]);
    expect(await awaitingOf(app, requestId)).toEqual(expect.arrayContaining([c.reviewer.principal, c.legal.principal]));

    // A member outside the reviewers role decides as a group member.
    const approve = await c.legal.call('post', `/approval-workflow/requests/${requestId}/approve`).send({});
    expect(approve.status).toBe(200);
    expect(approve.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Committee page, edited');
    expect(await decisionsOf(requestId)).toEqual([expect.objectContaining({ kind: 'approve', by: c.legal.principal })]);

    // Deleting a group a template names is refused.
    const refused = await c.admin.call('delete', `/approval-workflow/groups/${groupId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.templates).toEqual([templateId]);
    expect(await db(GROUP).findOne({ where: { documentId: groupId } })).not.toBeNull();
  });

  it('a deactivated member is left out when a request starts', async () => {
    const created = await c.admin
      .call('post', '/approval-workflow/groups')
      .send({ name: 'Partly away', members: [c.reviewer.principal, c.reviewer2.principal] });
    const groupId = created.body.data.id as string;
    await app.strapi.db.query('admin::user').update({ where: { id: c.reviewer2.id }, data: { isActive: false } });
    try {
      const templateId = await createTemplate(c.admin, { name: 'Partly away', stages: [{ name: 'All', criteria: 0, obligations: [{ kind: 'group', id: groupId }] }] });
      const { documentId } = await seedDocument(app, ARTICLE, { title: 'Away page' });
      await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
      const requestId = requestIdOf(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Away page, edited' }));
      const stored = await requestRow(app, requestId);
      expect(stored.state.stages[0].obligations.map((o: { holder: string }) => o.holder)).toEqual([c.reviewer.principal]);
      expect((await c.reviewer.call('post', `/approval-workflow/requests/${requestId}/approve`).send({})).body.data.status).toBe('approved');
    } finally {
      await app.strapi.db.query('admin::user').update({ where: { id: c.reviewer2.id }, data: { isActive: true } });
    }
  });

  it('a group with an unknown member is refused with 400 naming it', async () => {
    const count = await db(GROUP).count();
    const res = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Ghosts', members: [c.reviewer.principal, 'admin:9999'] });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(/admin:9999/);
    expect(res.body.error.details.unknown).toEqual({ users: ['admin:9999'] });
    expect(await db(GROUP).count()).toBe(count);

    const malformed = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Malformed', members: ['bob'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.errors).toEqual([expect.objectContaining({ path: ['members', '0'] })]);
    expect(await db(GROUP).count()).toBe(count);
  });

  it('an unused group is deleted (200)', async () => {
    const created = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Short-lived', members: [c.reviewer.principal] });
    const groupId = created.body.data.id as string;
    const del = await c.admin.call('delete', `/approval-workflow/groups/${groupId}`);
    expect(del.status).toBe(200);
    expect(await db(GROUP).findOne({ where: { documentId: groupId } })).toBeNull();
    expect((await c.admin.call('get', `/approval-workflow/groups/${groupId}`)).status).toBe(404);
  });

  it('a group edit changes new requests only: an open request keeps the members it started with', async () => {
    const created = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Rotating', members: [c.reviewer.principal] });
    const groupId = created.body.data.id as string;
    const templateId = await createTemplate(c.admin, { name: 'Rotating duty', stages: [{ name: 'Duty', obligations: [{ kind: 'group', id: groupId }] }] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Duty page' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    const requestId = requestIdOf(await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Duty page, edited' }));

    const edit = await c.admin.call('put', `/approval-workflow/groups/${groupId}`).send({ name: 'Rotating', members: [c.legal.principal] });
    expect(edit.status).toBe(200);
    expect(await db(GROUP).findOne({ where: { documentId: groupId } })).toMatchObject({ members: [c.legal.principal] });

    const byNewMember = await c.legal.call('post', `/approval-workflow/requests/${requestId}/approve`).send({});
    expect(byNewMember.status).toBe(403);
    expect(byNewMember.body.error.details.code).toBe('not-an-approver');
    const byFrozenMember = await c.reviewer.call('post', `/approval-workflow/requests/${requestId}/approve`).send({});
    expect(byFrozenMember.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Duty page, edited');
    expect(await db(REQUEST).count({ where: { targetDocumentId: documentId } })).toBe(1);
  });
});
