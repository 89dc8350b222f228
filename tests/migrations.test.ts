/**
 * Upgrades: the plugin's tables come from its content types, and Strapi syncs them at startup; what
 * the sync cannot do alone (data moved between columns or tables) ships as a migration in
 * server/src/migrations, run by Strapi before the sync. These tests hold the upgrade path:
 * the tables of the previous release are recorded in tests/fixtures, a change to them that is not
 * listed here with its way up fails, and a database of the previous release boots on this one
 * with its requests, templates and audit chain carrying on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import pluginPackage from '../src/plugins/approval-workflow/package.json';
import { migrations, registerMigrations, type PluginMigration } from '../src/plugins/approval-workflow/server/src/migrations';
import { startApp, type TestApp } from './helpers/app';
import { createThrowAwayDatabase, type ThrowAwayDatabase } from './helpers/database';
import { ARTICLE, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast } from './helpers/fixtures';

const PREVIOUS = '0.1.0';
const previousTables = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `approval-workflow-${PREVIOUS}-tables.json`), 'utf8'));

/** The plugin's tables as its content types declare them (what the schema sync builds). */
const pluginTables = (strapi: Core.Strapi) =>
  Object.fromEntries(
    Object.entries(strapi.contentTypes)
      .filter(([uid]) => uid.startsWith('plugin::approval-workflow.'))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([uid, contentType]) => {
        const { collectionName, attributes, indexes } = contentType as unknown as { collectionName: string; attributes: unknown; indexes?: unknown };
        return [uid, JSON.parse(JSON.stringify({ collectionName, attributes, indexes: indexes ?? [] }))];
      })
  );

/**
 * What this release changed in the tables of the previous one. A change that moves data needs a
 * migration for this release, or — when the data goes into a table the sync creates only after the
 * migrations ran — a bootstrap step that an upgrade test proves.
 */
const CHANGES_SINCE_PREVIOUS = {
  /** The outbox and the external links (nothing to move), the request parties (written at bootstrap from each request's state). */
  addedTables: ['plugin::approval-workflow.external-link', 'plugin::approval-workflow.outbox-message', 'plugin::approval-workflow.request-party'],
  /** The `|principal|` text lists that the parties replace: derived from the state, nothing to keep. */
  removedAttributes: { 'plugin::approval-workflow.request': ['awaiting', 'participants'] },
  /** The entry's title (lists and their search): filled at bootstrap from each request's proposal and base. */
  addedAttributes: {
    'plugin::approval-workflow.request': ['title'],
    /** The revision a decision was given on (revise): decisions of 0.1.0 read as revision 0, nothing to move. */
    'plugin::approval-workflow.decision': ['revision'],
  },
  /**
   * No longer required: an audit event is written with its transaction and gets its place in the
   * chain right after the commit. The columns stay as they were (nullable); the events of 0.1.0 keep theirs.
   */
  relaxedAttributes: { 'plugin::approval-workflow.audit-event': ['seq', 'hash'] },
  /** Indexes: built by the schema sync on the rows already there, nothing to move. */
  addedIndexes: {
    /** Lists by status, newest first, and their count (issue 13). */
    'plugin::approval-workflow.request': ['approval_workflow_requests_status_idx'],
  },
};

let database: ThrowAwayDatabase;
let app: TestApp;
let c: Cast;
let requestId: string;
let documentId: string;
const probeRuns: Array<{ requests: number }> = [];

/** A migration registered the way the plugin registers its own: it sees the database as the previous release left it. */
const probe: PluginMigration = {
  name: `approval-workflow-test-probe-${process.pid}`,
  async up(knex) {
    const rows = await knex('approval_workflow_requests').count({ n: '*' });
    probeRuns.push({ requests: Number(rows[0].n) });
  },
  async down() {},
};

const boot = (withProbe: boolean) =>
  startApp({}, { database, beforeBootstrap: (strapi) => withProbe && registerMigrations(strapi, [probe]) });

