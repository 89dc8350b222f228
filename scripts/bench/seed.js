// Seeding at scale by copying real rows. A request made through HTTP (its row, and the rows of the
// plugin's other tables that point to it: parties, decisions…) is copied N times inside the
// database (INSERT … SELECT over a number series), each copy with its own id, its own target
// document and its own creation time: the copies are as large and as shaped as real requests,
// whatever columns and tables the plugin has when the benchmark runs. The audit trail (a hash
// chain) and the outbox (messages to send) are not copied along.
const { literal, quote } = require('./database');

const PREFIX = 'approval_workflow_';
const REQUESTS = `${PREFIX}requests`;
/** Tables that are not a request's own rows: the chain, its head, mails, and the plugin's setup. */
const NOT_COPIED = /audit|outbox|template|managed|group|setting/;

const stringOf = (value) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** `column` with every `[old, newExpr]` of `replace` that occurs in its template value replaced, cast back to the column's type. */
const replaced = (column, value, replace, alias) => {
  const present = replace.filter(([old]) => stringOf(value).includes(old));
  if (present.length === 0 || column.kind === 'other') return `${alias}.${quote(column.name)}`;
  const source = column.kind === 'text' ? `${alias}.${quote(column.name)}` : `CAST(${alias}.${quote(column.name)} AS text)`;
  const expression = present.reduce((inner, [old, next]) => `REPLACE(${inner}, ${literal(old)}, ${next})`, source);
  return column.kind === 'text' ? expression : `CAST(${expression} AS ${column.kind})`;
};

/** The row of a request by its public id (the document id the API answers). */
const requestRow = async (sql, documentId) => {
  const [row] = await sql.all(`SELECT * FROM ${REQUESTS} WHERE document_id = ${literal(documentId)}`);
  if (!row) throw new Error(`request ${documentId} is not in ${REQUESTS}`);
  return row;
};

/** The id prefix of copies; copy g of a series has the document id `${prefix}${g}` and the target `${prefix}${g}t`. */
const copyId = (prefix, g) => `${prefix}${g}`;

/**
 * Copies the request `documentId` (made through HTTP) as requests `${prefix}${from…to}`, and its
 * rows in the plugin's other tables. `targetDocumentId`: the document it is about, replaced by a
 * copy's own (so that open keys stay unique); `spacingMs`: copy g is created g·spacing before the
 * original; `set`: column → SQL expression over the series `g` and the original row `t`;
 * `replace`: more [old string, new SQL expression] replacements in text and JSON columns.
 */
