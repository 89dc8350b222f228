import request from 'supertest';
import { startApp, type TestApp } from './helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.stop();
});

describe('the approval-workflow plugin', () => {
  it('is loaded with its content types', () => {
    const plugin = app.strapi.plugin('approval-workflow');
    expect(plugin).toBeDefined();
    expect(Object.keys(app.strapi.contentTypes)).toEqual(
      expect.arrayContaining([
        'plugin::approval-workflow.request',
        'plugin::approval-workflow.template',
        'plugin::approval-workflow.managed-object',
        'plugin::approval-workflow.audit-event',
      ])
    );
  });

  it('schedules the sweep with the configured rule', () => {
    const jobs = (app.strapi.cron as unknown as { jobs: Array<{ name: string | null; options: unknown }> }).jobs;
    expect(jobs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'approval-workflow-sweep', options: { rule: '*/5 * * * *' } })]));
  });

  it('serves its admin routes behind authentication', async () => {
    const res = await request(app.server).get('/approval-workflow/settings');
    expect(res.status).toBe(401);
  });
});