beforeAll(async () => {
  // Empty, not a copy of the test run's template: the first boot builds the tables as 0.1.0 did.
  database = await createThrowAwayDatabase({ template: false });
  // The previous release's database: its tables are this release's (checked below against the
  // fixture), so the current app writes it, with a managed collection and a pending request.
  app = await boot(false);
  c = await cast(app);
  const templateId = await createTemplate(c.admin, {
    name: 'Reviewers approve',
    stages: [{ name: 'Review', criteria: 1, obligations: [{ kind: 'role', id: c.reviewersRole }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
  ({ documentId } = await seedDocument(app, ARTICLE, { title: 'Before the upgrade' }));
  const save = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'After the upgrade' });
  expect(save.status).toBe(400);
  requestId = save.body.error.details.approvalRequest.id;
  // What 0.1.0 did not have: the parties and outbox tables (its requests listed their principals in
  // text columns, derived from the state and dropped by this release). Without them this database is
  // one of 0.1.0 for what the upgrade has to do: the sync creates the tables, bootstrap writes the parties.
  const knex = app.strapi.db.connection;
  await knex.schema.dropTable('approval_workflow_request_parties');
  await knex.schema.dropTable('approval_workflow_outbox');
  // Nor titles: its requests have none, and the bootstrap step that fills them never ran.
  await knex('approval_workflow_requests').update({ title: null });
  await knex('strapi_core_store_settings').where({ key: 'plugin_approval-workflow_request-titles-backfilled' }).delete();
  await app.stop();
});
afterAll(async () => {
  await app.stop();
  await database.drop();
});

describe('upgrading from the previous release', () => {
  it(`changes the tables of ${PREVIOUS} only as listed, with nothing for a migration to move`, () => {
    const current = pluginTables(app.strapi) as Record<string, { attributes: Record<string, unknown> }>;
    const expected = JSON.parse(JSON.stringify(previousTables)) as Record<string, { attributes: Record<string, unknown> }>;
    for (const [uid, attributes] of Object.entries(CHANGES_SINCE_PREVIOUS.removedAttributes)) {
      for (const attribute of attributes) delete expected[uid].attributes[attribute];
    }
    for (const [uid, attributes] of Object.entries(CHANGES_SINCE_PREVIOUS.addedAttributes)) {
      for (const attribute of attributes) expected[uid].attributes[attribute] = current[uid].attributes[attribute];
    }
    for (const [uid, attributes] of Object.entries(CHANGES_SINCE_PREVIOUS.relaxedAttributes)) {
      for (const attribute of attributes) {
        expect({ uid, attribute, required: (expected[uid].attributes[attribute] as { required?: boolean }).required }).toEqual({ uid, attribute, required: true });
        delete (expected[uid].attributes[attribute] as { required?: boolean }).required;
      }
    }
    for (const [uid, names] of Object.entries(CHANGES_SINCE_PREVIOUS.addedIndexes)) {
      const indexes = (current[uid] as unknown as { indexes: Array<{ name: string }> }).indexes;
      (expected[uid] as unknown as { indexes: unknown[] }).indexes.push(...indexes.filter((index) => names.includes(index.name)));
    }
    expect(Object.keys(current).filter((uid) => !(uid in expected)).sort()).toEqual([...CHANGES_SINCE_PREVIOUS.addedTables].sort());
    for (const uid of Object.keys(expected)) expect({ uid, table: current[uid] }).toEqual({ uid, table: expected[uid] });
    // The new tables are created by the schema sync, after the migrations run; the parties of the
    // requests already there are written at bootstrap from their state (see the last test), so
    // this release ships no migration.
    const shipped = migrations.filter((m) => m.name.startsWith(`approval-workflow-${pluginPackage.version}-`)).map((m) => m.name);
    expect(shipped).toEqual([]);
    expect(migrations.map((m) => m.name)).toEqual([...new Set(migrations.map((m) => m.name))]);
  });

  it('runs the registered migrations once, before the sync, on the data of the previous release', async () => {
    Object.assign(app, await boot(true));
    expect(probeRuns).toEqual([{ requests: 1 }]);
    const recorded = await app.strapi.db.connection('strapi_migrations_internal').select('name');
    expect(recorded.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining([probe.name, ...migrations.map((m) => m.name)]));
    await app.stop();

    Object.assign(app, await boot(true));
    expect(probeRuns).toHaveLength(1);
  });

  it('carries on: the parties and titles are written, the pending request is decided and applied, the audit chain verifies', async () => {
    expect((await requestRow(app, requestId))?.status).toBe('pending');
    // The sync built the indexes this release added on the table of the previous one.
    const inspector = (app.strapi.db as unknown as { dialect: { schemaInspector: { getIndexes(table: string): Promise<Array<{ name: string }>> } } }).dialect
      .schemaInspector;
    expect((await inspector.getIndexes('approval_workflow_requests')).map((index) => index.name)).toContain('approval_workflow_requests_status_idx');
    const queue = await c.reviewer.call('get', '/approval-workflow/requests?awaiting=me');
    expect(queue.body.data.map((r: { id: string; title: string }) => [r.id, r.title])).toEqual([[requestId, 'After the upgrade']]);
    const mine = await c.editor.call('get', '/approval-workflow/requests?mine=true');
    expect(mine.body.data.map((r: { id: string }) => r.id)).toEqual([requestId]);
    const approve = await c.reviewer.call('post', `/approval-workflow/requests/${requestId}/approve`).send({});
    expect(approve.status).toBe(200);
    expect(approve.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, documentId))?.title).toBe('After the upgrade');
    const verify = await c.admin.call('get', '/approval-workflow/audit/verify');
    expect(verify.body.data).toMatchObject({ valid: true });
  });
});
