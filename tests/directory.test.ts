/**
 * The directory behind the settings pages' pickers: admin users, content-API users, admin roles and
 * groups, searched by name or e-mail or looked up by the refs a body writes, one page at a time,
 * and never more of an account than its name, e-mail and whether it is active.
 */
import { startApp, type TestApp } from './helpers/app';
import { cast, type Cast } from './helpers/fixtures';
import type { Caller } from './helpers/actors';

let app: TestApp;
let c: Cast;
let reader: Caller;
let group: string;

const P = '/approval-workflow/directory';

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  reader = await c.a.apiUser('directoryreader');
  const res = await c.admin.call('post', '/approval-workflow/groups').send({ name: 'Legal desk', description: 'Contracts', members: [c.legal.principal] });
  group = res.body.data.id;
});
afterAll(async () => {
  await app.stop();
});

const search = async (query: string) => {
  const res = await c.admin.call('get', `${P}?${query}`);
  expect(res.status).toBe(200);
  return res.body as { data: Array<Record<string, unknown>>; meta: { pagination: { total: number; page: number; pageSize: number } } };
};

describe('GET /directory', () => {
  it('finds admin users by part of a name or e-mail, case-insensitive, with their principal and nothing secret', async () => {
    const body = await search('kind=admin&q=LEGAL');
    expect(body.data).toEqual([{ kind: 'admin', ref: c.legal.principal, name: expect.stringMatching(/^legal/), detail: expect.stringContaining('@example.test'), active: true }]);
    expect(JSON.stringify(body)).not.toMatch(/password|resetPasswordToken|registrationToken/);
  });

  it('finds content-API users, admin roles and groups', async () => {
    expect((await search('kind=user&q=directoryreader')).data).toEqual([
      { kind: 'user', ref: reader.principal, name: expect.stringMatching(/^directoryreader/), detail: expect.any(String), active: true },
    ]);
    const roles = (await search('kind=role&q=Reviewers')).data;
    expect(roles).toEqual([{ kind: 'role', ref: String(c.reviewersRole), name: expect.stringMatching(/^Reviewers/), detail: 'Reviewers', active: true }]);
    expect((await search('kind=group&q=legal')).data).toEqual([{ kind: 'group', ref: group, name: 'Legal desk', detail: 'Contracts', active: true }]);
  });

  it('looks up exactly the refs given (what a picker already holds), whatever q says', async () => {
    const body = await search(`kind=admin&refs=${c.legal.principal},${c.reviewer.principal},user:1,nonsense`);
    expect(body.data.map((entry) => entry.ref).sort()).toEqual([c.legal.principal, c.reviewer.principal].sort());
    expect((await search(`kind=role&refs=${c.legalRole}`)).data.map((entry) => entry.ref)).toEqual([String(c.legalRole)]);
  });

  it('pages like the core API and marks a deactivated admin inactive', async () => {
    await app.strapi.db.query('admin::user').update({ where: { id: c.reviewer2.id }, data: { isActive: false } });
    const page = await search('kind=admin&pageSize=1&page=1');
    expect(page.data).toHaveLength(1);
    expect(page.meta.pagination).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.meta.pagination.total).toBeGreaterThanOrEqual(5);
    expect((await search(`kind=admin&refs=${c.reviewer2.principal}`)).data[0].active).toBe(false);
  });

  it.each([
    ['no kind', '', 'kind'],
    ['an unknown kind', 'kind=robots', 'kind'],
    ['too many refs', `kind=admin&refs=${Array.from({ length: 101 }, (_, i) => `admin:${i + 1}`).join(',')}`, 'refs'],
    ['a bad page size', 'kind=admin&pageSize=1000', 'pageSize'],
  ])('%s is a 400 naming the field', async (_, query, field) => {
    const res = await c.admin.call('get', `${P}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });
});
