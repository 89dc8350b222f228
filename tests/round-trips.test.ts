/**
 * How many database round trips one approval costs (issue 13: the decision path read the settings
 * twice, the request five times, re-read every row it wrote and inserted decisions one by one:
 * 44 statements on PostgreSQL, against 24 for a plain update of an unmanaged entry). A count of
 * the statements knex sends is deterministic, unlike a timing: it is asserted here; timings go to
 * the bench.
 */
import { startApp, type TestApp } from './helpers/app';
import { ARTICLE, cast, cm, manageArticlesByReviewer, seedDocument, type Cast } from './helpers/fixtures';

let app: TestApp;
let c: Cast;

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
  await manageArticlesByReviewer(c);
});
afterAll(async () => {
  await app.stop();
});

const outbox = () => app.strapi.plugin('approval-workflow').service('outbox') as { idle(): Promise<void> };

/**
 * The SQL statements `work` sends, up to the COMMIT that follows its last write of `table`. What
 * runs after that commit is the outbox's sender, kicked by the commit and timed by the event loop:
 * not the decision's cost.
 */
const statementsUntilCommit = async (work: () => Promise<unknown>, table: string) => {
  await outbox().idle();
  const knex = app.strapi.db.connection;
  const sent: string[] = [];
  const record = (query: { sql: string }) => sent.push(query.sql);
  knex.on('query', record);
  try {
    await work();
  } finally {
    knex.off('query', record);
  }
  await outbox().idle();
  const written = new RegExp(`^(update|insert into) ("public"\\.)?[\`"]?${table}\\b`, 'i');
  const write = sent.map((sql) => written.test(sql)).lastIndexOf(true);
  if (write < 0) throw new Error(`No write of ${table} in:\n${sent.join('\n')}`);
  const commit = sent.findIndex((sql, i) => i > write && /^commit/i.test(sql));
  return sent.slice(0, commit + 1);
};

/** The statements that read (`select`) or write (`update`, `insert`) one table. */
const touching = (statements: string[], verb: 'select' | 'update' | 'insert into', table: string) =>
  statements.filter((sql) => new RegExp(`^${verb}\\b.*?[\`". ]${table}[\`" ]`, 'i').test(sql) && (verb !== 'select' || !/^(update|insert|delete)/i.test(sql)));

describe('one approval', () => {
  it('reads its request once, under its lock, writes each table once, and costs at most 35 round trips', async () => {
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Counted (before)' });
    const save = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Counted' });
    expect(save.status).toBe(400);
    const id = save.body.error.details.approvalRequest.id as string;

    const statements = await statementsUntilCommit(async () => {
      const approve = await c.reviewer.call('post', `/approval-workflow/requests/${id}/approve`).send({ comment: null });
      expect(approve.status).toBe(200);
      expect(approve.body.data.status).toBe('approved');
    }, 'approval_workflow_requests');

    const show = `\n${statements.join('\n')}`;
    expect({ count: touching(statements, 'select', 'strapi_core_store_settings').length, show }).toEqual({ count: 1, show });
    expect({ count: touching(statements, 'select', 'approval_workflow_requests').length, show }).toEqual({ count: 1, show });
    expect({ count: touching(statements, 'update', 'approval_workflow_requests').length, show }).toEqual({ count: 1, show });
    for (const table of ['approval_workflow_decisions', 'approval_workflow_outbox', 'approval_workflow_request_parties']) {
      expect({ table, inserts: touching(statements, 'insert into', table).length, reads: touching(statements, 'select', table).length, show }).toEqual({
        table,
        inserts: 1,
        reads: 0,
        show,
      });
    }
    // 44 before issue 13; 35 with the audit chain still appending entry by entry (12 of these).
    expect(statements.length).toBeLessThanOrEqual(35);
  });
});
