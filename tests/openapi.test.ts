/**
 * The OpenAPI document (@strapi/plugin-documentation): the committed file is what the app
 * generates now, it documents every content-API route of the plugin, and its schemas are valid
 * JSON Schema that the routes' real answers satisfy.
 *
 * After changing a content-API route or a contract: `OPENAPI_UPDATE=true npx jest --selectProjects
 * integration -- tests/openapi.test.ts` (or `npm run develop`) rewrites the file; commit it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, createTemplate, manage, seedDocument } from './helpers/fixtures';

const FILE = path.join(__dirname, '..', 'src', 'extensions', 'documentation', 'documentation', '1.0.0', 'full_documentation.json');
const PLUGIN = 'approval-workflow';

interface OpenApi {
  info: Record<string, unknown>;
  'x-strapi-config': { plugins: string[] };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

let app: TestApp;
let committed: string;
let regenerated: string;
let routes: Array<{ method: string; path: string }>;

const parse = (text: string) => JSON.parse(text) as OpenApi;
const withoutDate = (doc: OpenApi) => ({ ...doc, info: { ...doc.info, 'x-generation-date': undefined } });

beforeAll(async () => {
  committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
  // The documentation plugin rewrites the file at every start outside production.
  app = await startApp({ DOCUMENTATION_IN_TESTS: 'true' });
  regenerated = fs.readFileSync(FILE, 'utf8');
  if (process.env.OPENAPI_UPDATE === 'true') committed = regenerated;
  else fs.writeFileSync(FILE, committed);
  routes = (app.strapi.plugin(PLUGIN).routes as unknown as Record<string, { routes: Array<{ method: string; path: string }> }>)['content-api'].routes;
});
afterAll(async () => {
  await app?.stop();
});

describe('the committed document', () => {
  it('is what the app generates now (but for its date); update: OPENAPI_UPDATE=true', () => {
    expect(committed).not.toBe('');
    expect(withoutDate(parse(committed))).toEqual(withoutDate(parse(regenerated)));
  });

  it('documents approval-workflow among the plugins, with every content-API route and no other path of it', () => {
    const doc = parse(committed);
    expect(doc['x-strapi-config'].plugins).toContain(PLUGIN);
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith(`/${PLUGIN}/`))
      .flatMap(([p, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${p}`))
      .sort();
    const expected = routes.map((route) => `${route.method} /${PLUGIN}${route.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(expected).toHaveLength(10);
    expect(documented).toEqual(expected);
  });

  it('answers Strapi’s error shape for refusals and names a body schema for every write', () => {
    const doc = parse(committed);
    for (const [key, operations] of Object.entries(doc.paths)) {
      if (!key.startsWith(`/${PLUGIN}/`)) continue;
      for (const [method, operation] of Object.entries(operations)) {
        for (const status of ['400', '401', '403', '404']) {
          expect(operation.responses[status]?.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
        }
        if (method === 'post') expect(operation.requestBody?.content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\/Approval\w+Body$/);
        expect(operation.responses['200'].content?.['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\/Approval\w+Response$/);
      }
    }
    expect(doc.components.schemas.Error).toBeDefined();
  });
});

describe('the schemas', () => {
  /** The plugin's schemas, compiled by Ajv in strict mode: an unknown or misused keyword fails. */
  const compiled = () => {
    const ajv = new Ajv({ strict: true, formats: { 'date-time': true } });
    const schemas = Object.entries(parse(committed).components.schemas).filter(([name]) => name.startsWith('Approval'));
    expect(schemas.length).toBeGreaterThan(10);
    for (const [name, schema] of schemas) {
      ajv.addSchema(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '')), name);
    }
    return (name: string) => {
      const validate = ajv.getSchema(name);
      if (!validate) throw new Error(`no schema ${name}`);
      return validate;
    };
  };

  it('are valid JSON Schema (OpenAPI 3.0 dialect) and every reference resolves', () => {
    const schema = compiled();
    for (const name of Object.keys(parse(committed).components.schemas).filter((n) => n.startsWith('Approval'))) {
      expect(typeof schema(name)).toBe('function');
    }
  });

  it('describe what the routes really answer', async () => {
    const schema = compiled();
    const c = await cast(app);
    const actions = ['find', 'findOne', 'approve'].map((a) => `plugin::${PLUGIN}.requests.${a}`);
    await c.a.grantApi(['api::article.article.update', ...actions]);
    const [writer, approver]: Caller[] = await Promise.all([c.a.apiUser('oawriter'), c.a.apiUser('oaapprover')]);
    const templateId = await createTemplate(c.admin, { name: 'OpenAPI', stages: [{ name: 'Review', obligations: [{ kind: 'user', principal: approver.principal }] }] });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'OpenAPI before' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    const write = await writer.call('put', `/api/articles/${documentId}`).send({ data: { title: 'OpenAPI after' } });
    expect(write.status).toBe(202);
    const id = write.body.meta.approvalRequest.id as string;

    const check = (name: string, body: unknown) => {
      const validate = schema(name);
      expect({ name, valid: validate(body), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
    };
    const list = await approver.call('get', '/api/approval-workflow/requests?awaiting=me');
    check('ApprovalRequestListResponse', list.body);
    expect(list.body.data).toHaveLength(1);
    const detail = await approver.call('get', `/api/approval-workflow/requests/${id}`);
    check('ApprovalRequestDetailResponse', detail.body);
    check('ApprovalDecideBody', { comment: 'Fine' });
    const approve = await approver.call('post', `/api/approval-workflow/requests/${id}/approve`).send({ comment: 'Fine' });
    expect(approve.status).toBe(200);
    check('ApprovalRequestSummaryResponse', approve.body);
    // Closed now, with its decision and obligations decided.
    check('ApprovalRequestDetailResponse', (await approver.call('get', `/api/approval-workflow/requests/${id}`)).body);

    // What the schemas refuse, the routes refuse too.
    expect(schema('ApprovalDecideBody')({ comment: 'x', extra: 1 })).toBe(false);
    expect((await approver.call('post', `/api/approval-workflow/requests/${id}/approve`).send({ comment: 'x', extra: 1 })).status).toBe(400);
    expect(schema('ApprovalDecideBody')({ comment: 'x'.repeat(5001) })).toBe(false);
  });
});
