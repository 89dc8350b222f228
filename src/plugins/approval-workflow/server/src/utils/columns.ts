import type { Core, UID } from '@strapi/strapi';

/** The column of an attribute of `uid` (Strapi names them in snake_case), for the few queries written in knex. */
export const columnOf = (strapi: Core.Strapi, uid: UID.Schema, name: string) => {
  const attribute = strapi.db.metadata.get(uid).attributes[name];
  return (attribute && 'columnName' in attribute && typeof attribute.columnName === 'string' && attribute.columnName) || name;
};

/** A knex transaction, as `strapi.db.transaction` hands it to its callback. */
export type Transaction = Parameters<ReturnType<Core.Strapi['db']['getConnection']>['transacting']>[0];

/** A row's new values by attribute: integers (written into the SQL, see below) or strings. */
export type RowValues = { id: number } & Record<string, number | string>;

/**
 * Gives each row (by id) its own values in one UPDATE, `col = CASE id WHEN … THEN … END`, in the
 * transaction `trx`, on every database. Every row names the same attributes. Integers are written
 * as literals after a check (PostgreSQL would type a bound CASE result as text, which an integer
 * column refuses); strings are bound.
 */
export const updateRows = async (strapi: Core.Strapi, uid: UID.Schema, rows: RowValues[], trx: Transaction) => {
  if (rows.length === 0) return;
  const idColumn = columnOf(strapi, uid, 'id');
  const literal = (value: number) => {
    if (!Number.isSafeInteger(value)) throw new Error(`updateRows: ${value} is not an integer`);
    return String(value);
  };
  const set = Object.fromEntries(
    Object.keys(rows[0])
      .filter((name) => name !== 'id')
      .map((name) => {
        const bindings: string[] = [];
        const branches = rows.map((row) => {
          const value = row[name];
          if (typeof value === 'number') return `WHEN ${literal(row.id)} THEN ${literal(value)}`;
          bindings.push(value);
          return `WHEN ${literal(row.id)} THEN ?`;
        });
        return [columnOf(strapi, uid, name), strapi.db.connection.raw(`CASE ?? ${branches.join(' ')} END`, [idColumn, ...bindings])];
      })
  );
  await strapi.db
    .getConnection(strapi.db.metadata.get(uid).tableName)
    .transacting(trx)
    .whereIn(idColumn, rows.map((row) => row.id))
    .update(set);
};
