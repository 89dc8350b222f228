/**
 * Who may call what: every admin route behind its RBAC action, the content-API routes behind
 * users-permissions grants, row-level visibility of requests, and bad input answered with a 4xx
 * that names what is wrong (never a 500) and changes nothing.
 */
import request from 'supertest';
import routes, { DIRECTORY_ACTIONS } from '../src/plugins/approval-workflow/server/src/routes';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { RequestsService } from '../src/plugins/approval-workflow/server/src/services/requests';
import { ACTIONS } from '../src/plugins/approval-workflow/shared/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast, awaitingOf } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let reviewTemplate: string;
let articleCollection: string;
/** The section collection's managed object (managed for the content-API routes below). */
let sectionCollection: string;

const q = (uid: string) => app.strapi.db.query(uid as never);


/** Everything the tests could change, read straight from the database. */
const snapshot = async () => ({
  requests: await q(UID.request).findMany({ select: ['documentId', 'status', 'updatedAt'], orderBy: { id: 'asc' } }),
  parties: await q(UID.requestParty).findMany({ select: ['request', 'principal', 'role'], orderBy: { id: 'asc' } }),
  decisions: await q(UID.decision).count(),
  managed: await q(UID.managedObject).findMany({ select: ['documentId', 'operations', 'templateId', 'childRelations'], orderBy: { id: 'asc' } }),
  templates: await q(UID.template).findMany({ select: ['documentId', 'version', 'name'], orderBy: { id: 'asc' } }),
  groups: await q(UID.group).findMany({ select: ['documentId', 'name', 'members'], orderBy: { id: 'asc' } }),
  settings: await app.strapi.plugin('approval-workflow').service('settings').get(),
  audit: await q(UID.auditEvent).count(),
  articles: await q(ARTICLE).count(),
  sections: await q(SECTION).count(),
});

/** Content-manager permissions on articles, so that any admin of these roles can be a requester. */
const articleEditing = () => {
  const fields = Object.keys(app.strapi.contentTypes[ARTICLE as keyof typeof app.strapi.contentTypes].attributes);
  return ['create', 'read', 'update', 'delete', 'publish'].map((a) => ({
    action: `plugin::content-manager.explorer.${a}`,
    subject: ARTICLE,
    properties: a === 'delete' || a === 'publish' ? {} : { fields },
  }));
};

const ALL_ACTIONS = Object.values(ACTIONS);

let seq = 0;
const name = (prefix: string) => `${prefix} ${(seq += 1)}`;

/** A pending request made by `requester` (an admin editing an article of the managed collection). */
const requestBy = async (requester: Caller) => {
  const { documentId } = await seedDocument(app, ARTICLE, { title: name('Article') });
  const res = await requester.call('put', cm(ARTICLE, documentId)).send({ title: name('Edited') });
  if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.error.details.approvalRequest.id as string;
};

/** A pending request by the editor whose only approver is `approver` (an entry with its own template). */
const requestAwaiting = async (approver: Caller) => {
  const templateId = await createTemplate(c.admin, { name: name('Only'), stages: [{ name: 'One', obligations: [{ kind: 'user', principal: approver.principal }] }] });
  const { documentId } = await seedDocument(app, ARTICLE, { title: name('Guarded') });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: name('Proposed') });
  if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.error.details.approvalRequest.id as string;
};

/**
 * A pending request whose approver `approver` delegated to an external address (through the service:
 * an admin lacking the decide action cannot call the route, but may still hold a link to revoke).
 */
const linkSentBy = async (approver: Caller) => {
  const id = await requestAwaiting(approver);
  const actor = { principal: approver.principal, kind: 'admin' as const, id: approver.id, roleIds: [], isApprovalAdmin: false };
  await (app.strapi.plugin('approval-workflow').service('requests') as RequestsService).delegate(id, actor, { to: 'email:perm@example.org', comment: null });
  return id;
};

