/**
 * DESIGN rule 9, a proposal is checked when it is made: a write that Strapi would refuse gets
 * Strapi's own answer, not a request. Every case is sent twice by the same actor: first while its
 * collection is not managed (Strapi answers it), then managed (the plugin answers it); the two
 * answers must be the same, and the second must open no request.
 */
import type request from 'supertest';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, GUIDE, SECTION, addLocale, cast, cm, manage, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;
let token: Caller;
let ids: { article: string; untitled: string; guide: string; section: string };

const UNKNOWN = 'nosuchdocumentid000000000';
const long = (n: number) => 'x'.repeat(n);
const REQUEST = 'plugin::approval-workflow.request';

interface Case {
  name: string;
  send: () => request.Test;
}

/** Invalid writes over REST (an API token) and the content manager (an editor), for every operation that carries data. */
const cases = (): Case[] => [
  { name: 'REST create: too long', send: () => token.call('post', '/api/articles').send({ data: { title: long(201) } }) },
  { name: 'REST create: required field missing (published at once)', send: () => token.call('post', '/api/articles').send({ data: { body: 'no title' } }) },
  { name: 'REST create: wrong type', send: () => token.call('post', '/api/articles').send({ data: { title: 'Typed', price: 'abc' } }) },
  { name: 'REST create: data is an array', send: () => token.call('post', '/api/articles').send({ data: [] }) },
  { name: 'REST create: unknown relation target', send: () => token.call('post', '/api/articles').send({ data: { title: 'Related', section: UNKNOWN } }) },
  { name: 'REST update: too long', send: () => token.call('put', `/api/articles/${ids.article}`).send({ data: { title: long(300) } }) },
  { name: 'REST update: required field emptied (published at once)', send: () => token.call('put', `/api/articles/${ids.article}`).send({ data: { title: null } }) },
  {
    name: 'REST create: too long inside a repeatable component',
    send: () => token.call('post', '/api/guides').send({ data: { title: 'Nested', chapters: [{ heading: long(81) }] } }),
  },
  {
    name: 'REST create: unknown relation inside a nested component',
    send: () => token.call('post', '/api/guides').send({ data: { title: 'Nested', chapters: [{ heading: 'One', note: { section: UNKNOWN } }] } }),
  },
  {
    name: 'REST create: required field missing in a dynamic zone item',
    send: () => token.call('post', '/api/guides').send({ data: { title: 'Zone', blocks: [{ __component: 'guide.quote', source: 'nobody' }] } }),
  },
  {
    name: 'REST update of a new locale: too long',
    send: () => token.call('put', `/api/guides/${ids.guide}?locale=fr`).send({ data: { title: long(121) } }),
  },
  { name: 'CM create: too long', send: () => c.editor.call('post', cm(ARTICLE)).send({ title: long(201) }) },
  { name: 'CM update: wrong type', send: () => c.editor.call('put', cm(ARTICLE, ids.article)).send({ price: 'abc' }) },
  { name: 'CM update: unknown relation target', send: () => c.editor.call('put', cm(ARTICLE, ids.article)).send({ section: { connect: [{ documentId: UNKNOWN }] } }) },
  { name: 'CM publish with edits: required field emptied', send: () => c.editor.call('post', cm(ARTICLE, ids.article, 'publish')).send({ title: null }) },
  { name: 'CM publish with edits: too long', send: () => c.editor.call('post', cm(ARTICLE, ids.article, 'publish')).send({ title: long(201) }) },
  { name: 'CM publish: the draft lacks a required field', send: () => c.editor.call('post', cm(ARTICLE, ids.untitled, 'publish')).send({}) },
  { name: 'CM create and publish: required field missing', send: () => c.editor.call('post', `${cm(ARTICLE)}/actions/publish`).send({ body: 'no title' }) },
  { name: 'CM clone: too long', send: () => c.editor.call('post', `${cm(ARTICLE)}/clone/${ids.article}`).send({ title: long(201) }) },
  {
    name: 'CM update: too long inside a dynamic zone item',
    send: () => c.editor.call('put', cm(GUIDE, ids.guide)).send({ blocks: [{ __component: 'guide.quote', text: long(201) }] }),
  },
  {
    name: 'CM publish with edits: required field emptied inside a repeatable component',
    send: () => c.editor.call('post', cm(GUIDE, ids.guide, 'publish')).send({ chapters: [{ heading: null }] }),
  },
];

const answers = new Map<string, { status: number; body: unknown }>();
const requestCount = () => app.strapi.db.query(REQUEST as never).count({});

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  token = await c.a.apiToken();
  await addLocale(app);
  const section = await seedDocument(app, SECTION, { name: 'Docs' });
  ids = {
    section: section.documentId,
    article: (await seedDocument(app, ARTICLE, { title: 'Valid' })).documentId,
    // A draft may lack required fields; publishing it may not.
    untitled: (await seedDocument(app, ARTICLE, { body: 'Untitled draft' })).documentId,
    guide: (
      await seedDocument(app, GUIDE, {
        title: 'Guide',
        chapters: [{ heading: 'One', note: { text: 'See the docs', section: section.documentId } }],
        blocks: [{ __component: 'guide.quote', text: 'Quoted' }],
      })
    ).documentId,
  };
  // What Strapi answers while nothing is managed…
  for (const { name, send } of cases()) {
    const res = await send();
    answers.set(name, { status: res.status, body: res.body });
  }
  // …then the same writes to managed collections.
  await manage(c.admin, { kind: 'collection', uid: ARTICLE });
  await manage(c.admin, { kind: 'collection', uid: GUIDE });
});
afterAll(async () => {
  await app.stop();
});

describe('a proposal that Strapi would refuse gets Strapi’s answer, and no request', () => {
  it.each(cases().map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const direct = answers.get(item.name);
    expect(direct?.status).toBe(400);
    expect(direct?.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });

    const before = await requestCount();
    const proposed = await item.send();
    expect({ status: proposed.status, body: proposed.body }).toEqual(direct);
    expect(await requestCount()).toBe(before);
  });
});

describe('a valid proposal still becomes a request', () => {
  const nested = () => ({
    title: 'Valid nested',
    chapters: [{ heading: 'One', note: { text: 'Related', section: ids.section } }],
    blocks: [{ __component: 'guide.quote', text: 'Fine' }],
  });
  it.each([
    ['REST create with nested components and a dynamic zone, published at once', () => token.call('post', '/api/guides').send({ data: nested() }), 202],
    ['REST update of a new locale, published at once', () => token.call('put', `/api/guides/${ids.guide}?locale=fr`).send({ data: { title: 'Guide (fr)' } }), 202],
    ['CM publish with edits', () => c.editor.call('post', cm(GUIDE, ids.guide, 'publish')).send(nested()), 400],
    ['CM clone', () => c.editor.call('post', `${cm(ARTICLE)}/clone/${ids.article}`).send({ title: 'Copy' }), 400],
  ] as const)('%s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(status === 202 ? res.body.meta.approvalRequest : res.body.error.details.approvalRequest).toMatchObject({ status: 'pending' });
  });
});
