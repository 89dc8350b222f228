import type { Core } from '@strapi/strapi';
import { z } from 'zod/v4';
import { PLUGIN_ID } from '../../../../shared/constants';
import { UID } from '../../constants';
import {
  awaitedAs,
  formatPath,
  nextDueAt,
  OPERATIONS,
  partiesOf,
  readScope,
  REQUEST_STATUSES,
  requestListStateSchema,
  requestStateSchema,
  type Actor,
  type Operation,
  type PartyRole,
  type RequestListState,
  type RequestState,
  type TimePolicy,
} from '../../domain';
import { insertRows, updateRows } from '../../utils/columns';
import { lockFree } from '../../utils/lock';
import { table, type BaseRow } from '../../utils/records';
import type { Page, PageQuery } from '../../utils/pagination';
import type { ApplyParams } from '../apply';
import type { Snapshot } from '../snapshot';
import { entryTitleOf } from './entry-title';
import type { RequestFilters } from './types';

/** A request row read back from the database: what the runner, the presenter and the lists work with. */
export interface RequestRecord {
  /** The row id (the parties table points to it). */
  rowId: number;
  /** The request's public id (its document id). */
  id: string;
  status: RequestState['status'];
  operation: Operation;
  uid: string;
  targetDocumentId: string | null;
  locale: string | null;
  /** The entry's title (`entryTitleOf`); null when its type has no main field to show, or for rows written before titles. */
  title: string | null;
  params: ApplyParams;
  base: Snapshot | null;
  baseHash: string | null;
  /** For a new child of a managed entry: that entry's managed-object id. */
  parentManagedObject: string | null;
  requester: string;
  owner: string | null;
  comment: string | null;
  urgent: boolean;
  templateId: string | null;
  templateVersion: number | null;
  state: RequestState;
  openKey: string | null;
  reason: string | null;
  result: { documentId: string | null } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A stored request that does not parse: named, with where it is broken — never a half-read cast. */
export class CorruptRequestError extends Error {
  override readonly name = 'CorruptRequestError';

