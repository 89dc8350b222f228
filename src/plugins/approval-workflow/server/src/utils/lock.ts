import type { Core, UID } from '@strapi/strapi';
import { columnOf } from './columns';

/**
 * Locks the rows that match `where` until the current transaction ends (SELECT … FOR UPDATE on
 * PostgreSQL and MySQL/MariaDB; SQLite has one writer, so its transactions never interleave) and
 * returns their ids. Take the lock first in a transaction: on MySQL/MariaDB a plain read before it
 * would fix the transaction's snapshot from before the lock, and later reads would not see what the
 * previous holder committed.
 */
export const lockRows = (strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>) =>
  strapi.db.queryBuilder(uid).select(['id']).where(where).forUpdate().execute<Array<{ id: number }>>();

/**
 * One row read under its lock (see `lockRows`), in one round trip (SELECT * … FOR UPDATE, its
 * columns mapped to attributes as `findOne` maps them); null when it is gone.
 */
export const readLocked = async <R = Record<string, unknown>>(strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>): Promise<R | null> =>
  (await strapi.db.queryBuilder(uid).select('*').where(where).forUpdate().first().execute<R | undefined>()) ?? null;

/** What `lockFree` claims: the attributes it returns, the rows it may take and in which order, how many. */
export interface FreeRowsQuery<K extends string> {
  select: K[];
  where: Record<string, unknown>;
  orderBy: Array<Record<string, 'asc' | 'desc'>>;
  limit: number;
}

/**
 * Locks up to `limit` rows matching `where`, in `orderBy` order, for the caller's transaction,
 * skipping the rows another transaction holds (FOR UPDATE SKIP LOCKED on PostgreSQL and
 * MySQL/MariaDB): claimers on several instances each take other rows instead of waiting for one
 * another. SQLite has one writer, so no row is ever held by another transaction there. On MySQL the
 * order should be that of an index on the filtered columns: it then locks only the rows it returns.
 * Returns the selected attributes of each row as the database hands them back.
 */
export const lockFree = async <K extends string>(strapi: Core.Strapi, uid: UID.Schema, { select, where, orderBy, limit }: FreeRowsQuery<K>) => {
  const rows: Array<Record<string, unknown>> = await strapi.db.transaction(async ({ trx }) => {
    const query = strapi.db.queryBuilder(uid).select(select).where(where).orderBy(orderBy).limit(limit).forUpdate().transacting(trx).getKnexQuery();
    if (strapi.db.dialect.client !== 'sqlite') query.skipLocked();
    return query;
  });
  return rows.map((row) => Object.fromEntries(select.map((name) => [name, row[columnOf(strapi, uid, name)]])) as Record<K, unknown>);
};
