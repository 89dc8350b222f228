/**
 * Malformed input on every plugin route and on managed writes: NUL characters, unpaired UTF-16
 * surrogates, ids beyond the id columns, wrong types, deep nesting, huge strings, arrays where
 * objects go. Fixed tables (deterministic), each case changing one thing of an otherwise valid
 * call. Every answer is a 4xx in Strapi's error shape — never a 5xx — and nothing is stored.
 * Run on SQLite, PostgreSQL and MariaDB (the databases refuse different things).
 */
import request from 'supertest';
import routes from '../src/plugins/approval-workflow/server/src/routes';
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, SECTION, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let writer: Caller;
let ids: { request: string; template: string; group: string; managed: string; article: string; section: string };

const P = '/approval-workflow';
const A = '/api/approval-workflow';

type Who = 'admin' | 'editor' | 'writer';
type Method = 'get' | 'post' | 'put' | 'delete';
interface Case {
  label: string;
  who: Who;
  method: Method;
  /** The route as declared (`/requests/:id`), for the coverage check; null for managed writes. */
  route: string | null;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A route that reads no input: it may ignore what it is sent, but never answers 5xx. */
  ignored?: boolean;
  /** The field that is wrong: a 400 must name it (the first element of a `details.errors[].path`). */
  field?: string;
}

// ---- Bad values -------------------------------------------------------------------------------

const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udc00\ud800', 'ok\ud83d'];
const NOT_TEXT = [42, true, {}, [], ['a'], { $ne: null }];
/** Values that are no text field's value (the field's own length limit is added per field). */
const badText = (max: number, nullable: boolean) => [...UNSTORABLE, ...NOT_TEXT, 'x'.repeat(max + 1), ...(nullable ? [] : [null])];
/** Integers no id column holds, and numbers that are no id. */
const BAD_IDS = [Number.MAX_VALUE, 1e20, 2147483648, -2147483649, 0, -1, 1.5];
const BAD_PRINCIPALS = [
  'admin:99999999999999999999',
  'user:1e20',
  'admin:2147483648',
  'user:99999999999999999999',
  'admin:0',
  'admin:-1',
  'admin:1\u0000',
  '\u0000',
  'x\ud800',
  'bob',
  42,
  {},
  null,
];
const BAD_MINUTES = [0, -1, 1.5, 1e20, Number.MAX_VALUE, '5', {}, []];
const BAD_BOOLEANS = ['yes', 1, {}, []];
const BAD_ENUMS = ['bogus', 1, {}, '\u0000', 'x\ud800'];
/** `{ a: { a: … } }`, n levels. */
const deep = (n: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < n; i += 1) value = { a: value };
  return value;
};
const deepArray = (n: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < n; i += 1) value = [value];
  return value;
};
const WHOLE_BODIES = [[], [{}], 'text', 42, deep(50), deep(2000), deepArray(2000), { ['\u0000']: 1 }, { ['\ud800']: 1 }];

/** Path ids that are no document id: NUL, too long, broken escapes, traversal, huge numbers. */
const BAD_PATH_IDS = ['%00', 'a%00b', 'x'.repeat(300), '%ED%A0%80', '%F0', '..%2F..%2Fsettings', '99999999999999999999', '-1', '%20'];

/** Query strings no list takes. */
const BAD_PAGES = [
  'page=0',
  'page=-1',
  'page=1.5',
  'page=99999999999999999999',
  'page=1e20',
  'page=abc',
  'page[x]=1',
  'pageSize=0',
  'pageSize=101',
  'pageSize=1e20',
  'pagination[page]=99999999999999999999',
  'pagination[pageSize]=%00',
];
const badDateQuery = (key: string) => [`${key}=yesterday`, `${key}=2026-02-30`, `${key}=2026-12-01T10:00`, `${key}=99999-01-01`, `${key}=2026-12-01%00`];
const badStringQuery = (key: string) => [`${key}=%00`, `${key}=a%00b`, `${key}[]=a&${key}[]=b`, `${key}[$ne]=x`, `${key}=${'x'.repeat(300)}`];