  constructor(
    readonly requestId: string,
    readonly problems: Array<{ path: string; message: string }>
  ) {
    super(`Approval request ${requestId} is stored corrupt: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

const nullable = <T extends z.ZodTypeAny>(schema: T) => schema.nullish().transform((value) => value ?? null);
/** A stored time (a Date, a string or epoch milliseconds, as each database returns it) as an ISO string. */
export const instant = z.union([z.string(), z.number(), z.date()]).transform((value) => new Date(value).toISOString());
const data = z.record(z.string(), z.unknown());

const rowSchema = z.object({
  id: z.number(),
  documentId: z.string(),
  status: z.enum(REQUEST_STATUSES),
  operation: z.enum(OPERATIONS),
  uid: z.string(),
  targetDocumentId: nullable(z.string()),
  locale: nullable(z.string()),
  title: nullable(z.string()),
  params: nullable(z.object({ data: data.optional(), status: z.literal('published').optional() })).transform((value): ApplyParams => value ?? {}),
  base: nullable(z.object({ draft: nullable(data), published: nullable(data) })),
  baseHash: nullable(z.string()),
  context: nullable(z.object({ parentManagedObject: nullable(z.string()) })),
  requester: z.string(),
  owner: nullable(z.string()),
  comment: nullable(z.string()),
  urgent: nullable(z.union([z.boolean(), z.number()])).transform(Boolean),
  templateId: nullable(z.string()),
  templateVersion: nullable(z.number()),
  state: requestStateSchema,
  openKey: nullable(z.string()),
  reason: nullable(z.string()),
  result: nullable(z.object({ documentId: nullable(z.string()) })),
  createdAt: instant,
  updatedAt: instant,
  closedAt: nullable(instant),
});

/** Parses a row with `schema`; a row that does not parse throws `CorruptRequestError` naming the request and the fields. */
const parseRow = <S extends z.ZodTypeAny>(schema: S, row: Record<string, unknown>): z.output<S> => {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const id = typeof row.documentId === 'string' ? row.documentId : `#${String(row.id)}`;
    throw new CorruptRequestError(id, parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  return parsed.data;
};

/**
 * A request as a step of the runner works on it: the record without its base (the target as it
 * was, only the diff shows it; applying re-checks its hash, `baseHash`). The sweep reads its
 * batches so, without the widest column.
 */
export type StepRecord = Omit<RequestRecord, 'base'>;
const stepRowSchema = rowSchema.omit({ base: true });
const STEP_COLUMNS = Object.keys(stepRowSchema.shape);

/**
 * A parsed row as a record: the row id and public id named so, the context unpacked. Records are
 * built with `Object.assign`, not `{ ...rest, more }`: Node 20's V8 makes an object literal that
 * starts with a spread and goes on with properties tens of times slower (a list page's 25 items
 * took half a millisecond of CPU that way).
 */
const stepRecordOf = ({ id, documentId, context, ...rest }: z.output<typeof stepRowSchema>): StepRecord =>
  Object.assign(rest, { rowId: id, id: documentId, parentManagedObject: context?.parentManagedObject ?? null });

/** Parses a request row (see `parseRow`). */
export const fromRow = (row: Record<string, unknown>): RequestRecord => {
  const parsed = parseRow(rowSchema, row);
  return Object.assign(stepRecordOf(parsed), { base: parsed.base });
};

/**
 * What a list shows of a request: the record without the proposal and its base (the widest part
 * of the row, with the state) and the columns only deciding and applying use, and of the state
 * what a list item shows (`RequestListState`). Lists read only these columns.
 */
export type RequestListRecord = Omit<RequestRecord, 'params' | 'base' | 'baseHash' | 'parentManagedObject' | 'openKey' | 'result' | 'state'> & { state: RequestListState };
const listRowSchema = rowSchema.omit({ params: true, base: true, baseHash: true, context: true, openKey: true, result: true }).extend({ state: requestListStateSchema });
const LIST_COLUMNS = Object.keys(listRowSchema.shape);

const fromListRow = (row: Record<string, unknown>): RequestListRecord => {
  const { id, documentId, ...rest } = parseRow(listRowSchema, row);
  return Object.assign(rest, { rowId: id, id: documentId });
};

/**
 * The columns derived from the engine state: what lists sort and filter on, and what the sweep
 * selects by. The open key is kept only while the request is pending (its unique index is DESIGN rule 2).
 */
export const toRow = (state: RequestState, policy: TimePolicy, openKey: string | null) => {
  const due = nextDueAt(state, policy);
  return {
    status: state.status,
    state,
    nextDueAt: due === null ? null : new Date(due),
    openKey: state.status === 'pending' ? openKey : null,
    reason: state.reason,
    closedAt: state.closedAt ? new Date(state.closedAt) : null,
  };
};

/** What `insert` writes besides the engine's columns: the request as the interceptor opened it. */
export type NewRequestRow = Pick<
  RequestRecord,
  'operation' | 'uid' | 'targetDocumentId' | 'locale' | 'title' | 'params' | 'base' | 'baseHash' | 'requester' | 'owner' | 'comment' | 'urgent'
> & {
  documentId: string;
  context: { parentManagedObject: string | null };
  templateId: string;
  templateVersion: number;
};

/** The part of a request row built from the intercepted write: the proposal and its base (replaced by a revise). */
export type ProposalRow = Pick<RequestRecord, 'title' | 'params' | 'base' | 'baseHash'>;

/** A request's new state, and the columns its step changed besides (what applying produced, a revised proposal). */
export interface StateChange {
  record: StepRecord;
  state: RequestState;
  columns?: Partial<Pick<RequestRecord, 'result' | 'targetDocumentId'> & ProposalRow>;
}

/** A row of the parties table. */
interface PartyRow {
  request: number;
  principal: string;
  role: PartyRole;
}

/** A list's condition on the parties table: one of `principals` plays one of `roles` (any role without). */
interface PartyFilter {
  principals: string[];
  roles?: PartyRole[];
}

/** The ids of the requests a party filter finds (a query on the parties table, on its lookup index). */
const byParty = (strapi: Core.Strapi, { principals, roles }: PartyFilter) =>
  strapi.db
    .queryBuilder(UID.requestParty)
    .select(['request'])
    .where({ principal: { $in: principals }, ...(roles ? { role: { $in: roles } } : {}) });

/** How many requests a party filter finds (each once, whatever roles it plays), on the parties index alone. */
const countByParty = async (strapi: Core.Strapi, filter: PartyFilter) => {
  const [counted] = (await strapi.db.connection.count({ count: '*' }).from(byParty(strapi, filter).getKnexQuery().distinct().as('parties'))) as Array<{
    count: number | string;
  }>;
  return Number(counted.count);
};

/** Who asks for a list: the actor and whether they may read every request. */
export interface ListViewer extends Actor {
  canReadAll: boolean;
}

/**
 * The requests table and its parties table, typed: rows in and out through `fromRow`/`toRow`,
 * parties kept in step with each state written, in the caller's transaction.
 */
export const createRequestStore = (strapi: Core.Strapi) => {
  const parties = () => strapi.db.query(UID.requestParty);

  // Rows stay untyped until `fromRow` parses them.
  const requests = table<BaseRow & Record<string, unknown>>(strapi, UID.request);
  const { query } = requests;
  const LABEL = 'Approval request';

  const store = {
    async get(id: string): Promise<RequestRecord> {
      return fromRow(await requests.findOr404(id, LABEL));
    },

    /** The request under its row lock (take it first in the transaction, see `lockRows`); 404 when it is gone. */
    async lock(id: string): Promise<RequestRecord> {
      return fromRow(await requests.lockOr404(id, LABEL));
    },

    /** The pending request holding this open key, as a raw pointer (for the 409 that names it). */
    async findOpen(openKey: string): Promise<RequestRecord | null> {
      const row = await query().findOne({ where: { openKey } });
      return row ? fromRow(row) : null;
    },

    /** Writes a new request and its parties; the record is built from what was written (no read back). */
    async insert(row: NewRequestRow, state: RequestState, policy: TimePolicy, openKey: string | null): Promise<RequestRecord> {
      const at = new Date();
      const data = { ...row, ...toRow(state, policy, openKey), createdAt: at, updatedAt: at };
      const { ids } = await query().createMany({ data: [data] });
      const record = fromRow({ ...data, id: ids[0] });
      await store.writeParties([{ rowId: record.rowId, state, before: null }]);
      return record;
    },

    /**
     * Writes the new state of each request (and what its step changed besides) and brings the
     * parties in step, in one UPDATE for all (`updateRows`) and one write per parties change: the
     * rows are locked and known, so the records are built from what was written, not read back.
     */
    async update(changes: StateChange[], policy: TimePolicy): Promise<StepRecord[]> {
      const updatedAt = new Date();
      const written = changes.map(({ record, state, columns = {} }) => ({ record, state, columns, row: toRow(state, policy, record.openKey) }));
      await updateRows(strapi, UID.request, written.map(({ record, columns, row }) => ({ id: record.rowId, ...row, ...columns, updatedAt })));
      await store.writeParties(changes.map(({ record, state }) => ({ rowId: record.rowId, state, before: record.state })));
      return written.map(({ record, state, columns, row: { status, openKey, reason, closedAt } }) => ({
        ...record,
        ...columns,
        status,
        state,
        openKey,
        reason,
        closedAt: closedAt?.toISOString() ?? null,
        updatedAt: updatedAt.toISOString(),
      }));
    },

    /** Stores only when the request is next due (new reminder settings). */
    async setNextDue(record: RequestRecord, policy: TimePolicy) {
      const due = nextDueAt(record.state, policy);
      await query().updateMany({ where: { id: record.rowId }, data: { nextDueAt: due === null ? null : new Date(due), updatedAt: new Date() } });
    },

    /**
     * The parties of requests brought in step with their states: new rows inserted, vanished rows
     * deleted by their unique key (request, principal, role), for all requests in one DELETE and
     * one INSERT — never every row of a request and all again, which deadlocked on MariaDB under
     * concurrent decisions (gap locks on the request's index range). `before` is the state the
     * stored parties were written from (null for a new request); when it is not known
     * (`undefined`: the backfill), the stored rows are read.
     */
    async writeParties(changes: Array<{ rowId: number; state: RequestState; before: RequestState | null | undefined }>) {
      const unknown = changes.filter((change) => change.before === undefined).map((change) => change.rowId);
      const read = unknown.length
        ? ((await parties().findMany({ where: { request: { $in: unknown } }, select: ['request', 'principal', 'role'] })) as Array<PartyRow>)
        : [];
      const key = (p: Omit<PartyRow, 'request'>) => `${p.role}\n${p.principal}`;
      const vanished: PartyRow[] = [];
      const added: PartyRow[] = [];
      for (const { rowId, state, before } of changes) {
        const stored = before === undefined ? read.filter((p) => Number(p.request) === rowId) : before === null ? [] : partiesOf(before);
        const wanted = partiesOf(state);
        const wantedKeys = new Set(wanted.map(key));
        const storedKeys = new Set(stored.map(key));
        vanished.push(...stored.filter((p) => !wantedKeys.has(key(p))).map(({ principal, role }) => ({ request: rowId, principal, role })));
        added.push(...wanted.filter((p) => !storedKeys.has(key(p))).map(({ principal, role }) => ({ request: rowId, principal, role })));
      }
      if (vanished.length) await parties().deleteMany({ where: { $or: vanished } });
      await insertRows(strapi, UID.requestParty, added);
    },

    /**
     * A page of requests, newest first (by row id: the order the database created them in, the
     * same on every instance whatever its clock, and the order of the indexes below). "Awaiting
     * me", "mine" and what a reader may see (`readScope`) go through the parties table
     * (`id IN (select request from parties where …)`), on its (principal, role, request) index.
     * The page's ids are found first by a narrow query the indexes answer however deep the page,
     * and only those rows are read, without the proposal and base. A list that filters only by
     * one party condition (awaiting me, mine, or all a party may read) takes its page of ids and
     * its total from the parties index alone, never joined to the requests: a join had the
     * database walk the newest requests (most of them closed ones) until it met the page.
     * `itemsOf` makes the page's items of its records (the presenter reads their labels) while
     * the total is being counted.
     */
    async page<T>(viewer: ListViewer, filters: RequestFilters, { page, pageSize }: PageQuery, itemsOf: (records: RequestListRecord[]) => Promise<T[]>): Promise<Page<T>> {
      const columns: Record<string, unknown>[] = [];
      if (filters.status) columns.push({ status: filters.status });
      if (filters.uid) columns.push({ uid: filters.uid });
      if (filters.documentId) columns.push({ targetDocumentId: filters.documentId });
      if (filters.operation) columns.push({ operation: filters.operation });
      // LOWER(title) LIKE '%q%' on every database: no index would serve a contains search, so none is kept on title.
      if (filters.q) columns.push({ title: { $containsi: filters.q } });
      const parties: PartyFilter[] = [];
      if (filters.mine) parties.push({ principals: [viewer.principal], roles: ['requester'] });
      if (filters.awaitingMe) parties.push({ principals: awaitedAs(viewer), roles: ['awaiting'] });
      const scope = readScope(viewer, { awaitingMe: filters.awaitingMe === true });
      if (scope) parties.push({ principals: [scope] });
      const orderBy = { id: 'desc' as const };
      const offset = (page - 1) * pageSize;
      const party = columns.length === 0 && parties.length === 1 ? parties[0] : null;
      const conditions = [...columns, ...parties.map((p) => ({ id: { $in: byParty(strapi, p).getKnexQuery() } }))];
      const where = conditions.length ? { $and: conditions } : {};
      const ids = party
        ? // Each request once whatever roles it is found by, in the index's order. Ordered in knex: the
          // query builder would add its own tie-breaker (the parties' id), which DISTINCT forbids.
          byParty(strapi, party).getKnexQuery().distinct().orderBy('request', 'desc').limit(pageSize).offset(offset)
        : strapi.db.queryBuilder(UID.request).select(['id']).where(where).orderBy(orderBy).limit(pageSize).offset(offset).getKnexQuery();
      // The page's ids as a derived table: MySQL and MariaDB take no LIMIT in an IN subquery itself.
      const onPage = strapi.db.connection.select(party ? 'request' : 'id').from(ids.as('page'));
      const [data, total] = await Promise.all([
        query()
          .findMany({ select: LIST_COLUMNS, where: { id: { $in: onPage } }, orderBy })
          .then((rows) => itemsOf(rows.map(fromListRow))),
        party ? countByParty(strapi, party) : query().count({ where }),
      ]);
      return { data, pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
    },

    /**
     * The pending requests on these entries of a type, every requester's, newest first. With a
     * locale, those of that locale and those without one (the default locale).
     */
    async pendingOn(uid: string, documentIds: string[], locale?: string) {
      const rows = await query().findMany({
        select: LIST_COLUMNS,
        where: {
          status: 'pending',
          uid,
          targetDocumentId: { $in: documentIds },
          ...(locale ? { $or: [{ locale }, { locale: null }] } : {}),
        },
        orderBy: { id: 'desc' },
      });
      return rows.map(fromListRow);
    },

    /**
     * Claims up to `batch` pending requests due by `now`, earliest first, locked for the caller's
     * transaction (the sweep): those another sweep holds are skipped (`lockFree`), as are `skip`.
     * Their row ids and ids, in that order.
     */
    async due(now: number, batch: number, skip: string[] = []) {
      const rows = await lockFree(strapi, UID.request, {
        select: ['id', 'documentId'],
        where: { status: 'pending', nextDueAt: { $lte: new Date(now) }, ...(skip.length ? { documentId: { $notIn: skip } } : {}) },
        // The order of the (status, next_due_at) index.
        orderBy: [{ nextDueAt: 'asc' }, { id: 'asc' }],
        limit: batch,
      });
      return rows.map((row) => ({ rowId: Number(row.id), id: String(row.documentId) }));
    },

    /** Requests by row id, in that order, without their base, in one query (those `due` claimed: read after their lock). */
    async byRowIds(rowIds: number[]): Promise<StepRecord[]> {
      if (rowIds.length === 0) return [];
      const rows = new Map((await query().findMany({ select: STEP_COLUMNS, where: { id: { $in: rowIds } } })).map((row) => [Number(row.id), row]));
      return rowIds.flatMap((rowId) => {
        const row = rows.get(rowId);
        return row ? [stepRecordOf(parseRow(stepRowSchema, row))] : [];
      });
    },

    /** Pending requests after row id `lastId`, in id order (a walk over every pending request). */
    async pendingAfter(lastId: number, batch: number) {
      const rows = await query().findMany({ where: { status: 'pending', id: { $gt: lastId } }, select: ['id', 'documentId'], orderBy: { id: 'asc' }, limit: batch });
      return rows.map((row) => ({ rowId: row.id as number, id: row.documentId as string }));
    },

    /**
     * Requests without any party row (written before the parties table existed): their parties,
     * from their stored state. Run at bootstrap; a second run finds nothing to do.
     */
    async backfillParties(batch = 200) {
      let written = 0;
      for (let lastId = 0; ; ) {
        // NOT EXISTS, not NOT IN: PostgreSQL cannot run `NOT IN (subquery)` as an anti-join and,
        // once the parties outgrow its memory for a hashed subplan, scans them once per request.
        const requestsTable = strapi.db.metadata.get(UID.request).tableName;
        const partiesTable = strapi.db.metadata.get(UID.requestParty).tableName;
        const rows = (await strapi.db
          .getConnection(`${requestsTable} as r`)
          .select({ id: 'r.id', documentId: 'r.document_id' })
          .where('r.id', '>', lastId)
          .whereNotExists(strapi.db.getConnection(`${partiesTable} as p`).select('p.request').whereRaw('?? = ??', ['p.request', 'r.id']))
          .orderBy('r.id', 'asc')
          .limit(batch)) as Array<{ id: number; documentId: string }>;
        for (const row of rows) {
          try {
            await strapi.db.transaction(async () => {
              const record = await store.lock(row.documentId as string);
              await store.writeParties([{ rowId: record.rowId, state: record.state, before: undefined }]);
            });
            written += 1;
          } catch (error) {
            // One corrupt request must not keep the plugin from starting; it stays out of the lists.
            strapi.log.error(`[approval-workflow] parties of request ${row.documentId} not written: ${(error as Error).message}`);
          }
        }
        if (rows.length < batch) return written;
        lastId = rows[rows.length - 1].id as number;
      }
    },

    /**
     * Titles for requests written before the title column existed, each from its stored proposal
     * and base. Run at bootstrap until it went through the table once (a flag in the plugin store:
     * a title that stays null, for a type without a main field, is not looked for again).
     */
    async backfillTitles(batch = 200) {
      const done = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'request-titles-backfilled' });
      if (await done.get({})) return 0;
      let written = 0;
      for (let lastId = 0; ; ) {
        const rows = await query().findMany({ where: { id: { $gt: lastId }, title: { $null: true } }, orderBy: { id: 'asc' }, limit: batch });
        for (const row of rows) {
          try {
            const record = fromRow(row);
            const title = await entryTitleOf(strapi, record.uid, record.params.data, record.base);
            if (title === null) continue;
            await query().update({ where: { id: record.rowId }, data: { title } });
            written += 1;
          } catch (error) {
            // A corrupt request stays without a title; it must not keep the plugin from starting.
            strapi.log.error(`[approval-workflow] title of request ${String(row.documentId)} not written: ${(error as Error).message}`);
          }
        }
        if (rows.length < batch) break;
        lastId = rows[rows.length - 1].id as number;
      }
      await done.set({ value: true });
      return written;
    },
  };
  return store;
};

export type RequestStore = ReturnType<typeof createRequestStore>;
