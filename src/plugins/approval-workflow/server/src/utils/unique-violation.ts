import type { Core, UID } from '@strapi/strapi';
import { conflict } from './errors';

/** What the drivers put on the error of a refused write (pg, mysql2, better-sqlite3). */
interface DriverError {
  code?: string;
  errno?: number;
  constraint?: string;
  message?: string;
}

interface UniqueIndex {
  name: string;
  columns: string[];
}

const isDuplicate = (e: DriverError) =>
  e.code === '23505' || e.code === 'ER_DUP_ENTRY' || e.errno === 1062 || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(e.message ?? '');

/**
 * The unique index of `table` that a refused write hit, or null when the error is something else.
 * PostgreSQL (23505) names the index in `constraint`, MySQL/MariaDB (ER_DUP_ENTRY) in the message
 * (`for key 'name'` or `'table.name'`), SQLite lists the columns (`UNIQUE constraint failed: table.a, table.b`).
 */
export const violatedUniqueIndex = (error: unknown, table: string, indexes: UniqueIndex[]): UniqueIndex | null => {
  const e = (error ?? {}) as DriverError;
  if (!isDuplicate(e)) return null;
  const message = e.message ?? '';
  const sqliteColumns = /UNIQUE constraint failed: (.*)$/im.exec(message)?.[1]?.split(',').map((column) => column.trim()) ?? [];
  return (
    indexes.find(
      ({ name, columns }) =>
        e.constraint === name ||
        [`'${name}'`, `.${name}'`, `"${name}"`].some((quoted) => message.includes(quoted)) ||
        (sqliteColumns.length === columns.length && columns.every((column) => sqliteColumns.includes(`${table}.${column}`)))
    ) ?? null
  );
};

/**
 * Runs a write on a plugin table (a transaction, so that a refused write leaves nothing behind).
 * When the database refuses it because one of the table's unique indexes already holds the value
 * — two admins marking the same object, two editors opening the same request, at the same moment
 * — the answer is a 409 naming what is there: `existing()` finds it and says so. If it is gone
 * again by then, a 409 that asks to retry. Any other error passes unchanged. The one place where
 * the plugin turns a unique violation into an answer, for every table.
 */
export const refuseDuplicates = async <T>(
  strapi: Core.Strapi,
  uid: UID.Schema,
  write: () => Promise<T>,
  existing: () => Promise<Error | null>
): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    const { tableName, indexes = [] } = strapi.db.metadata.get(uid);
    const index = violatedUniqueIndex(
      error,
      tableName,
        indexes.filter((i) => i.type === 'unique')
    );
    if (!index) throw error;
    const displayName = strapi.getModel(uid)?.info?.displayName ?? uid;
    throw (await existing()) ?? conflict(`${displayName}: another one with the same ${index.columns.join(', ')} was written at the same moment; try again`);
  }
};