const freshTemplate = () => createTemplate(c.admin, { name: name('Spare'), stages: [{ name: 'S', obligations: [{ kind: 'role', id: c.reviewersRole }] }] });
const freshGroup = async () => {
  const res = await c.admin.call('post', '/approval-workflow/groups').send({ name: name('Group'), members: [c.reviewer.principal] });
  if (res.status !== 201) throw new Error(`group: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
};
const freshManagedEntry = async () => {
  const { documentId } = await seedDocument(app, SECTION, { name: name('Section') });
  return (await manage(c.admin, { kind: 'entry', uid: SECTION, documentId })).id;
};
const templateBody = () => ({ name: name('Body'), stages: [{ name: 'S', obligations: [{ kind: 'role', id: c.reviewersRole }] }] });

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Case {
  method: Method;
  path: string;
  action: string;
  /** The concrete call for this caller: a path with real ids and a valid body. */
  prepare(caller: Caller): Promise<{ path: string; body?: Record<string, unknown> }>;
}

const P = '/approval-workflow';
const ADMIN_CASES: Case[] = [
  { method: 'GET', path: '/requests', action: ACTIONS.readRequests, prepare: async () => ({ path: `${P}/requests` }) },
  { method: 'GET', path: '/requests/:id', action: ACTIONS.readRequests, prepare: async (u) => ({ path: `${P}/requests/${await requestBy(u)}` }) },
  { method: 'POST', path: '/requests/:id/approve', action: ACTIONS.decide, prepare: async (u) => ({ path: `${P}/requests/${await requestAwaiting(u)}/approve`, body: { comment: 'ok' } }) },
  { method: 'POST', path: '/requests/:id/reject', action: ACTIONS.decide, prepare: async (u) => ({ path: `${P}/requests/${await requestAwaiting(u)}/reject`, body: { comment: 'no' } }) },
  { method: 'POST', path: '/requests/:id/delegate', action: ACTIONS.decide, prepare: async (u) => ({ path: `${P}/requests/${await requestAwaiting(u)}/delegate`, body: { to: c.reviewer.principal } }) },
  { method: 'POST', path: '/requests/:id/cancel', action: ACTIONS.readRequests, prepare: async (u) => ({ path: `${P}/requests/${await requestBy(u)}/cancel`, body: {} }) },
  {
    method: 'POST', path: '/requests/:id/external-links/revoke', action: ACTIONS.decide,
    prepare: async (u) => ({ path: `${P}/requests/${await linkSentBy(u)}/external-links/revoke`, body: { to: 'email:perm@example.org' } }),
  },

  { method: 'GET', path: '/entries/status', action: ACTIONS.readRequests, prepare: async () => ({ path: `${P}/entries/status?uid=${ARTICLE}` }) },
  { method: 'GET', path: '/entries/pending', action: ACTIONS.readRequests, prepare: async () => ({ path: `${P}/entries/pending?uid=${ARTICLE}&documentIds=a,b` }) },

  { method: 'GET', path: '/managed-objects', action: ACTIONS.readManaged, prepare: async () => ({ path: `${P}/managed-objects` }) },
  { method: 'GET', path: '/managed-objects/child-relations', action: ACTIONS.readManaged, prepare: async () => ({ path: `${P}/managed-objects/child-relations?uid=${SECTION}` }) },
  { method: 'GET', path: '/managed-objects/:id', action: ACTIONS.readManaged, prepare: async () => ({ path: `${P}/managed-objects/${articleCollection}` }) },
  {
    method: 'POST', path: '/managed-objects', action: ACTIONS.manageManaged,
    prepare: async () => ({ path: `${P}/managed-objects`, body: { kind: 'entry', uid: SECTION, documentId: (await seedDocument(app, SECTION, { name: name('S') })).documentId } }),
  },
  { method: 'PUT', path: '/managed-objects/:id', action: ACTIONS.manageManaged, prepare: async () => ({ path: `${P}/managed-objects/${await freshManagedEntry()}`, body: { operations: ['update'] } }) },
  { method: 'DELETE', path: '/managed-objects/:id', action: ACTIONS.manageManaged, prepare: async () => ({ path: `${P}/managed-objects/${await freshManagedEntry()}` }) },

  { method: 'GET', path: '/templates', action: ACTIONS.readTemplates, prepare: async () => ({ path: `${P}/templates` }) },
  { method: 'GET', path: '/templates/:id', action: ACTIONS.readTemplates, prepare: async () => ({ path: `${P}/templates/${reviewTemplate}` }) },
  { method: 'POST', path: '/templates', action: ACTIONS.manageTemplates, prepare: async () => ({ path: `${P}/templates`, body: templateBody() }) },
  { method: 'PUT', path: '/templates/:id', action: ACTIONS.manageTemplates, prepare: async () => ({ path: `${P}/templates/${await freshTemplate()}`, body: templateBody() }) },
  { method: 'DELETE', path: '/templates/:id', action: ACTIONS.manageTemplates, prepare: async () => ({ path: `${P}/templates/${await freshTemplate()}` }) },
  { method: 'PUT', path: '/templates/:id/default', action: ACTIONS.manageTemplates, prepare: async () => ({ path: `${P}/templates/${await freshTemplate()}/default`, body: {} }) },

  { method: 'GET', path: '/groups', action: ACTIONS.readGroups, prepare: async () => ({ path: `${P}/groups` }) },
  { method: 'GET', path: '/groups/:id', action: ACTIONS.readGroups, prepare: async () => ({ path: `${P}/groups/${await freshGroup()}` }) },
  { method: 'POST', path: '/groups', action: ACTIONS.manageGroups, prepare: async () => ({ path: `${P}/groups`, body: { name: name('New group'), members: [c.legal.principal] } }) },
  { method: 'PUT', path: '/groups/:id', action: ACTIONS.manageGroups, prepare: async () => ({ path: `${P}/groups/${await freshGroup()}`, body: { name: name('Renamed'), members: [] } }) },
  { method: 'DELETE', path: '/groups/:id', action: ACTIONS.manageGroups, prepare: async () => ({ path: `${P}/groups/${await freshGroup()}` }) },

  { method: 'GET', path: '/settings', action: ACTIONS.readSettings, prepare: async () => ({ path: `${P}/settings` }) },
  { method: 'PUT', path: '/settings', action: ACTIONS.updateSettings, prepare: async () => ({ path: `${P}/settings`, body: { reminderIntervalMinutes: 2880 } }) },
  { method: 'GET', path: '/outbox', action: ACTIONS.readSettings, prepare: async () => ({ path: `${P}/outbox?status=failed` }) },

  { method: 'GET', path: '/audit', action: ACTIONS.readAudit, prepare: async () => ({ path: `${P}/audit` }) },
  { method: 'GET', path: '/audit/verify', action: ACTIONS.readAudit, prepare: async () => ({ path: `${P}/audit/verify` }) },
  { method: 'GET', path: '/audit/export', action: ACTIONS.readAudit, prepare: async () => ({ path: `${P}/audit/export?format=csv` }) },
];

/** Routes open to an admin holding any one of several actions (the plugin's `has-any-permission` policy). */
const ANY_CASES = [{ method: 'GET' as const, path: '/directory', actions: DIRECTORY_ACTIONS, call: `${P}/directory?kind=role` }];

const send = (caller: Caller | null, method: Method, path: string, body?: Record<string, unknown>) => {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  const test = caller ? caller.call(verb, path) : request(app.server)[verb](path);
  return body === undefined ? test : test.send(body);
};

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  reviewTemplate = await createTemplate(c.admin, {
    name: 'Reviewers approve',
    stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  articleCollection = (await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId: reviewTemplate })).id;
});
afterAll(async () => {
  await app.stop();
});

describe('admin routes: RBAC', () => {
  it('the table below covers every admin route of the plugin', () => {
    const declared = routes.admin.routes.map((r) => `${r.method} ${r.path} ${r.config.policies.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}`);
    const tested = [
      ...ADMIN_CASES.map((t) => `${t.method} ${t.path} admin::isAuthenticatedAdmin ${JSON.stringify({ name: 'admin::hasPermissions', config: { actions: [t.action] } })}`),
      ...ANY_CASES.map(
        (t) => `${t.method} ${t.path} admin::isAuthenticatedAdmin ${JSON.stringify({ name: 'plugin::approval-workflow.has-any-permission', config: { actions: t.actions } })}`
      ),
    ];
    expect(tested.sort()).toEqual(declared.sort());
  });

  it.each(ANY_CASES.map((t) => [`${t.method} ${t.path}`, t] as const))(
    '%s: 401 without authentication; 403 without any of its actions; allowed with any one of them',
    async (_, t) => {
      expect((await send(null, t.method, t.call)).status).toBe(401);
      const none = await c.a.admin([await c.a.adminRole('None of them', [...ALL_ACTIONS.filter((a) => !t.actions.includes(a))])], 'noneofthem');
      const refused = await send(none, t.method, t.call);
      expect(refused.status).toBe(403);
      expect(refused.body.error.name).toBe('PolicyError');
      for (const action of t.actions) {
        const one = await c.a.admin([await c.a.adminRole(`Only ${action}`, [action])], `only${action.replace(/\W/g, '')}`);
        expect((await send(one, t.method, t.call)).status).toBe(200);
      }
    }
  );

  it.each(ADMIN_CASES.map((t) => [`${t.method} ${t.path}`, t] as const))('%s: 401 without authentication, nothing changes', async (_, t) => {
    const before = await snapshot();
    const { path, body } = { path: t.path.replace(':id', 'whatever'), body: t.method === 'GET' || t.method === 'DELETE' ? undefined : {} };
    const res = await send(null, t.method, `${P}${path}`, body);
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('UnauthorizedError');
    expect(await snapshot()).toEqual(before);
  });

  it.each(ADMIN_CASES.map((t) => [`${t.method} ${t.path}`, t] as const))(
    '%s: 403 for an admin holding every plugin action but this one; with it, allowed',
    async (_, t) => {
      const without = await c.a.admin([await c.a.adminRole('Lacks', [...ALL_ACTIONS.filter((a) => a !== t.action), ...articleEditing()])], 'lacks');
      const call = await t.prepare(without);
      const before = await snapshot();
      const res = await send(without, t.method, call.path, call.body);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('PolicyError');
      expect(await snapshot()).toEqual(before);

      // The same call in the same position, by an admin whose role also holds the action, is allowed.
      const holder = await c.a.admin([await c.a.adminRole('Holds', [...ALL_ACTIONS, ...articleEditing()])], 'holds');
      const allowed = await t.prepare(holder);
      const ok = await send(holder, t.method, allowed.path, allowed.body);
      expect(ok.status).toBe(t.method === 'POST' && !t.path.includes(':id') ? 201 : 200);
    }
  );

  it('the allowed decisions and cancellation were really carried out (spot check on the database)', async () => {
    const holder = await c.a.admin([await c.a.adminRole('Holds', [...ALL_ACTIONS, ...articleEditing()])], 'holds');
    const id = await requestAwaiting(holder);
    const res = await holder.call('post', `${P}/requests/${id}/approve`).send({});
    expect(res.body.data.status).toBe('approved');
    expect((await requestRow(app, id))?.status).toBe('approved');
  });
});

describe('content-API routes: users-permissions grants', () => {
  let requester: Caller;
  let approver: Caller;
  let stranger: Caller;
  const pending: Record<'approve' | 'reject' | 'delegate' | 'cancel' | 'read', string> = { approve: '', reject: '', delegate: '', cancel: '', read: '' };
  const A = '/api/approval-workflow/requests';

  beforeAll(async () => {
    await c.a.grantApi(['api::section.section.update']);
    [requester, approver, stranger] = await Promise.all([c.a.apiUser('requester'), c.a.apiUser('approver'), c.a.apiUser('stranger')]);
    const templateId = await createTemplate(c.admin, { name: 'API approver', stages: [{ name: 'One', obligations: [{ kind: 'user', principal: approver.principal }] }] });
    sectionCollection = (await manage(c.admin, { kind: 'collection', uid: SECTION, operations: ['update'], templateId })).id;
    for (const key of Object.keys(pending) as Array<keyof typeof pending>) {
      const { documentId } = await seedDocument(app, SECTION, { name: `For ${key}` });
      const res = await requester.call('put', `/api/sections/${documentId}`).send({ data: { name: `For ${key}, edited` } });
      expect(res.status).toBe(202);
      pending[key] = res.body.meta.approvalRequest.id;
    }
  });

  it('without grants: 403 on each of the six routes, and nothing changes', async () => {
    const before = await snapshot();
    const calls: Array<[Caller, 'get' | 'post', string, Record<string, unknown>?]> = [
      [requester, 'get', `${A}?mine=true`],
      [requester, 'get', `${A}/${pending.read}`],
      [approver, 'post', `${A}/${pending.approve}/approve`, {}],
      [approver, 'post', `${A}/${pending.reject}/reject`, {}],
      [approver, 'post', `${A}/${pending.delegate}/delegate`, { to: c.reviewer.principal }],
      [requester, 'post', `${A}/${pending.cancel}/cancel`, {}],
    ];
    for (const [who, method, path, body] of calls) {
      const res = await (body ? who.call(method, path).send(body) : who.call(method, path));
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.error.name).toBe('ForbiddenError');
    }
    // An API token without the plugin's actions is refused too.
    const token = await c.a.apiToken(['api::article.article.find']);
    expect((await token.call('get', A)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('granted find: the requester lists their own requests', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.find']);
    const res = await requester.call('get', `${A}?mine=true`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { id: string }) => r.id).sort()).toEqual(Object.values(pending).sort());
    expect(res.body.meta.pagination).toMatchObject({ page: 1, total: 5 });
  });

  it('granted findOne: the requester reads one', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.findOne']);
    const res = await requester.call('get', `${A}/${pending.read}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: pending.read, status: 'pending', requester: { principal: requester.principal } });
  });

  it('granted approve: the approver approves and the change is applied', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.approve']);
    const res = await approver.call('post', `${A}/${pending.approve}/approve`).send({ comment: 'fine' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('approved');
    const stored = await requestRow(app, pending.approve);
    expect(stored?.status).toBe('approved');
    expect((await row(app, SECTION, stored?.targetDocumentId, true))?.name).toBe('For approve, edited');
  });

  it('granted reject: the approver rejects and nothing is applied', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.reject']);
    const res = await approver.call('post', `${A}/${pending.reject}/reject`).send({});
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('declined');
    const stored = await requestRow(app, pending.reject);
    expect(stored?.status).toBe('declined');
    expect((await row(app, SECTION, stored?.targetDocumentId, true))?.name).toBe('For reject');
  });

  it('granted delegate: the approver hands the obligation to an admin', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.delegate']);
    const res = await approver.call('post', `${A}/${pending.delegate}/delegate`).send({ to: c.reviewer.principal, comment: 'yours' });
    expect(res.status).toBe(200);
    const stored = await requestRow(app, pending.delegate);
    expect(stored?.status).toBe('pending');
    expect(await awaitingOf(app, pending.delegate)).toEqual([c.reviewer.principal]);
  });

  it('granted cancel: the requester cancels', async () => {
    await c.a.grantApi(['plugin::approval-workflow.requests.cancel']);
    const res = await requester.call('post', `${A}/${pending.cancel}/cancel`).send({});
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('cancelled');
    expect((await requestRow(app, pending.cancel))?.status).toBe('cancelled');
  });

  it('revoke over the content API: 403 without the grant; granted, the delegator revokes the link they sent', async () => {
    const templateId = await createTemplate(c.admin, { name: 'API revoke', stages: [{ name: 'One', obligations: [{ kind: 'user', principal: approver.principal }] }] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Revocable' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    const opened = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Revocable, edited' });
    const id = opened.body.error.details.approvalRequest.id as string;
    const sent = await approver.call('post', `${A}/${id}/delegate`).send({ to: 'email:api.revoke@example.org', expiresInMinutes: 60 });
    expect(sent.status).toBe(200);
    const before = await snapshot();
    const refused = await approver.call('post', `${A}/${id}/external-links/revoke`).send({});
    expect(refused.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    await c.a.grantApi(['plugin::approval-workflow.requests.revokeLinks']);
    const stranger = await c.a.apiUser('revoker');
    expect((await stranger.call('post', `${A}/${id}/external-links/revoke`).send({})).status).toBe(403);
    const res = await approver.call('post', `${A}/${id}/external-links/revoke`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { revoked: 1 } });
  });

  it('the external link routes are public (no grant, no authentication), each behind the rate-limit policy', async () => {
    const publicRoutes = routes['content-api'].routes.filter((r) => r.path.startsWith('/external/'));
    expect(publicRoutes.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.config)}`)).toEqual(
      ['GET /external/:token', 'POST /external/:token/approve', 'POST /external/:token/reject'].map(
        (route) => `${route} ${JSON.stringify({ auth: false, policies: ['plugin::approval-workflow.rate-limit'] })}`
      )
    );
    const unknown = 'A'.repeat(43);
    expect((await request(app.server).get(`/api/approval-workflow/external/${unknown}`).set('Accept', 'application/json')).status).toBe(404);
    expect((await request(app.server).post(`/api/approval-workflow/external/${unknown}/approve`).send({})).status).toBe(404);
    expect((await request(app.server).post(`/api/approval-workflow/external/${unknown}/reject`).send({})).status).toBe(404);
  });

  it('unknown request ids over the content API → 404; anonymous callers → 403', async () => {
    const before = await snapshot();
    for (const [method, suffix, body] of [['get', '', undefined], ['post', '/approve', {}], ['post', '/cancel', {}]] as const) {
      const res = await (body ? requester.call(method, `${A}/nosuchrequest${suffix}`).send(body) : requester.call(method, `${A}/nosuchrequest${suffix}`));
      expect({ suffix, status: res.status, name: res.body.error?.name }).toEqual({ suffix, status: 404, name: 'NotFoundError' });
    }
    const anonymous = await request(app.server).get(A);
    expect(anonymous.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('row level: a granted content-API user who is no party gets 403 and an empty list', async () => {
    const res = await stranger.call('get', `${A}/${pending.read}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not a party/);
    const list = await stranger.call('get', A);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    const approve = await stranger.call('post', `${A}/${pending.read}/approve`).send({});
    expect(approve.status).toBe(403);
    expect(approve.body.error.details.code).toBe('not-an-approver');
    expect((await requestRow(app, pending.read))?.status).toBe('pending');
  });
});

