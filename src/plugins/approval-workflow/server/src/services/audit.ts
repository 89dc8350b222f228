import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { AuditEvent, AuditFilters, AuditListItem, AuditVerification } from '../../../shared/contracts/audit';
import type { RecordedAuditAction } from '../../../shared/audit-actions';
import { UID } from '../constants';
import { canonicalJson } from '../utils/canonical-json';
import { getService } from '../utils/get-service';
import type { PageQuery } from '../utils/pagination';
import { insertRows, updateRows } from '../utils/columns';
import { table, type BaseRow } from '../utils/records';

export interface AuditEntry {
  /** One of the listed actions, so that the trail's filter offers every action it holds. */
  action: RecordedAuditAction;
  actor: string;
  at: string;
  requestId?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

interface StoredEvent extends Required<Omit<AuditEntry, 'details'>> {
  seq: number;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The query-engine filter of the list and export filters (`from`/`to` are instants, compared as ISO strings). */
const whereOf = ({ requestId, actor, action, from, to }: AuditFilters) => ({
  ...(requestId ? { requestId } : {}),
  ...(actor ? { actor } : {}),
  ...(action ? { action } : {}),
  ...(from || to ? { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } } : {}),
});

/** A stored row as the API shows it: the chained fields only. */
const eventOf = ({ seq, action, actor, requestId, subject, at, details, prevHash, hash }: StoredEvent): AuditEvent => ({
  seq,
  action,
  actor,
  requestId,
  subject,
  at,
  details: details ?? {},
  prevHash,
  hash,
});

const hashOf = (prevHash: string, event: Omit<StoredEvent, 'hash' | 'prevHash'>) =>
  createHash('sha256')
    .update(prevHash)
    .update(
      canonicalJson({
        seq: event.seq,
        action: event.action,
        actor: event.actor,
        at: event.at,
        requestId: event.requestId,
        subject: event.subject,
        details: event.details,
      })
    )
    .digest('hex');

/** How many events one chaining step takes: a few hundred bound parameters in its one UPDATE on every database. */
const CHAIN_BATCH = 200;

/**
 * The audit trail (DESIGN rule 6): append-only, each event chained to the one before it by a
 * sha256 hash. An event is written inside the caller's transaction without a place in the chain
 * (seq and hashes null), so a rolled-back decision leaves none and no plugin write waits for
 * another; after the commit a short chaining transaction takes the chain head's lock, gives the
 * waiting events their seq and hashes in the order they were written, and moves the head. Several
 * instances chain one chain: the head's row lock lets one chainer at a time move it, and the unique
 * index on seq refuses a second event at any place.
 */
export const createAuditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const events = () => strapi.db.query(UID.auditEvent);

  /**
   * The chain head, with the genesis hash, if there is none. Bootstrap writes it, so that two first
   * chainers at once find one row to lock instead of each creating a head and both taking seq 1.
   */
  const ensureHead = async () => {
    if ((await strapi.db.query(UID.auditHead).count()) === 0) await strapi.db.query(UID.auditHead).create({ data: { seq: 0, hash: GENESIS } });
  };

