import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { AuditEvent, AuditFilters, AuditListItem, AuditVerification } from '../../../shared/contracts/audit';
import type { RecordedAuditAction } from '../../../shared/audit-actions';
import { UID } from '../constants';
import { canonicalJson } from '../utils/canonical-json';
import { getService } from '../utils/get-service';
import type { PageQuery } from '../utils/pagination';
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

/**
 * The audit trail (DESIGN rule 6): append-only, each event chained to the one before it by a
 * sha256 hash. Appending locks the chain head row inside the caller's transaction, so two
 * instances never fork the chain, and a rolled-back decision leaves no audit event behind.
 */
export const createAuditService = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The chain head, with the genesis hash, if there is none. Bootstrap writes it, so that two first
   * appends at once find one row to lock instead of each creating a head and both taking seq 1.
   */
  const ensureHead = async () => {
    if ((await strapi.db.query(UID.auditHead).count()) === 0) await strapi.db.query(UID.auditHead).create({ data: { seq: 0, hash: GENESIS } });
  };

  const lockHead = async () => {
    const locked = () =>
      strapi.db
        .queryBuilder(UID.auditHead)
        .select(['id', 'seq', 'hash'])
        .orderBy({ id: 'asc' })
        .first()
        .forUpdate()
        .execute<{ id: number; seq: number; hash: string | null } | undefined>();
    const head = (await locked()) ?? (await ensureHead(), await locked());
    if (!head) throw new Error('The audit chain has no head row');
    return head;
  };

  /**
   * Appends made concurrently inside one transaction (the content manager's bulk actions run
   * their writes with Promise.all) share its row lock, so they queue here; separate transactions
   * queue on the lock itself.
   */
  const queues = new WeakMap<object, Promise<unknown>>();
  const inTurn = <T>(trx: object, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(trx) ?? Promise.resolve()).then(work, work);
    queues.set(trx, run.catch(() => undefined));
    return run;
  };

  return {
    ensureHead,

    /** Appends events in order, chained; runs inside the current transaction if there is one. */
    async append(entries: AuditEntry[]) {
      if (entries.length === 0) return;
      await strapi.db.transaction(({ trx }) => inTurn(trx, async () => {
        const head = await lockHead();
        let { seq } = head;
        let prevHash = head.hash ?? GENESIS;
        for (const entry of entries) {
          seq += 1;
          const event = {
            seq,
            action: entry.action,
            actor: entry.actor,
            at: entry.at,
            requestId: entry.requestId ?? null,
            subject: entry.subject ?? null,
            details: entry.details ?? {},
          };
          const hash = hashOf(prevHash, event);
          await strapi.db.query(UID.auditEvent).create({ data: { ...event, prevHash, hash } });
          prevHash = hash;
        }
        await strapi.db.query(UID.auditHead).update({ where: { id: head.id }, data: { seq, hash: prevHash } });
      }));
    },

    /** Events newest first, as the API shows them, with their actors' names. */
    async list(filters: AuditFilters, page: PageQuery) {
      return table<StoredEvent & BaseRow>(strapi, UID.auditEvent).findPage(page, { where: whereOf(filters), orderBy: { seq: 'desc' } }, async (rows) => {
        const events = rows.map(eventOf);
        const labels = await getService(strapi, 'directory').labels(events.map((event) => event.actor));
        return events.map((event): AuditListItem => ({ ...event, actorLabel: labels[event.actor] }));
      });
    },

    /**
     * Every event the filters select, oldest first, read in batches of `batch` by seq (never one
     * query for the whole trail); the events appended while it runs are left out, so an export
     * is the chain as it stood when it began.
     */
    async *events(filters: AuditFilters, batch = 500): AsyncGenerator<AuditEvent> {
      const head = await strapi.db.query(UID.auditHead).findOne({ orderBy: { id: 'asc' } });
      const last = (head?.seq as number | undefined) ?? 0;
      let after = 0;
      for (;;) {
        const rows = (await strapi.db.query(UID.auditEvent).findMany({
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
     * Recomputes the whole chain: every event's hash, its link to the previous one, gap-free
     * sequence numbers and the head. An edited, inserted or deleted row is reported with its seq.
     */
    async verify(): Promise<AuditVerification> {
      const head = await strapi.db.query(UID.auditHead).findOne({ orderBy: { id: 'asc' } });
      const batch = 500;
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      for (let offset = 0; ; offset += batch) {
        const rows = (await strapi.db
          .query(UID.auditEvent)
          .findMany({ orderBy: { seq: 'asc' }, offset, limit: batch })) as StoredEvent[];
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
      }
      const headSeq = (head?.seq as number | undefined) ?? 0;
      if (headSeq !== checked || (checked > 0 && head?.hash !== prevHash)) {
        return { valid: false, checked, brokenAt: checked + 1, reason: 'the last events of the chain were removed' };
      }
      return { valid: true, checked, brokenAt: null, reason: null };
    },
  };
};

export type AuditService = ReturnType<typeof createAuditService>;