describe('row level: who sees which request', () => {
  let id: string;
  let reader: Caller;
  let readAll: Caller;

  beforeAll(async () => {
    id = await requestBy(c.editor);
    reader = await c.a.admin([await c.a.adminRole('Reader', [ACTIONS.readRequests, ACTIONS.decide])], 'reader');
    readAll = await c.a.admin([await c.a.adminRole('ReadAll', [ACTIONS.readRequests, ACTIONS.readAllRequests])], 'readall');
  });

  it('requests.read but no party: 403 on the request, absent from the list', async () => {
    const res = await reader.call('get', `${P}/requests/${id}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not a party/);
    const list = await reader.call('get', `${P}/requests?pageSize=100`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(list.body.meta.pagination.total).toBe(0);
    const approve = await reader.call('post', `${P}/requests/${id}/approve`).send({});
    expect(approve.status).toBe(403);
    expect((await requestRow(app, id))?.status).toBe('pending');
  });

  it('requests.read-all: sees it in the list and reads it', async () => {
    const list = await readAll.call('get', `${P}/requests?pageSize=100`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.body.meta.pagination.total).toBe(await q(UID.request).count());
    const res = await readAll.call('get', `${P}/requests/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, status: 'pending', viewer: { canApprove: false, canCancel: false } });
  });

  it('a party (an approver of the request) sees it without read-all', async () => {
    const res = await c.reviewer.call('get', `${P}/requests/${id}`);
    expect(res.status).toBe(200);
    const list = await c.reviewer.call('get', `${P}/requests?awaiting=me&pageSize=100`);
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(id);
  });
});