const AUDIT_FILTERS = [
  ...badStringQuery('requestId'),
  ...badStringQuery('actor'),
  'actor=',
  'action=bogus',
  'action[]=requested&action[]=approved',
  ...badDateQuery('from'),
  'from[$ne]=x',
  ...badDateQuery('to'),
  'to[$ne]=x',
];
/** The export checks its filters with the list's schema: one bad value of each, and its format. */
const AUDIT_EXPORT = [
  'requestId=%00&format=csv',
  'actor[$ne]=x&format=csv',
  'action=bogus&format=json',
  'from=2026-02-30&format=csv',
  'to=yesterday&format=json',
  'format=xml',
  'format=%00',
  'format[]=csv',
  'format=',
];

// ---- Case builders ----------------------------------------------------------------------------

/** One case per bad value of each field: the valid body with that field replaced. */
const fieldCases = (
  base: Omit<Case, 'label' | 'body'>,
  valid: Record<string, unknown>,
  fields: Record<string, unknown[]>
): Case[] =>
  Object.entries(fields).flatMap(([field, values]) =>
    values.map((value, i) => ({ ...base, label: `${base.method.toUpperCase()} ${base.path} ${field}#${i}`, body: { ...valid, [field]: value }, field }))
  );

const wholeBodyCases = (base: Omit<Case, 'label' | 'body'>): Case[] =>
  WHOLE_BODIES.map((body, i) => ({ ...base, label: `${base.method.toUpperCase()} ${base.path} body#${i}`, body }));

/** Every bad path id on a route with `:id`. */
const pathCases = (who: Who, method: Method, prefix: string, route: string, body?: unknown): Case[] =>
  BAD_PATH_IDS.map((id, i) => ({ label: `${method.toUpperCase()} ${route} id#${i}`, who, method, route, path: `${prefix}${route.replace(':id', id)}`, body, field: 'id' }));