const copyRequest = async (sql, { documentId, targetDocumentId, prefix, from, to, spacingMs, set = {}, replace = [] }) => {
  const template = await requestRow(sql, documentId);
  const columns = (await sql.columns(REQUESTS)).filter((c) => c.name !== 'id');
  const newId = `(${literal(prefix)} || g)`;
  const replacements = [[documentId, newId], ...(targetDocumentId ? [[targetDocumentId, `(${literal(prefix)} || g || 't')`]] : []), ...replace];
  const shift = {};
  for (const column of ['created_at', 'updated_at']) {
    if (columns.some((c) => c.name === column) && template[column] !== null) shift[column] = await sql.shiftBack(REQUESTS, column, `CAST(g AS bigint) * ${spacingMs}`);
  }
  const expressions = columns.map((column) => {
    if (column.name === 'document_id') return newId;
    if (column.name in set) return set[column.name];
    if (column.name in shift) return shift[column.name].replace(quote(column.name), `t.${quote(column.name)}`);
    return replaced(column, template[column.name], replacements, 't');
  });
  const [{ before }] = await sql.all(`SELECT COALESCE(MAX(id), 0) AS before FROM ${REQUESTS}`);
  await sql.run(
    `INSERT INTO ${REQUESTS} (${columns.map((c) => quote(c.name)).join(', ')}) SELECT ${expressions.join(', ')} FROM ${REQUESTS} t CROSS JOIN ${sql.series(from, to)} WHERE t.id = ${template.id}`
  );
  const copies = `r.id > ${Number(before)} AND r.document_id LIKE ${literal(`${prefix}%`)}`;

  // The request's rows elsewhere: any row of another plugin table that names its row id (in a
  // column about the request) or its document id, copied once per copy of the request.
  let related = 0;
  for (const table of (await sql.tables(PREFIX)).filter((t) => t !== REQUESTS && !NOT_COPIED.test(t))) {
    const tableColumns = (await sql.columns(table)).filter((c) => c.name !== 'id');
    const pointers = tableColumns.filter((c) => /request/.test(c.name));
    if (pointers.length === 0) continue;
    const rows = await sql.all(
      `SELECT * FROM ${quote(table)} WHERE ${pointers
        .map((c) => `${quote(c.name)} ${c.kind === 'other' ? `= ${template.id}` : `= ${literal(documentId)}`}`)
        .join(' OR ')}`
    );
    if (rows.length === 0) continue;
    const childReplacements = [[documentId, 'r.document_id'], ...(targetDocumentId ? [[targetDocumentId, "(r.document_id || 't')"]] : [])];
    const childExpressions = tableColumns.map((column) => {
      if (column.name === 'document_id') return `(${literal(`${prefix}k`)} || r.id || 'x' || c.id)`;
      if (pointers.includes(column) && column.kind === 'other') return 'r.id';
      if (column.name === 'created_at' || column.name === 'updated_at') return `r.${quote(column.name)}`;
      return replaced(column, rows.find((row) => row[column.name] !== null)?.[column.name], childReplacements, 'c');
    });
    related += await sql.run(
      `INSERT INTO ${quote(table)} (${tableColumns.map((c) => quote(c.name)).join(', ')}) SELECT ${childExpressions.join(', ')} FROM ${quote(table)} c CROSS JOIN ${REQUESTS} r WHERE c.id IN (${rows
        .map((row) => row.id)
        .join(', ')}) AND ${copies}`
    );
  }
  return { template, related };
};

/**
 * Copies the outbox message `id` as `count` new `pending` messages due now, copy g about the
 * request `requestIdOf(g)` (an SQL expression over g). Returns the highest outbox id before the copies.
 */
const copyOutboxMessage = async (sql, { id, count, requestIdExpr, now }) => {
  const table = `${PREFIX}outbox`;
  const columns = (await sql.columns(table)).filter((c) => c.name !== 'id');
  const reset = {
    document_id: `(${literal('bnchm')} || g)`,
    status: literal('pending'),
    attempts: '0',
    available_at: await sql.time(table, 'available_at', now),
    last_error: 'NULL',
    subject: 'NULL',
    sent_to: 'NULL',
    sent_at: 'NULL',
    request_id: requestIdExpr,
  };
  const expressions = columns.map((c) => reset[c.name] ?? `t.${quote(c.name)}`);
  const [{ before }] = await sql.all(`SELECT COALESCE(MAX(id), 0) AS before FROM ${table}`);
  await sql.run(
    `INSERT INTO ${table} (${columns.map((c) => quote(c.name)).join(', ')}) SELECT ${expressions.join(', ')} FROM ${table} t CROSS JOIN ${sql.series(1, count)} WHERE t.id = ${Number(id)}`
  );
  return Number(before);
};

/** The average stored size of some requests (their columns as JSON text), in bytes. */
const averageRowBytes = async (sql, where) => {
  const rows = await sql.all(`SELECT * FROM ${REQUESTS} WHERE ${where} LIMIT 50`);
  return rows.reduce((sum, row) => sum + Buffer.byteLength(JSON.stringify(row)), 0) / Math.max(rows.length, 1);
};

module.exports = { REQUESTS, PREFIX, copyRequest, copyOutboxMessage, copyId, requestRow, averageRowBytes };
