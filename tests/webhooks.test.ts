/**
 * Webhooks: Strapi's webhooks accept the `approval-request.*` events, and each event of a request
 * reaches a listener after the commit, as `{ event, createdAt, request }` with who and what — never
 * the proposed values.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_EVENTS } from '../src/plugins/approval-workflow/shared/constants';
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, cast, cm, createTemplate, manage, seedDocument, type Cast } from './helpers/fixtures';

interface Delivery {
  event: string;
  createdAt: string;
  request: Record<string, unknown>;
}

let app: TestApp;
let c: Cast;
let listener: http.Server;
const received: Delivery[] = [];
let seq = 0;

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  app = await startApp();
  c = await cast(app);
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook`;
  const res = await c.admin.call('post', '/admin/webhooks').send({ name: 'Approvals', url, headers: {}, events: Object.values(WEBHOOK_EVENTS) });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await app.stop();
  await new Promise((resolve) => listener.close(resolve));
});

/** The deliveries for one request, once `count` of them have arrived (the runner posts after the commit). */
const deliveriesOf = async (requestId: string, count: number) => {
  for (let i = 0; i < 100; i += 1) {
    const mine = received.filter((d) => d.request.id === requestId);
    if (mine.length >= count) return mine;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return received.filter((d) => d.request.id === requestId);
};

/** The editor's update of a fresh article managed with its own template; the request's id. */
const open = async (stage: Record<string, unknown> = {}) => {
  seq += 1;
  const templateId = await createTemplate(c.admin, { name: `Hooks ${seq}`, stages: [{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }], ...stage }] });
  const { documentId } = await seedDocument(app, ARTICLE, { title: `Hooked ${seq}` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: `Secret proposal ${seq}` });
  expect(res.status).toBe(400);
  return { id: res.body.error.details.approvalRequest.id as string, documentId, templateId };
};

describe('webhooks', () => {
  it('registers the events with Strapi: an unknown approval event is refused', async () => {
    const res = await c.admin.call('post', '/admin/webhooks').send({ name: 'Bad', url: 'http://127.0.0.1:9/x', headers: {}, events: ['approval-request.exploded'] });
    expect(res.status).toBe(400);
  });

  it('created, then approved and applied: the body names the request, never the proposal', async () => {
    const { id, documentId, templateId } = await open();
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({})).status).toBe(200);
    const deliveries = await deliveriesOf(id, 3);
    expect(deliveries.map((d) => d.event)).toEqual(['approval-request.created', 'approval-request.applied', 'approval-request.approved']);
    expect(deliveries[0]).toEqual({
      event: 'approval-request.created',
      createdAt: expect.any(String),
      request: {
        id,
        status: 'pending',
        operation: 'update',
        uid: ARTICLE,
        documentId,
        locale: null,
        urgent: false,
        requester: c.editor.principal,
        template: { id: templateId, version: 1, name: expect.stringMatching(/^Hooks/) },
      },
    });
    expect(deliveries[2].request.status).toBe('approved');
    expect(JSON.stringify(deliveries)).not.toContain('Secret proposal');
  });

  it('declined, cancelled and delegated', async () => {
    const rejected = await open();
    await c.reviewer.call('post', `/approval-workflow/requests/${rejected.id}/reject`).send({ comment: 'no' });
    expect((await deliveriesOf(rejected.id, 2)).map((d) => d.event)).toEqual(['approval-request.created', 'approval-request.declined']);

    const cancelled = await open();
    await c.editor.call('post', `/approval-workflow/requests/${cancelled.id}/cancel`).send({});
    expect((await deliveriesOf(cancelled.id, 2)).map((d) => d.event)).toEqual(['approval-request.created', 'approval-request.cancelled']);

    const delegated = await open();
    expect((await c.reviewer.call('post', `/approval-workflow/requests/${delegated.id}/delegate`).send({ to: c.legal.principal })).status).toBe(200);
    const events = (await deliveriesOf(delegated.id, 2)).map((d) => d.event);
    expect(events).toEqual(['approval-request.created', 'approval-request.delegated']);
  });

  it('failed (the target changed since the request) and expired (the sweep)', async () => {
    const changed = await open();
    await app.strapi.documents(ARTICLE as never).update({ documentId: changed.documentId, data: { title: 'Changed meanwhile' } } as never);
    await c.reviewer.call('post', `/approval-workflow/requests/${changed.id}/approve`).send({});
    expect((await deliveriesOf(changed.id, 2)).map((d) => d.event)).toEqual(['approval-request.created', 'approval-request.failed']);

    const timed = await open({ timeSpanMinutes: 30, onExpiry: 'deny' });
    const sweep = app.strapi.plugin('approval-workflow').service('requests') as { sweep(now: number): Promise<unknown> };
    await sweep.sweep(Date.now() + 31 * 60_000);
    expect((await deliveriesOf(timed.id, 2)).map((d) => d.event)).toEqual(['approval-request.created', 'approval-request.expired']);
  });

  it('sends nothing for a write that was refused (no request, no commit)', async () => {
    const before = received.length;
    const { documentId } = await open();
    const again = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Second try' });
    expect(again.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.length - before).toBe(1);
  });
});