/** The filter a query sets: `uid[$ne]=x` → uid, `pagination[page]=0` → page. */
const fieldOfQuery = (query: string) => /^pagination\[(\w+)\]/.exec(query)?.[1] ?? query.split(/[[=]/)[0];

const queryCases = (who: Who, prefix: string, route: string, queries: string[]): Case[] =>
  queries.map((query, i) => ({
    label: `GET ${route}?${query.slice(0, 40)} #${i}`,
    who,
    method: 'get' as const,
    route,
    path: `${prefix}${route}?${query}`,
    field: fieldOfQuery(query),
  }));

const templateBody = () => ({ name: 'Fuzz template', stages: [{ name: 'S', obligations: [{ kind: 'role', id: c.reviewersRole }] }] });
const stage = (overrides: Record<string, unknown>) => ({ name: 'S', obligations: [{ kind: 'role', id: c.reviewersRole }], ...overrides });

const templateCases = (method: 'post' | 'put', path: string, route: string): Case[] => {
  const base = { who: 'admin' as const, method, route, path };
  return [
    ...fieldCases(base, templateBody(), {
      name: badText(200, false),
      description: badText(5000, true),
      securityLevel: BAD_ENUMS,
      urgentAllowed: BAD_BOOLEANS,
      rejectionPolicy: BAD_ENUMS,
      ownerRules: [[], 'x', { ownerApproval: 'yes' }, { bogus: true }, deep(40)],
      stages: [[], {}, 'x', [{}], [null], deepArray(40)],
      password: [42, {}, []],
      ['\u0000']: [1],
    }),
    ...[
      ...badText(200, false).map((name) => stage({ name })),
      ...BAD_MINUTES.map((timeSpanMinutes) => stage({ timeSpanMinutes })),
      ...BAD_ENUMS.map((onExpiry) => stage({ onExpiry })),
      ...[-1, 1.5, '1', null, {}].map((criteria) => stage({ criteria })),
      ...BAD_PRINCIPALS.map((principal) => stage({ obligations: [{ kind: 'user', principal }] })),
      ...[...BAD_IDS, '99999999999999999999', '1e20', 'abc', '\u0000', null, {}, []].map((id) => stage({ obligations: [{ kind: 'role', id }] })),
      ...[...UNSTORABLE, 'x'.repeat(256), null, {}, -1, 1e20].map((id) => stage({ obligations: [{ kind: 'group', id }] })),
      ...[0, -1, 1.5, 'two'].map((minApprovals) => stage({ obligations: [{ kind: 'role', id: c.reviewersRole, minApprovals }] })),
      ...[[], {}, 'x', [{}], [{ kind: 'bogus' }], [{ kind: 'user' }]].map((obligations) => stage({ obligations })),
    ].map((s, i) => ({ ...base, label: `${method.toUpperCase()} ${route} stage#${i}`, body: { ...templateBody(), stages: [s] }, field: 'stages' })),
    ...wholeBodyCases(base),
  ];
};

const groupCases = (method: 'post' | 'put', path: string, route: string): Case[] => {
  const base = { who: 'admin' as const, method, route, path };
  return [
    ...fieldCases(base, { name: 'Fuzz group', members: [] }, {
      name: badText(200, false),
      description: badText(5000, true),
      members: [...BAD_PRINCIPALS.map((p) => [p]), 'admin:1', {}, null],
    }),
    ...wholeBodyCases(base),
  ];
};

const decisionCases = (who: Who, prefix: string, action: 'approve' | 'reject' | 'cancel' | 'delegate'): Case[] => {
  const route = `/requests/:id/${action}`;
  const base = { who, method: 'post' as const, route, path: `${prefix}/requests/${ids.request}/${action}` };
  const comment = badText(5000, true);
  const fields: Record<string, unknown[]> =
    action === 'delegate'
      ? { to: [...BAD_IDS, ...BAD_PRINCIPALS, [], true, 'email:nobody', 'email:\u0000@x.org'], comment, obligationId: [...UNSTORABLE, 'x'.repeat(256), 42, {}], expiresInMinutes: BAD_MINUTES }
      : action === 'cancel'
        ? { comment }
        : { comment, password: [42, {}, [], ''] };
  const valid = action === 'delegate' ? { to: c.legal.principal } : {};
  return [...fieldCases(base, valid, fields), ...wholeBodyCases(base), ...pathCases(who, 'post', prefix, route, valid)];
};

const revokeCases = (who: Who, prefix: string): Case[] => {
  const route = '/requests/:id/external-links/revoke';
  const base = { who, method: 'post' as const, route, path: `${prefix}/requests/${ids.request}/external-links/revoke` };
  return [
    ...fieldCases(base, {}, { to: [...badText(320, true), 'bob', 'email:nobody', 'admin:1', `email:${'x'.repeat(320)}@example.org`], obligationId: [...UNSTORABLE, 'x'.repeat(256), 42, {}] }),
    ...wholeBodyCases(base),
    ...pathCases(who, 'post', prefix, route, {}),
  ];
};

/** The plugin's routes, admin and content API, each with its bad queries, path ids and bodies. */
const routeCases = (): Case[] => {
  const requestQueries = [
    'status=bogus',
    'status=%00',
    'status[]=pending&status[]=approved',
    'awaiting=you',
    'awaiting=%00',
    'mine=perhaps',
    'mine[$ne]=1',
    ...badStringQuery('uid'),
    ...badStringQuery('documentId'),
    'operation=bogus',
    'operation[]=create',
    ...badStringQuery('q'),
    ...BAD_PAGES,
  ];
  const managed = { who: 'admin' as const, route: '/managed-objects', path: `${P}/managed-objects` };
  const settings = { who: 'admin' as const, method: 'put' as const, route: '/settings', path: `${P}/settings` };
  return [
    // Requests, admin and content API.
    ...queryCases('admin', P, '/requests', requestQueries),
    ...queryCases('writer', A, '/requests', requestQueries),
    ...pathCases('admin', 'get', P, '/requests/:id'),
    ...pathCases('writer', 'get', A, '/requests/:id'),
    ...(['approve', 'reject', 'cancel', 'delegate'] as const).flatMap((action) => [...decisionCases('admin', P, action), ...decisionCases('writer', A, action)]),
    ...revokeCases('admin', P),
    ...revokeCases('writer', A),

    // External approvers' links (public): malformed tokens are unknown (404), malformed bodies 400.
    ...BAD_PATH_IDS.flatMap((token, i) =>
      [['get', ''], ['post', '/approve'], ['post', '/reject']].map(([method, suffix]) => ({
        label: `${method.toUpperCase()} /external/:token${suffix} token#${i}`,
        who: 'writer' as const,
        method: method as Method,
        route: `/external/:token${suffix}`,
        path: `${A}/external/${token}${suffix}`,
        // A browser gets the link's HTML pages; an API client asks for JSON, in Strapi's error shape.
        headers: { Accept: 'application/json' },
        ...(method === 'post' ? { body: {} } : {}),
      }))
    ),
    ...(['approve', 'reject'] as const).flatMap((action) => {
      const base = { who: 'writer' as const, method: 'post' as const, route: `/external/:token/${action}`, path: `${A}/external/${'A'.repeat(43)}/${action}` };
      return [...fieldCases(base, {}, { comment: badText(5000, true), verdict: ['yes'] }), ...wholeBodyCases(base)];
    }),

    // What the content manager asks about entries.
    ...queryCases('admin', P, '/entries/status', [...badStringQuery('uid'), `documentId=%00&uid=${ARTICLE}`, `locale=%00&uid=${ARTICLE}`]),
    ...queryCases('admin', P, '/entries/pending', [...badStringQuery('uid').map((q) => `${q}&documentIds=abc`), `documentIds[$ne]=x&uid=${ARTICLE}`]),

    // Managed objects.
    ...queryCases('admin', P, '/managed-objects', ['kind=bogus', 'kind=%00', ...badStringQuery('uid'), ...badStringQuery('documentId'), ...BAD_PAGES]),
    ...queryCases('admin', P, '/managed-objects/child-relations', badStringQuery('uid')),
    ...pathCases('admin', 'get', P, '/managed-objects/:id'),
    ...pathCases('admin', 'put', P, '/managed-objects/:id', { operations: ['update'] }),
    ...pathCases('admin', 'delete', P, '/managed-objects/:id'),
    ...fieldCases({ ...managed, method: 'post' }, { kind: 'entry', uid: SECTION, documentId: ids.section }, {
      kind: BAD_ENUMS,
      uid: badText(255, false),
      documentId: badText(255, false),
      templateId: badText(255, true),
      operations: ['update', ['fly'], [], [1], {}, ['\u0000'], [null]],
      childRelations: [{}, 'x', [{}], ['x'], [{ uid: '\u0000', field: 'section' }], [{ uid: ARTICLE, field: 'x\ud800' }], [{ uid: 'x'.repeat(256), field: 'section' }]],
    }),
    ...wholeBodyCases({ ...managed, method: 'post' }),
    ...fieldCases({ ...managed, method: 'put', route: '/managed-objects/:id', path: `${P}/managed-objects/${ids.managed}` }, {}, {
      operations: ['update', ['fly'], [], [1], {}, ['\u0000']],
      templateId: badText(255, true),
      childRelations: [{}, 'x', [{}], [{ uid: '\u0000', field: 'section' }]],
      password: [42, {}, []],
    }),

    // Templates.
    ...queryCases('admin', P, '/templates', BAD_PAGES),
    ...pathCases('admin', 'get', P, '/templates/:id'),
    ...pathCases('admin', 'put', P, '/templates/:id', templateBody()),
    ...pathCases('admin', 'delete', P, '/templates/:id'),
    ...pathCases('admin', 'put', P, '/templates/:id/default', {}),
    ...templateCases('post', `${P}/templates`, '/templates'),
    ...templateCases('put', `${P}/templates/${ids.template}`, '/templates/:id'),

    // Groups.
    ...queryCases('admin', P, '/groups', BAD_PAGES),
    ...pathCases('admin', 'get', P, '/groups/:id'),
    ...pathCases('admin', 'put', P, '/groups/:id', { name: 'G', members: [] }),
    ...pathCases('admin', 'delete', P, '/groups/:id'),
    ...groupCases('post', `${P}/groups`, '/groups'),
    ...groupCases('put', `${P}/groups/${ids.group}`, '/groups/:id'),

    // Settings.
    ...fieldCases(settings, {}, {
      bypassRoles: [...BAD_IDS.map((id) => [id]), ['1'], [], 'x', ['\u0000'], [null], {}],
      urgentMode: BAD_BOOLEANS,
      reminderIntervalMinutes: [...BAD_MINUTES, null],
      escalationAfterMinutes: BAD_MINUTES,
      defaultTemplateId: badText(255, true),
      mail: [null, 'x', [], {}, { reminder: 'yes' }, { reminder: false }, { '\u0000': true }],
      colour: ['red'],
    }),
    ...wholeBodyCases(settings),
    // GET /settings and GET /audit/verify read no input: they may ignore a malformed query.
    ...[...queryCases('admin', P, '/settings', ['x=%00', 'page=99999999999999999999']), ...queryCases('admin', P, '/audit/verify', ['x=%00', 'page=99999999999999999999'])].map(
      (t) => ({ ...t, ignored: true })
    ),

    // The directory behind the pickers.
    ...queryCases('admin', P, '/directory', [
      'kind=robots',
      'kind=%00',
      'kind[$ne]=admin',
      `q=${encodeURIComponent('x'.repeat(201))}&kind=admin`,
      'q=%00&kind=admin',
      'refs=%00&kind=role',
      `refs=${Array.from({ length: 101 }, (_, i) => `admin:${i + 1}`).join(',')}&kind=admin`,
      ...BAD_PAGES.map((query) => `${query}&kind=group`),
    ]),

    // Audit.
    ...queryCases('admin', P, '/audit', [...AUDIT_FILTERS, ...BAD_PAGES]),
    ...queryCases('admin', P, '/audit/export', AUDIT_EXPORT),

    // The outbox.
    ...queryCases('admin', P, '/outbox', ['status=lost', 'status=%00', 'status[]=failed', 'status[$ne]=sent', ...BAD_PAGES]),
  ];
};

/**
 * Managed writes: REST (a users-permissions user) and the content manager (an editor) on the
 * managed article collection, each refused before a request is stored.
 */
const writeCases = (): Case[] => {
  /** Bad data, and the field a refusal names (none where Strapi's own check of unknown keys may come first). */
  const badData: Array<[Record<string, unknown>, string | undefined]> = [
    ...UNSTORABLE.map((title) => [{ title }, 'title'] as [Record<string, unknown>, string]),
    ...UNSTORABLE.map((body) => [{ title: 'ok', body }, 'body'] as [Record<string, unknown>, string]),
    [{ title: 'ok', ['bo\u0000dy']: 'x' }, undefined],
    [{ title: 'ok', ['\ud800']: 'x' }, undefined],
    [{ title: ['ok', 'a\u0000'] }, 'title'],
    [{ title: { nested: { deeper: 'x\udc00' } } }, 'title'],
    [{ title: 'ok', body: deep(40) }, 'body'],
    [{ title: 'ok', body: deep(3000) }, 'body'],
    [{ title: 'ok', body: deepArray(3000) }, 'body'],
    [{ title: 'ok', section: { connect: [{ documentId: '\u0000' }] } }, undefined],
    [{ title: 'ok', section: '\u0000' }, undefined],
  ];
  const comments = ['%00', 'abc%00def', encodeURIComponent('x'.repeat(5001))];
  const { article } = ids;
  const rest = (method: Method, path: string, tag: string, data: unknown, headers?: Record<string, string>): Case => ({
    label: `REST ${method.toUpperCase()} ${path.slice(0, 60)} ${tag}`,
    who: 'writer',
    method,
    route: null,
    path,
    body: { data },
    headers,
    field: headers ? 'X-Approval-Comment' : undefined,
  });
  const cmCase = (method: Method, path: string, tag: string, data: unknown, headers?: Record<string, string>): Case => ({
    label: `CM ${method.toUpperCase()} ${path.slice(0, 60)} ${tag}`,
    who: 'editor',
    method,
    route: null,
    path,
    body: data,
    headers,
    field: headers ? 'X-Approval-Comment' : undefined,
  });
  const valid = { title: 'Fine title' };
  return [
    ...badData.flatMap(([data, field], n) =>
      [
        rest('post', '/api/articles', `data#${n}`, data),
        rest('put', `/api/articles/${article}`, `data#${n}`, data),
        rest('post', '/api/articles?status=published', `data#${n}`, data),
        cmCase('post', cm(ARTICLE), `data#${n}`, data),
        cmCase('put', cm(ARTICLE, article), `data#${n}`, data),
        cmCase('post', cm(ARTICLE, article, 'publish'), `data#${n}`, data),
      ].map((t) => ({ ...t, field }))
    ),
    ...[...UNSTORABLE, deep(40), { ['\u0000']: 1 }].map((description, n) => rest('post', '/api/sections', `section#${n}`, { name: 'Section', description })),
    ...comments.flatMap((comment, n) => [
      rest('post', '/api/articles', `comment#${n}`, valid, { 'X-Approval-Comment': comment }),
      rest('put', `/api/articles/${article}`, `comment#${n}`, valid, { 'X-Approval-Comment': comment }),
      cmCase('put', cm(ARTICLE, article), `comment#${n}`, valid, { 'X-Approval-Comment': comment }),
      cmCase('post', cm(ARTICLE), `comment#${n}`, valid, { 'X-Approval-Comment': comment }),
    ]),
    ...['%00', 'a%00b', 'x'.repeat(300)].flatMap((id, n) => [
      rest('put', `/api/articles/${id}`, `id#${n}`, valid),
      rest('delete', `/api/articles/${id}`, `id#${n}`, undefined),
      cmCase('put', cm(ARTICLE, id), `id#${n}`, valid),
      cmCase('delete', cm(ARTICLE, id), `id#${n}`, undefined),
      cmCase('post', cm(ARTICLE, id, 'publish'), `id#${n}`, valid),
    ]),
    ...['bulkDelete', 'bulkPublish', 'bulkUnpublish'].flatMap((action) =>
      [['\u0000'], ['a\u0000b'], ['x\ud800'], ['x'.repeat(300)], [42], 'x', {}, [{}], null].map((documentIds, n) =>
        ({ ...cmCase('post', cm(ARTICLE, undefined, action), `bulk#${n}`, { documentIds }), field: 'documentIds' })
      )
    ),
    ...['%00', 'en%00', 'x'.repeat(100)].flatMap((locale, n) => [
      rest('put', `/api/articles/${article}?locale=${locale}`, `locale#${n}`, valid),
      rest('post', `/api/articles?locale=${locale}`, `locale#${n}`, valid),
    ]),
  ];
};

/**
 * Managed writes whose values fit no field of the type (wrong types, numbers beyond the columns,
 * huge strings, arrays where objects go): Strapi's own validation of a proposal decides on them.
 * Whatever it decides, the answer is never a 5xx.
 */
const strapiValidatedWriteCases = (): Case[] => {
  const badData: unknown[] = [
    ...[42, true, {}, [], 'x'.repeat(300), 'x'.repeat(200_000), null].map((title) => ({ title })),
    ...[1e20, Number.MAX_VALUE, -1e308, 'abc', {}, []].map((price) => ({ title: 'ok', price })),
    ...[Number.MAX_VALUE, 1e20, 2147483648, -1, 0, 1.5, 'nosuch', { connect: [Number.MAX_VALUE] }, { connect: [{ id: 1e20 }] }, { set: [{ id: -1 }] }, [1e20]].map(
      (section) => ({ title: 'ok', section })
    ),
    { title: 'ok', bogus: 1 },
    [],
    [{ title: 'ok' }],
    'x',
    42,
    null,
  ];
  const { article } = ids;
  return badData.flatMap((data, n) => [
    { label: `REST POST /api/articles loose#${n}`, who: 'writer' as const, method: 'post' as const, route: null, path: '/api/articles', body: { data } },
    { label: `REST PUT /api/articles/:id loose#${n}`, who: 'writer' as const, method: 'put' as const, route: null, path: `/api/articles/${article}`, body: { data } },
    { label: `CM POST loose#${n}`, who: 'editor' as const, method: 'post' as const, route: null, path: cm(ARTICLE), body: data },
    { label: `CM PUT loose#${n}`, who: 'editor' as const, method: 'put' as const, route: null, path: cm(ARTICLE, article), body: data },
  ]);
};

// ---- Running them ----------------------------------------------------------------------------

const callerOf = (who: Who) => ({ admin: c.admin, editor: c.editor, writer })[who];

const run = async (t: Case) => {
  const caller = callerOf(t.who);
  let test = caller.call(t.method, t.path);
  for (const [key, value] of Object.entries(t.headers ?? {})) test = test.set(key, value);
  // Sent as JSON text, so that NUL and unpaired surrogates arrive as `\u0000` / `\ud800` escapes.
  return t.body === undefined ? test : test.set('Content-Type', 'application/json').send(JSON.stringify(t.body));
};

/** What is wrong with an answer to a malformed call, or null when it is a proper refusal. */
const problemWith = (t: Case, res: request.Response): string | null => {
  if (t.ignored && res.status < 400) return null;
  if (res.status < 400 || res.status >= 500) return `status ${res.status}`;
  const error = res.body?.error;
  if (!error || res.body.data !== null || error.status !== res.status || typeof error.name !== 'string' || typeof error.message !== 'string') {
    return `not Strapi's error shape: ${JSON.stringify(res.body).slice(0, 200)}`;
  }
  // A content-manager write that became a request answers 400 too: that is not a refusal.
  if (error.name === 'ApprovalRequiredError') return 'a request was opened';
  const paths = ((error.details?.errors ?? []) as Array<{ path?: string[] }>).map((e) => e.path?.[0]);
  if (t.field && res.status === 400 && !paths.includes(t.field)) return `does not name ${t.field}`;
  return null;
};

const q = (uid: string) => app.strapi.db.query(uid as never);
const stored = async () => ({
  requests: await q(UID.request).count(),
  templates: await q(UID.template).findMany({ select: ['documentId', 'version', 'name'], orderBy: { id: 'asc' } }),
  groups: await q(UID.group).findMany({ select: ['documentId', 'name', 'members'], orderBy: { id: 'asc' } }),
  managed: await q(UID.managedObject).findMany({ select: ['documentId', 'operations', 'templateId'], orderBy: { id: 'asc' } }),
  settings: await app.strapi.plugin('approval-workflow').service('settings').get(),
  articles: await q(ARTICLE).count(),
  sections: await q(SECTION).count(),
});

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  const template = await createTemplate(c.admin, { name: 'Reviewers', stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }] });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId: template });
  await c.a.grantApi([
    ...['create', 'update', 'delete', 'find', 'findOne'].map((a) => `api::article.article.${a}`),
    'api::section.section.create',
    ...['find', 'findOne', 'approve', 'reject', 'cancel', 'delegate', 'revokeLinks'].map((a) => `plugin::approval-workflow.requests.${a}`),
  ]);
  // Every malformed call of this file reaches the public link routes' validation, not their rate limit.
  app.strapi.config.set('plugin::approval-workflow.externalRateLimit', { max: 1_000_000, windowSeconds: 60 });
  writer = await c.a.apiUser('writer');
  const article = (await seedDocument(app, ARTICLE, { title: 'Fuzzed' })).documentId;
  const section = (await seedDocument(app, SECTION, { name: 'Fuzz section' })).documentId;
  const pending = await writer.call('put', `/api/articles/${(await seedDocument(app, ARTICLE, { title: 'Pending' })).documentId}`).send({ data: { title: 'Proposed' } });
  if (pending.status !== 202) throw new Error(`no request: ${pending.status} ${JSON.stringify(pending.body)}`);
  const group = await c.admin.call('post', `${P}/groups`).send({ name: 'Fuzz', members: [c.reviewer.principal] });
  const managedSection = await manage(c.admin, { kind: 'collection', uid: SECTION, operations: ['create'] });
  ids = { request: pending.body.meta.approvalRequest.id, template, group: group.body.data.id, managed: managedSection.id, article, section };
});
afterAll(async () => {
  await app.stop();
});

