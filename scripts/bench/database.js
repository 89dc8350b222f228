// The benchmark's databases: a throw-away SQLite file or PostgreSQL database (created and dropped
// here), the environment that points the app at it, and a plain SQL connection for what HTTP would
// take too long to make (100k requests) and for the checks (each due request expired once).
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root } = require('../lib/built-app');

const PG = {
  host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.BENCH_PG_PORT ?? 5432),
  user: process.env.BENCH_PG_USER ?? 'postgres',
  password: process.env.BENCH_PG_PASSWORD ?? '',
};

const load = (name) => require(require.resolve(name, { paths: [root] }));

/** A SQL literal of a string (every string the benchmark inlines is its own: ids, ISO times). */
const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;
const quote = (name) => `"${name.replace(/"/g, '""')}"`;

/**
 * One connection with the same small interface on both databases: `all(sql)` → rows, `run(sql)`
 * → affected rows, `columns(table)` → [{ name, kind: 'text' | 'json' | 'jsonb' | 'other' }].
 */
const connectSqlite = (file) => {
  const Database = load('better-sqlite3');
  const db = new Database(file);
  // The app writes to the same file: wait for its write lock rather than failing.
  db.pragma('busy_timeout = 30000');
  return {
    client: 'sqlite',
    all: async (sql) => db.prepare(sql).all(),
    run: async (sql) => db.prepare(sql).run().changes,
    columns: async (table) =>
      db
        .prepare(`PRAGMA table_info(${quote(table)})`)
        .all()
        .map(({ name, type }) => ({ name, kind: /char|text|clob|json/i.test(type) ? 'text' : 'other' })),
    tables: async (prefix) =>
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ${literal(`${prefix}%`)} ORDER BY name`)
        .all()
        .map((row) => row.name),
    series: (from, to) => `(WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to}) SELECT g FROM s) AS s`,
    /** A time value as the app stores it in this column (SQLite: epoch milliseconds, or text). */
    time: async (table, column, ms) => {
      const [row] = db.prepare(`SELECT typeof(${quote(column)}) AS type FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL LIMIT 1`).all();
      return row?.type === 'text' ? literal(new Date(ms).toISOString()) : String(ms);
    },
    /** An expression for `column` moved back by `msExpr` milliseconds. */
    shiftBack: async (table, column, msExpr) => {
      const [row] = db.prepare(`SELECT typeof(${quote(column)}) AS type FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL LIMIT 1`).all();
      return row?.type === 'text'
        ? `strftime('%Y-%m-%dT%H:%M:%fZ', julianday(${quote(column)}) - (${msExpr}) / 86400000.0)`
        : `${quote(column)} - (${msExpr})`;
    },
    analyze: async () => db.exec('ANALYZE'),
    close: async () => db.close(),
  };
};

const connectPostgres = async (database) => {
  const { Client } = load('pg');
  const pg = new Client({ ...PG, database });
  await pg.connect();
  return {
    client: 'postgres',
    all: async (sql) => (await pg.query(sql)).rows,
    run: async (sql) => (await pg.query(sql)).rowCount,
    columns: async (table) =>
      (
        await pg.query(
          `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${literal(table)} ORDER BY ordinal_position`
        )
      ).rows.map(({ name, type }) => ({ name, kind: type === 'jsonb' || type === 'json' ? type : /char|text/.test(type) ? 'text' : 'other' })),
    tables: async (prefix) =>
      (await pg.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE ${literal(`${prefix}%`)} ORDER BY tablename`)).rows.map(
        (row) => row.name
      ),
    series: (from, to) => `generate_series(${from}, ${to}) AS s(g)`,
    time: async (_table, _column, ms) => `CAST(${literal(new Date(ms).toISOString())} AS timestamptz)`,
    shiftBack: async (_table, column, msExpr) => `${quote(column)} - (${msExpr}) * interval '1 millisecond'`,
    // A database that has been running a while has its statistics and visibility map: so should this one.
    analyze: async () => pg.query('VACUUM ANALYZE'),
    close: async () => pg.end(),
  };
};

const adminPostgres = async (sql) => {
  const pg = await connectPostgres('postgres');
  try {
    await pg.run(sql);
  } finally {
    await pg.close();
  }
};

/**
 * A new, empty database of `client` ('sqlite' | 'postgres'): `env` for the app, `connect()` for
 * plain SQL, `drop()` afterwards.
 */
const createDatabase = async (client) => {
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-bench-'));
    const file = path.join(dir, 'bench.db');
    return {
      client,
      label: file,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      connect: async () => connectSqlite(file),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (client !== 'postgres') throw new Error(`BENCH_DB: sqlite, postgres or both, not ${client}`);
  const name = `aw_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminPostgres(`CREATE DATABASE ${name}`);
  return {
    client,
    label: `postgres ${name} on ${PG.host}:${PG.port}`,
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: PG.host,
      DATABASE_PORT: String(PG.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: PG.user,
      DATABASE_PASSWORD: PG.password,
    },
    connect: () => connectPostgres(name),
    drop: () => adminPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};

module.exports = { createDatabase, literal, quote };