describe('bad input: a 4xx naming what is wrong, never a 500, nothing changes', () => {
  let pendingId: string;
  let sectionEntry: string;
  let articleEntry: string;

  beforeAll(async () => {
    pendingId = await requestBy(c.editor);
    sectionEntry = (await seedDocument(app, SECTION, { name: 'Parent' })).documentId;
    articleEntry = (await seedDocument(app, ARTICLE, { title: 'Entry' })).documentId;
    const existing = (await q(UID.managedObject).findOne({ where: { kind: 'collection', uid: SECTION } })) as { documentId: string } | null;
    sectionCollection = existing?.documentId ?? (await manage(c.admin, { kind: 'collection', uid: SECTION, operations: ['update'] })).id;
  });

  const expectRefused = async (res: request.Response, status: number, message: RegExp, before: unknown) => {
    expect({ status: res.status, body: res.body }).toEqual({ status, body: expect.objectContaining({ data: null }) });
    expect(res.body.error.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    // Every 400 points at the field that is wrong, as Strapi's ValidationError does.
    if (status === 400) expect(res.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining([expect.any(String)]) })]));
    expect(await snapshot()).toEqual(before);
  };

  describe('unknown request id → 404', () => {
    it.each([
      ['get', 'GET', '', undefined],
      ['approve', 'POST', '/approve', {}],
      ['reject', 'POST', '/reject', {}],
      ['cancel', 'POST', '/cancel', {}],
      ['delegate', 'POST', '/delegate', { to: 'admin:1' }],
    ] as const)('%s', async (_, method, suffix, body) => {
      const before = await snapshot();
      const res = await send(c.admin, method, `${P}/requests/nosuchrequest${suffix}`, body);
      await expectRefused(res, 404, /nosuchrequest/, before);
      expect(res.body.error.name).toBe('NotFoundError');
    });
  });

  describe('malformed decision, cancellation and delegation bodies → 400', () => {
    it.each([
      ['approve with comment: 5', 'approve', { comment: 5 }, /comment/],
      ['reject with comment: 5', 'reject', { comment: 5 }, /comment/],
      ['cancel with comment: 5', 'cancel', { comment: 5 }, /comment/],
      ['approve with an unknown key', 'approve', { verdict: 'yes' }, /verdict/],
      ['reject with an unknown key', 'reject', { verdict: 'no' }, /verdict/],
      ['cancel with an unknown key', 'cancel', { why: 'because' }, /why/],
      ['delegate with an unknown key', 'delegate', { to: 'admin:1', extra: true }, /extra/],
      ["delegate to: 'nobody'", 'delegate', { to: 'nobody' }, /\bto\b/],
      ['delegate to: -1', 'delegate', { to: -1 }, /\bto\b/],
      ['delegate without to', 'delegate', {}, /\bto\b/],
      ['delegate to an unknown admin', 'delegate', { to: 'admin:999999' }, /admin:999999/],
      ['approve with an empty password', 'approve', { password: '' }, /password/],
    ] as const)('%s', async (_, action, body, message) => {
      const before = await snapshot();
      const res = await c.reviewer.call('post', `${P}/requests/${pendingId}/${action}`).send(body);
      await expectRefused(res, 400, message, before);
      expect(res.body.error.name).toBe('ValidationError');
    });
  });

  describe('delegations the engine refuses', () => {
    it.each([
      ['to oneself → 400', () => ({ to: c.reviewer.principal }), 400, 'invalid-delegate'],
      ['to the requester → 400', () => ({ to: c.editor.principal }), 400, 'invalid-delegate'],
      ['an unknown obligationId → 404', () => ({ to: c.legal.principal, obligationId: 'nosuchobligation' }), 404, 'unknown-obligation'],
    ] as const)('%s', async (_, body, status, code) => {
      const before = await snapshot();
      const res = await c.reviewer.call('post', `${P}/requests/${pendingId}/delegate`).send(body());
      await expectRefused(res, status, /./, before);
      expect(res.body.error.details.code).toBe(code);
    });
  });

  describe('bad list filters and pagination → 400', () => {
    it.each([
      ['requests ?status=bogus', '/requests?status=bogus', /status/],
      ['requests ?awaiting=you', '/requests?awaiting=you', /awaiting/],
      ['requests ?mine=perhaps', '/requests?mine=perhaps', /mine/],
      ['requests ?page=0', '/requests?page=0', /page/],
      ['requests ?pageSize=1000', '/requests?pageSize=1000', /pageSize/],
      ['requests ?pagination[pageSize]=1000', '/requests?pagination[pageSize]=1000', /pageSize/],
      ['requests ?page=abc', '/requests?page=abc', /page/],
      ['managed objects ?kind=bogus', '/managed-objects?kind=bogus', /kind/],
      ['templates ?pageSize=1000', '/templates?pageSize=1000', /pageSize/],
      ['groups ?page=0', '/groups?page=0', /page/],
      ['audit ?pageSize=0', '/audit?pageSize=0', /pageSize/],
      ['audit ?action=bogus', '/audit?action=bogus', /action/],
      ['audit ?from=tomorrow', '/audit?from=tomorrow', /from/],
      ['audit export ?format=xml', '/audit/export?format=xml', /format/],
    ])('%s', async (_, path, message) => {
      const before = await snapshot();
      const res = await c.admin.call('get', `${P}${path}`);
      await expectRefused(res, 400, message, before);
    });
  });

  describe('managed objects', () => {
    it.each([
      ['unknown uid', () => ({ kind: 'collection', uid: 'api::nope.nope' }), /api::nope\.nope/],
      ['a plugin uid', () => ({ kind: 'collection', uid: UID.request }), /plugin::approval-workflow\.request/],
      ['an admin uid', () => ({ kind: 'collection', uid: 'admin::user' }), /admin::user/],
      ['a users-permissions uid', () => ({ kind: 'collection', uid: 'plugin::users-permissions.user' }), /plugin::users-permissions\.user/],
      ["operations ['fly']", () => ({ kind: 'collection', uid: SECTION, operations: ['fly'] }), /operations/],
      ['operations []', () => ({ kind: 'collection', uid: SECTION, operations: [] }), /operations/],
      ['publish on a type without draft & publish', () => ({ kind: 'collection', uid: SECTION, operations: ['update', 'publish'] }), /operations|publish/],
      ['create on an entry', () => ({ kind: 'entry', uid: SECTION, documentId: sectionEntry, operations: ['create'] }), /create/],
      ['an unknown kind', () => ({ kind: 'folder', uid: SECTION }), /kind/],
      ['an unknown key', () => ({ kind: 'collection', uid: SECTION, colour: 'red' }), /colour/],
      ['an entry without documentId', () => ({ kind: 'entry', uid: SECTION }), /documentId/],
      ['an entry with an unknown documentId', () => ({ kind: 'entry', uid: SECTION, documentId: 'nosuchentry' }), /nosuchentry/],
      ['an unknown template', () => ({ kind: 'collection', uid: SECTION, templateId: 'nosuchtemplate' }), /nosuchtemplate/],
      [
        'childRelations to a field that is not a relation',
        () => ({ kind: 'entry', uid: SECTION, documentId: sectionEntry, childRelations: [{ uid: ARTICLE, field: 'title' }] }),
        /childRelations|title/,
      ],
      [
        'childRelations to a relation that points to another type',
        () => ({ kind: 'entry', uid: ARTICLE, documentId: articleEntry, childRelations: [{ uid: ARTICLE, field: 'section' }] }),
        /childRelations|section/,
      ],
      [
        'childRelations of an unknown type',
        () => ({ kind: 'entry', uid: SECTION, documentId: sectionEntry, childRelations: [{ uid: 'api::nope.nope', field: 'section' }] }),
        /api::nope\.nope/,
      ],
      [
        'childRelations with a missing field',
        () => ({ kind: 'entry', uid: SECTION, documentId: sectionEntry, childRelations: [{ uid: ARTICLE }] }),
        /field/,
      ],
    ])('mark: %s → 400', async (_, body, message) => {
      const before = await snapshot();
      const res = await c.admin.call('post', `${P}/managed-objects`).send(body());
      await expectRefused(res, 400, message, before);
      expect(res.body.error.name).toBe('ValidationError');
    });

    it('marking the same object twice → 409, still one managed object', async () => {
      const first = await c.admin.call('post', `${P}/managed-objects`).send({ kind: 'entry', uid: SECTION, documentId: sectionEntry });
      expect(first.status).toBe(201);
      const before = await snapshot();
      const again = await c.admin.call('post', `${P}/managed-objects`).send({ kind: 'entry', uid: SECTION, documentId: sectionEntry, operations: ['delete'] });
      await expectRefused(again, 409, /Already managed/, before);
      expect(again.body.error.details.managedObject.id).toBe(first.body.data.id);
      const collectionAgain = await c.admin.call('post', `${P}/managed-objects`).send({ kind: 'collection', uid: ARTICLE });
      await expectRefused(collectionAgain, 409, /Already managed/, before);
      expect(await q(UID.managedObject).count({ where: { uid: SECTION, entryDocumentId: sectionEntry } })).toBe(1);
      await c.admin.call('delete', `${P}/managed-objects/${first.body.data.id}`);
    });

    it.each([
      ["operations ['fly']", { operations: ['fly'] }, /operations/],
      ['publish on a type without draft & publish', { operations: ['publish'] }, /operations|publish/],
      ['an unknown key', { kind: 'entry' }, /kind/],
      ['an unknown template', { templateId: 'nosuchtemplate' }, /nosuchtemplate/],
      ['childRelations on a collection', { childRelations: [{ uid: ARTICLE, field: 'section' }] }, /child relations/],
    ])('update: %s → 400', async (_, body, message) => {
      const before = await snapshot();
      const res = await c.admin.call('put', `${P}/managed-objects/${sectionCollection}`).send(body);
      await expectRefused(res, 400, message, before);
    });

    it.each([
      ['GET', undefined],
      ['PUT', { operations: ['update'] }],
      ['DELETE', undefined],
    ] as const)('unknown managed object id on %s → 404', async (method, body) => {
      const before = await snapshot();
      const res = await send(c.admin, method, `${P}/managed-objects/nosuchobject`, body);
      await expectRefused(res, 404, /nosuchobject/, before);
    });
  });

  describe('settings → 400', () => {
    it.each([
      ['bypassRoles: []', { bypassRoles: [] }, /bypassRoles/],
      ['an unknown bypass role', { bypassRoles: [999999] }, /999999/],
      ['bypassRoles: ["1"]', { bypassRoles: ['1'] }, /bypassRoles/],
      ['reminderIntervalMinutes: 0', { reminderIntervalMinutes: 0 }, /reminderIntervalMinutes/],
      ['escalationAfterMinutes: -5', { escalationAfterMinutes: -5 }, /escalationAfterMinutes/],
      ['urgentMode: "yes"', { urgentMode: 'yes' }, /urgentMode/],
      ['an unknown template as default', { defaultTemplateId: 'nosuchtemplate' }, /nosuchtemplate/],
      ['an unknown key', { colour: 'red' }, /colour/],
      ['mail without every kind', { mail: { reminder: false } }, /request-opened/],
    ])('%s', async (_, body, message) => {
      const before = await snapshot();
      const res = await c.admin.call('put', `${P}/settings`).send(body);
      await expectRefused(res, 400, message, before);
      expect(res.body.error.name).toBe('ValidationError');
    });
  });

  describe('templates and groups: unknown ids → 404', () => {
    it.each([
      ['GET /templates/:id', 'GET', '/templates/nosuchtemplate', undefined],
      ['PUT /templates/:id', 'PUT', '/templates/nosuchtemplate', 'template'],
      ['DELETE /templates/:id', 'DELETE', '/templates/nosuchtemplate', undefined],
      ['PUT /templates/:id/default', 'PUT', '/templates/nosuchtemplate/default', 'empty'],
      ['GET /groups/:id', 'GET', '/groups/nosuchgroup', undefined],
      ['PUT /groups/:id', 'PUT', '/groups/nosuchgroup', 'group'],
      ['DELETE /groups/:id', 'DELETE', '/groups/nosuchgroup', undefined],
    ] as const)('%s', async (_, method, path, kind) => {
      const body = kind === 'template' ? templateBody() : kind === 'group' ? { name: 'G', members: [] } : kind === 'empty' ? {} : undefined;
      const before = await snapshot();
      const res = await send(c.admin, method, `${P}${path}`, body);
      await expectRefused(res, 404, /nosuch(template|group)/, before);
      expect(res.body.error.name).toBe('NotFoundError');
    });
  });

  describe('templates and groups: malformed bodies → 400', () => {
    it.each([
      ['a template without stages', '/templates', { name: 'No stages', stages: [] }, /stages/],
      ['a template with an unknown key', '/templates', { ...{ name: 'X', stages: [{ name: 'S', obligations: [{ kind: 'user', principal: 'admin:1' }] }] }, colour: 1 }, /colour/],
      ['a template naming an unknown role', '/templates', { name: 'X', stages: [{ name: 'S', obligations: [{ kind: 'role', id: 999999 }] }] }, /999999/],
      ['a template naming an unknown user', '/templates', { name: 'X', stages: [{ name: 'S', obligations: [{ kind: 'user', principal: 'admin:999999' }] }] }, /admin:999999/],
      ["a template with onExpiry 'later'", '/templates', { name: 'X', stages: [{ name: 'S', onExpiry: 'later', obligations: [{ kind: 'user', principal: 'admin:1' }] }] }, /onExpiry/],
      ['a group with a bad member', '/groups', { name: 'G', members: ['bob'] }, /members/],
      ['a group naming an unknown user', '/groups', { name: 'G', members: ['user:999999'] }, /user:999999/],
      ['a group without a name', '/groups', { members: [] }, /name/],
    ])('%s', async (_, path, body, message) => {
      const before = await snapshot();
      const res = await c.admin.call('post', `${P}${path}`).send(body);
      await expectRefused(res, 400, message, before);
    });
  });
});