/** Every route the plugin declares, as `admin|content-api METHOD path`. */
const declared = [
  ...routes.admin.routes.map((r) => `admin ${r.method} ${r.path}`),
  ...routes['content-api'].routes.map((r) => `content-api ${r.method} ${r.path}`),
];
/** The declared route a route case calls. */
const routeOf = (t: Case) => `${t.who === 'admin' ? 'admin' : 'content-api'} ${t.method.toUpperCase()} ${t.route}`;

describe('fuzz: malformed input is a 4xx in Strapi’s error shape, never a 5xx, and stores nothing', () => {
  it('covers every route of the plugin, admin and content API', () => {
    const covered = new Set(routeCases().map(routeOf));
    expect(declared.filter((route) => !covered.has(route))).toEqual([]);
  });

  // One test per route (each with its own time limit: the calls run one after another, and all of
  // them in one test outlasted it with the test runs side by side on a busy 2-core machine).
  const groups: Record<string, () => Case[]> = {
    ...Object.fromEntries(declared.map((route) => [route, () => routeCases().filter((t) => routeOf(t) === route)])),
    'managed writes (REST and content manager)': writeCases,
  };

  it('at least 500 malformed calls in all', () => {
    expect(Object.values(groups).flatMap((cases) => cases()).length).toBeGreaterThanOrEqual(500);
  });

  it.each(Object.keys(groups))('%s: every malformed call refused', async (group) => {
    const before = await stored();
    const failures: string[] = [];
    for (const t of groups[group]()) {
      const res = await run(t);
      const problem = problemWith(t, res);
      if (problem) failures.push(`${t.label}: ${problem} ${JSON.stringify(res.body?.error ?? res.body).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(await stored()).toEqual(before);
  }, 180_000);

  it('managed writes with values only Strapi’s validation can judge: never a 5xx', async () => {
    const failures: string[] = [];
    for (const t of strapiValidatedWriteCases()) {
      const res = await run(t);
      if (res.status >= 500) failures.push(`${t.label}: status ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