  /** The head as it is now (no lock): where the chain ended when it was read. */
  const readHead = async () => {
    const head = (await strapi.db.query(UID.auditHead).findOne({ orderBy: { id: 'asc' } })) as { seq: number | null; hash: string | null } | null;
    return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS };
  };

  const hasUnchained = async () => (await events().findOne({ where: { seq: { $null: true } }, select: ['id'] })) !== null;

  /**
   * One chaining step, in its own short transaction: the head under its lock, then up to
   * `CHAIN_BATCH` unchained events in the order they were written get seq, prevHash and hash in one
   * UPDATE, and the head moves to the last of them. With `skipLocked` (PostgreSQL, MySQL/MariaDB)
   * a step that finds the head held by another chainer does nothing and answers null: that chainer
   * looks for unchained events again after its commit, so it takes these too. SQLite has one
   * writer: its steps never meet. The head is locked first (see `utils/lock.ts`), so the events
   * read after it include everything the previous holder chained.
   */
  const step = async (skipLocked: boolean): Promise<number | null> => {
    const chained: number | null = await strapi.db.transaction(async ({ trx }) => {
      const lock = strapi.db.queryBuilder(UID.auditHead).select(['id', 'seq', 'hash']).orderBy({ id: 'asc' }).limit(1).forUpdate().transacting(trx).getKnexQuery();
      if (skipLocked && strapi.db.dialect.client !== 'sqlite') lock.skipLocked();
      const [head] = (await lock) as Array<{ id: number; seq: number | null; hash: string | null }>;
      if (!head) return null;
      const rows = (await events().findMany({ where: { seq: { $null: true } }, orderBy: { id: 'asc' }, limit: CHAIN_BATCH })) as Array<StoredEvent & { id: number }>;
      if (rows.length === 0) return 0;
      let seq = head.seq ?? 0;
      let prevHash = head.hash ?? GENESIS;
      const links = rows.map((row) => {
        seq += 1;
        const hash = hashOf(prevHash, { ...row, seq, details: row.details ?? {} });
        const link = { id: row.id, seq, prevHash, hash };
        prevHash = hash;
        return link;
      });
      await updateRows(strapi, UID.auditEvent, links);
      await strapi.db.query(UID.auditHead).update({ where: { id: head.id }, data: { seq, hash: prevHash } });
      return rows.length;
    });
    return chained;
  };

  /**
   * Chains what is waiting, step by step, until nothing is (the check after each step is what
   * takes the events of a chainer that found the head held), or until another chainer holds the
   * head. Never throws: the events were committed; a step that fails leaves them for the next
   * chainer (the cron job, the next commit, a read of the trail).
   */
  const drain = async () => {
    try {
      while (await hasUnchained()) if ((await step(true)) === null) return;
    } catch (error) {
      strapi.log.error(`[approval-workflow] audit events not chained yet: ${(error as Error).message}`);
    }
  };

  /** This instance's chainer: one drain at a time; a commit during a drain queues one more, shared by every commit until it starts. */
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const chain = (): Promise<void> => {
    if (!running) {
      running = drain().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return chain();
    });
    return queued;
  };

  /**
   * Everything committed before the call, chained (readers of the trail call it first). Waits for
   * the head instead of skipping it, and stops after a step that found less than a full batch, so a
   * stream of new events cannot keep a reader here. Inside a transaction it does nothing: that
   * transaction's own events chain after its commit.
   */
  const chainCommitted = async () => {
    if (strapi.db.inTransaction() || !(await hasUnchained())) return;
    while ((await step(false)) === CHAIN_BATCH);
    // A chainer that found the head held by this one left its events to it: look once more, in the background.
    void chain();
  };

  return {
    ensureHead,

    /**
     * Appends events, in order, inside the current transaction if there is one (one INSERT); they
     * are chained after its commit, and a rollback leaves none.
     */
    async append(entries: AuditEntry[]) {
      if (entries.length === 0) return;
      await strapi.db.transaction(async ({ onCommit }) => {
        await insertRows(
          strapi,
          UID.auditEvent,
          entries.map((entry) => ({
            action: entry.action,
            actor: entry.actor,
            at: entry.at,
            requestId: entry.requestId ?? null,
            subject: entry.subject ?? null,
            details: entry.details ?? {},
          }))
        );
        onCommit(() => void chain());
      });
    },

    /**
     * Chains the committed events that wait for it: after each commit (`append`), from the cron
     * job, and at bootstrap for those a crash left between a commit and its chaining.
     */
    chain,

    /**
     * Resolves once the events committed before the call are chained by this instance's chainer
     * (or found the head held by another instance's, which chains them). The runner awaits it after
     * its commit, so the answer to a decision comes with its events in the chain. Inside a
     * transaction it resolves at once: the events of the outermost transaction chain after its commit.
     */
    chained: (): Promise<void> => (strapi.db.inTransaction() ? Promise.resolve() : (queued ?? running ?? Promise.resolve())),

    /** Chained events newest first, as the API shows them, with their actors' names (what waits is chained first). */
    async list(filters: AuditFilters, page: PageQuery) {
      await chainCommitted();
      return table<StoredEvent & BaseRow>(strapi, UID.auditEvent).findPage(
        page,
        { where: { ...whereOf(filters), seq: { $notNull: true } }, orderBy: { seq: 'desc' } },
        async (rows) => {
          const listed = rows.map(eventOf);
          const labels = await getService(strapi, 'directory').labels(listed.map((event) => event.actor));
          return listed.map((event): AuditListItem => ({ ...event, actorLabel: labels[event.actor] }));
        }
      );
    },

    /**
     * Every event the filters select, oldest first, read in batches of `batch` by seq (never one
     * query for the whole trail); the events chained while it runs are left out, so an export
     * is the chain as it stood when it began (what waited then is chained first).
     */
    async *events(filters: AuditFilters, batch = 500): AsyncGenerator<AuditEvent> {
      await chainCommitted();
      const last = (await readHead()).seq;
      let after = 0;
      for (;;) {
        const rows = (await events().findMany({
          where: { ...whereOf(filters), seq: { $gt: after, $lte: last } },
          orderBy: { seq: 'asc' },
          limit: batch,
        })) as StoredEvent[];
        for (const row of rows) yield eventOf(row);
        if (rows.length < batch) return;
        after = rows[rows.length - 1].seq;
      }
    },

    /**
     * Recomputes the chain up to the head (what waits is chained first): every event's hash, its
     * link to the previous one, gap-free sequence numbers and the head. An edited, reordered,
     * inserted or deleted row is reported with its seq. Events chained while it runs lie beyond the
     * head it read and are left for the next verify.
     */
    async verify(): Promise<AuditVerification> {
      await chainCommitted();
      const head = await readHead();
      const batch = 500;
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      for (let after = 0; ; ) {
        const rows = (await events().findMany({ where: { seq: { $gt: after, $lte: head.seq } }, orderBy: { seq: 'asc' }, limit: batch })) as StoredEvent[];
        for (const row of rows) {
          const problem =
            row.seq !== expectedSeq
              ? `event ${expectedSeq} is missing`
              : row.prevHash !== prevHash
                ? `event ${row.seq} does not link to the event before it`
                : hashOf(prevHash, { ...row, details: row.details ?? {} }) !== row.hash
                  ? `event ${row.seq} was altered`
                  : null;
          // A missing event breaks the chain at its own seq (as a missing last event does below).
          if (problem) return { valid: false, checked, brokenAt: row.seq !== expectedSeq ? expectedSeq : row.seq, reason: problem };
          prevHash = row.hash;
          expectedSeq += 1;
          checked += 1;
        }
        if (rows.length < batch) break;
        after = rows[rows.length - 1].seq;
      }
      if (head.seq !== checked || (checked > 0 && head.hash !== prevHash)) {
        return { valid: false, checked, brokenAt: checked + 1, reason: 'the last events of the chain were removed' };
      }
      return { valid: true, checked, brokenAt: null, reason: null };
    },
  };
};

export type AuditService = ReturnType<typeof createAuditService>;
