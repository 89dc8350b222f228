import { randomBytes } from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';

/** The column of an attribute of `uid` (Strapi names them in snake_case), for the few queries written in knex. */
export const columnOf = (strapi: Core.Strapi, uid: UID.Schema, name: string) => {
  const attribute = strapi.db.metadata.get(uid).attributes[name];
  return (attribute && 'columnName' in attribute && typeof attribute.columnName === 'string' && attribute.columnName) || name;
};

/** A value `updateRows` writes: integers are written into the SQL, objects as JSON text (see below), the rest is bound. */
export type RowValue = number | string | Date | object | null;

/** A value as a plugin write stores it: an object (a JSON attribute) as JSON text, as Strapi's own writes do; the rest as it is. */
const stored = (value: unknown) => (value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value);

/** A row's new values by attribute. */
export type RowValues = { id: number } & Record<string, RowValue | undefined>;

/**
 * Gives each row (by id) its own values in one UPDATE, `col = CASE id WHEN … THEN … ELSE col END`,
 * in the current transaction, on every database; an attribute a row does not name keeps its value.
 * The `ELSE` gives the CASE its column's type (PostgreSQL would type a CASE of bound values alone as
 * text, which a jsonb, timestamp or integer column refuses). Integers are written as literals after
 * a check; an object (a JSON attribute) is stored as Strapi stores it, as JSON text; a `Date` as the
 * driver binds it for Strapi's own writes; null as NULL.
 */
export const updateRows = async (strapi: Core.Strapi, uid: UID.Schema, rows: RowValues[]) => {
  if (rows.length === 0) return;
  const idColumn = columnOf(strapi, uid, 'id');
  const literal = (value: number) => {
    if (!Number.isSafeInteger(value)) throw new Error(`updateRows: ${value} is not an integer`);
    return String(value);
  };
  const names = [...new Set(rows.flatMap((row) => Object.keys(row).filter((name) => name !== 'id' && row[name] !== undefined)))];
  const set = Object.fromEntries(
    names.map((name) => {
      const column = columnOf(strapi, uid, name);
      const bindings: unknown[] = [];
      const branches = rows.flatMap((row) => {
        const value = row[name];
        if (value === undefined) return [];
        if (value === null) return [`WHEN ${literal(row.id)} THEN NULL`];
        if (typeof value === 'number') return [`WHEN ${literal(row.id)} THEN ${literal(value)}`];
        bindings.push(stored(value));
        return [`WHEN ${literal(row.id)} THEN ?`];
      });
      return [column, strapi.db.connection.raw(`CASE ?? ${branches.join(' ')} ELSE ?? END`, [idColumn, ...bindings, column])];
    })
  );
  await strapi.db.transaction(({ trx }) =>
    strapi.db
      .getConnection(strapi.db.metadata.get(uid).tableName)
      .transacting(trx)
      .whereIn(idColumn, rows.map((row) => row.id))
      .update(set)
  );
};

/** Document ids for `count` plugin rows no one looks up by them (24 lowercase characters, as Strapi's), from one draw of random bytes. */
const rowDocumentIds = (count: number) => {
  const hex = randomBytes(12 * count).toString('hex');
  return Array.from({ length: count }, (_, i) => hex.slice(24 * i, 24 * (i + 1)));
};

/**
 * Inserts rows (by attribute) in the current transaction, in as few INSERTs as the database takes
 * (`getBatchInsertSize`, as Strapi's `createMany` chunks): what `createMany` stores — objects as
 * JSON text, `createdAt`/`updatedAt`, a document id — without its per-row processing, for the
 * plugin's own rows that a sweep writes by the thousand (audit events, mails, decisions, parties).
 * Rows are plain values the plugin built; nothing is validated here.
 */
export const insertRows = async (strapi: Core.Strapi, uid: UID.Schema, rows: object[]) => {
  if (rows.length === 0) return;
  const at = new Date();
  const documentIds = rowDocumentIds(rows.length);
  const data = rows.map((row, i) => {
    const columns: Record<string, unknown> = {
      [columnOf(strapi, uid, 'documentId')]: documentIds[i],
      [columnOf(strapi, uid, 'createdAt')]: at,
      [columnOf(strapi, uid, 'updatedAt')]: at,
    };
    for (const [name, value] of Object.entries(row) as Array<[string, unknown]>) {
      if (value !== undefined) columns[columnOf(strapi, uid, name)] = stored(value);
    }
    return columns;
  });
  const size = strapi.db.dialect.getBatchInsertSize();
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < data.length; i += size) await strapi.db.getConnection(strapi.db.metadata.get(uid).tableName).transacting(trx).insert(data.slice(i, i + size));
  });
};
