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

/** One row read under its lock (see `lockRows`); null when it is gone. */
export const readLocked = async (strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>) => {
  const [locked] = await lockRows(strapi, uid, where);
  return locked ? strapi.db.query(uid).findOne({ where: { id: locked.id } }) : null;
};
