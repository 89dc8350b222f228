/**
 * The demo a newcomer sees: seeded at start on an empty database when asked (`SEED_DEMO=true`, set
 * by `npm run develop`), once; never because of Strapi's environment alone.
 */
import request from 'supertest';
import { DEMO_ACCOUNTS, seedDemo } from '../src/seed/demo';
import { startApp, type TestApp } from './helpers/app';

let app: TestApp;
afterAll(async () => {
  await app?.stop();
});

describe('the demo seed', () => {
  it('is not run when not asked, even in development (what `strapi start` without NODE_ENV gives)', async () => {
    const unasked = await startApp({ NODE_ENV: 'development' });
    try {
      expect(unasked.strapi.config.get('environment')).toBe('development');
      expect(await unasked.strapi.db.query('admin::user').count()).toBe(0);
    } finally {
      await unasked.stop();
    }
  });

  it('SEED_DEMO=true seeds accounts, content and the approval setup on an empty database at start, once', async () => {
    app = await startApp({ SEED_DEMO: 'true' });
    expect(await seedDemo(app.strapi)).toBe(false);
    expect(await app.strapi.db.query('admin::user').count()).toBe(DEMO_ACCOUNTS.length);
    expect(await app.strapi.db.query('plugin::approval-workflow.managed-object').count()).toBe(2);
    expect(await app.strapi.db.query('plugin::approval-workflow.request').count({ where: { status: 'pending' } })).toBe(1);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.key, a.email, a.password]))('the %s account logs in', async (_key, email, password) => {
    const res = await request(app.server).post('/admin/login').send({ email, password });
    expect(res.status).toBe(200);
  });

  it('the chief editor sees the pending request in their queue; the editor’s change waits for approval', async () => {
    const login = await request(app.server).post('/admin/login').send({ email: 'chief@demo.local', password: 'Demo-chief-1' });
    const queue = await request(app.server)
      .get('/approval-workflow/requests?awaiting=me')
      .set('Authorization', `Bearer ${login.body.data.token}`);
    expect(queue.status).toBe(200);
    expect(queue.body.data).toEqual([expect.objectContaining({ operation: 'update', uid: 'api::article.article', comment: 'Dates for next year.' })]);

    const editor = await request(app.server).post('/admin/login').send({ email: 'editor@demo.local', password: 'Demo-editor-1' });
    const article = await app.strapi.db.query('api::article.article').findOne({ where: { title: 'Welcome' } });
    const save = await request(app.server)
      .put(`/content-manager/collection-types/api::article.article/${article.documentId}`)
      .set('Authorization', `Bearer ${editor.body.data.token}`)
      .send({ title: 'Welcome!' });
    expect(save.status).toBe(400);
    expect(save.body.error.name).toBe('ApprovalRequiredError');
  });
});
