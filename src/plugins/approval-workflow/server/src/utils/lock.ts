import type { Core, UID } from '@strapi/strapi';

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
