/**
 * The audit chain without one lock across every plugin transaction (issue 13): an event is written
 * with its transaction, unchained, and gets its place in the chain right after the commit. Two
 * transactions appending at once do not wait for each other; a rolled-back one leaves nothing; what
 * a crash leaves unchained is chained by the next chainer (the cron job, bootstrap, a read of the
 * trail); chainers at once give each event exactly one place.
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import type { AuditEntry, AuditService } from '../src/plugins/approval-workflow/server/src/services/audit';
import { startApp, type TestApp } from './helpers/app';
import { testClient } from './helpers/database';

let app: TestApp;

type Row = { id: number; seq: number | null; prevHash: string | null; hash: string | null; action: string; actor: string; details: Record<string, unknown> };

const audit = () => app.strapi.plugin('approval-workflow').service('audit') as AuditService;
const q = () => app.strapi.db.query(UID.auditEvent as never);
const rowsOf = async (actor: string) => (await q().findMany({ where: { actor }, orderBy: { id: 'asc' } })) as Row[];
const entry = (actor: string, n: number): AuditEntry => ({ action: 'rule-edited', actor, at: new Date().toISOString(), subject: `subject-${n}`, details: { n } });
/** A promise and the function that settles it: to hold a transaction open until the test lets it go. */
const gate = () => {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open };
};

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.stop();
});

describe('appending does not hold the chain head', () => {
  // SQLite has one writer: its transactions never overlap, so there is nothing to wait for there.
  const overlapping = testClient() === 'sqlite' ? it.skip : it;

  overlapping('a transaction that appended and is still open: the head is free, and a second transaction appends and commits', async () => {
    const held = gate();
    const appended = gate();
    const first = app.strapi.db.transaction(async () => {
      await audit().append([entry('test:first', 1)]);
      appended.open();
      await held.closed;
    });
    try {
      await appended.closed;
      // Nobody holds the head: a lock that refuses to wait gets it at once (it failed with the head locked per transaction).
      const knex = app.strapi.db.connection;
      const { tableName } = app.strapi.db.metadata.get(UID.auditHead as never);
      await knex.transaction(async (trx) => {
        await trx(tableName).select('id').forUpdate().noWait();
      });
      // A second transaction appends and commits while the first is open, and its event is chained.
      await app.strapi.db.transaction(() => audit().append([entry('test:second', 2)]));
      await audit().chained();
      expect(await rowsOf('test:second')).toEqual([expect.objectContaining({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
      // The first one's event is not visible yet, chained or not.
      expect(await rowsOf('test:first')).toEqual([]);
    } finally {
      held.open();
      await first;
    }
    await audit().chained();
    const [second] = await rowsOf('test:second');
    const [firstRow] = await rowsOf('test:first');
    // Chained in the order of the commits: the second transaction's event comes first.
    expect(firstRow).toMatchObject({ seq: (second.seq as number) + 1, prevHash: second.hash });
    expect(firstRow.id).toBeLessThan(second.id);
    expect(await audit().verify()).toMatchObject({ valid: true });
  });

  it('a rolled-back transaction leaves no event and no place in the chain', async () => {
    const before = await audit().verify();
    await expect(
      app.strapi.db.transaction(async () => {
        await audit().append([entry('test:rolled-back', 1)]);
        throw new Error('undone');
      })
    ).rejects.toThrow('undone');
    await audit().chained();
    expect(await rowsOf('test:rolled-back')).toEqual([]);
    expect(await audit().verify()).toEqual(before);
  });
});

describe('events left unchained by a crash between the commit and the chaining', () => {
  /** Rows as a commit writes them, the chaining that follows never having run. */
  const insertUnchained = (actor: string, count: number) =>
    q().createMany({ data: Array.from({ length: count }, (_, n) => ({ ...entry(actor, n), requestId: null })) } as never);

  it('the chainer (cron job, bootstrap) gives them their places in the order they were written', async () => {
    const { checked } = await audit().verify();
    await insertUnchained('test:crashed', 3);
    expect((await rowsOf('test:crashed')).map((r) => r.seq)).toEqual([null, null, null]);
    await audit().chain();
    const rows = await rowsOf('test:crashed');
    expect(rows.map((r) => r.seq)).toEqual([checked + 1, checked + 2, checked + 3]);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(await audit().verify()).toEqual({ valid: true, checked: checked + 3, brokenAt: null, reason: null });
  });

  it('verify, the list and the export chain what waits before they read', async () => {
    const { checked } = await audit().verify();
    await insertUnchained('test:verified', 2);
    expect(await audit().verify()).toEqual({ valid: true, checked: checked + 2, brokenAt: null, reason: null });

    await insertUnchained('test:listed', 2);
    const listed = await audit().list({ actor: 'test:listed' }, { page: 1, pageSize: 10 });
    expect(listed.data.map((e) => e.seq)).toEqual([checked + 4, checked + 3]);

    await insertUnchained('test:exported', 1);
    const exported = [];
    for await (const event of audit().events({ actor: 'test:exported' })) exported.push(event);
    expect(exported).toEqual([expect.objectContaining({ seq: checked + 5, actor: 'test:exported' })]);
  });
});

describe('chainers at once', () => {
  it('many commits and chainers together: each event gets exactly one place, gap-free, and the chain verifies', async () => {
    const { checked } = await audit().verify();
    const writers = Array.from({ length: 12 }, (_, i) =>
      app.strapi.db.transaction(() => audit().append([entry('test:parallel', 2 * i), entry('test:parallel', 2 * i + 1)]))
    );
    const chainers = Array.from({ length: 4 }, () => audit().chain());
    await Promise.all([...writers, ...chainers]);
    await audit().chained();
    const rows = await rowsOf('test:parallel');
    expect(rows).toHaveLength(24);
    const seqs = rows.map((r) => r.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => checked + 1 + i));
    // The two events of one transaction keep their order.
    const byN = new Map(rows.map((r) => [r.details.n as number, r.seq as number]));
    for (let i = 0; i < 12; i += 1) expect(byN.get(2 * i + 1)).toBeGreaterThan(byN.get(2 * i) as number);
    expect(await audit().verify()).toEqual({ valid: true, checked: checked + 24, brokenAt: null, reason: null });
  });

  it('the unique index on seq refuses a second event at a place taken (no chainer can fork the chain)', async () => {
    const [taken] = (await q().findMany({ where: { seq: { $notNull: true } }, orderBy: { seq: 'desc' }, limit: 1 })) as Row[];
    await expect(q().create({ data: { ...entry('test:fork', 1), seq: taken.seq, prevHash: taken.prevHash, hash: taken.hash } } as never)).rejects.toMatchObject({
      message: expect.stringMatching(/unique|duplicate/i),
    });
    expect(await rowsOf('test:fork')).toEqual([]);
  });
});
