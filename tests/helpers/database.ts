import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export type TestClient = 'sqlite' | 'postgres' | 'mysql';

export const testClient = (): TestClient => {
  const value = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (value === 'postgres' || value === 'mysql' || value === 'sqlite') return value;
  throw new Error(`Tests run on sqlite, postgres or mysql, not "${value}"`);
};

export interface ThrowAwayDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The run's template database (a SQLite file, or a database name on the server), set by
 * global-setup.ts for the test files (jest's workers inherit it) and dropped by global-teardown.ts.
 */
export const TEMPLATE_VARIABLE = 'TEST_TEMPLATE_DATABASE';

/** `TEST_TEMPLATE=false`: no template, every database starts empty and Strapi builds its tables at boot. */
export const templateWanted = () => process.env.TEST_TEMPLATE !== 'false';

/**
 * The tables a template keeps the rows of: what Strapi reads to decide that the tables are already
 * those of the content types (the stored schema and its hash) and which migrations have run.
 * Every other table is emptied, so that a test file starts from the data of a fresh install.
 */
export const KEPT_TABLES = ['strapi_database_schema', 'strapi_migrations', 'strapi_migrations_internal'];

const admin = {
  postgres: { host: process.env.TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.TEST_PG_PORT ?? 5432), user: 'postgres', database: 'test' },
  mysql: { host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.TEST_MYSQL_PORT ?? 3306), user: 'root', password: '', database: 'test' },
};

/** The part of better-sqlite3 (the driver Strapi uses, shipped without types) the template needs. */
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): { all(): unknown[]; get(): unknown; run(...params: unknown[]): unknown };
  transaction(work: () => void): () => void;
  close(): void;
}
const openSqlite = (file: string): SqliteDatabase => {
  const Database = createRequire(__filename)('better-sqlite3') as new (file: string) => SqliteDatabase;
  return new Database(file);
};

/**
 * Where the SQLite files live: in memory (tmpfs) when the machine has /dev/shm. Each commit of a
 * file on disk waits for its fsync, and a boot alone commits hundreds of times (Strapi's seeding);
 * a test database is dropped after its file, so that durability buys nothing. On a busy disk, a
 * third of a profile of permissions.test.ts was spent in SQLite's calls, most of it in commits.
 */
const SQLITE_DIR = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const sqliteFile = (name: string) => path.join(SQLITE_DIR, `${name}.db`);

const removeSqlite = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
};

const postgres = async <T>(database: string, work: (pg: import('pg').Client) => Promise<T>): Promise<T> => {
  const { Client } = await import('pg');
  const pg = new Client({ ...admin.postgres, database });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
};

const mysql = async <T>(work: (connection: import('mysql2/promise').Connection) => Promise<T>): Promise<T> => {
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection({ ...admin.mysql, multipleStatements: true });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
};

const quoteMysql = (name: string) => `\`${name.replace(/`/g, '``')}\``;

const mysqlTables = async (connection: import('mysql2/promise').Connection, database: string): Promise<string[]> => {
  const [rows] = await connection.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
    [database]
  );
  return (rows as Array<{ name: string }>).map((r) => r.name);
};

/** Creates a database (or names a SQLite file): empty, or a copy of `template` (its tables, and the rows of KEPT_TABLES). */
const create = async (client: TestClient, name: string, template?: string): Promise<void> => {
  if (client === 'sqlite') {
    if (template) fs.copyFileSync(template, sqliteFile(name));
    return;
  }
  if (client === 'postgres') {
    // A template must have no open connection: two files copying it at the same moment can meet
    // in PostgreSQL's check, so a busy template is retried.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await postgres(admin.postgres.database, async (pg) => {
          await pg.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
          // A commit returns without waiting for its WAL record to be flushed to disk (the
          // database is thrown away; a crash could lose the last commits, never leave them half
          // done). Not copied from a template: set on each database, for its later connections.
          await pg.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
        });
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
  await mysql(async (connection) => {
    await connection.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (!template) return;
    // MariaDB has no CREATE DATABASE … TEMPLATE: the tables are made again from their definitions
    // (foreign keys included, so the checks are off while they refer to tables not made yet).
    const tables = await mysqlTables(connection, template);
    const statements = ['SET FOREIGN_KEY_CHECKS = 0', `USE ${quoteMysql(name)}`];
    for (const table of tables) {
      const [rows] = await connection.query(`SHOW CREATE TABLE ${quoteMysql(template)}.${quoteMysql(table)}`);
      statements.push((rows as Array<{ 'Create Table': string }>)[0]['Create Table']);
    }
    for (const table of tables.filter((t) => KEPT_TABLES.includes(t))) {
      statements.push(`INSERT INTO ${quoteMysql(table)} SELECT * FROM ${quoteMysql(template)}.${quoteMysql(table)}`);
    }
    statements.push('SET FOREIGN_KEY_CHECKS = 1');
    await connection.query(statements.join(';\n'));
  });
};

const drop = async (client: TestClient, name: string): Promise<void> => {
  if (client === 'sqlite') return removeSqlite(sqliteFile(name));
  if (client === 'postgres') {
    await postgres(admin.postgres.database, (pg) => pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    return;
  }
  await mysql((connection) => connection.query(`DROP DATABASE IF EXISTS ${name}`));
};

const envFor = (client: TestClient, name: string): Record<string, string> => {
  if (client === 'sqlite') return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: sqliteFile(name) };
  const server = admin[client];
  return {
    DATABASE_CLIENT: client,
    DATABASE_HOST: server.host,
    DATABASE_PORT: String(server.port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: server.user,
    DATABASE_PASSWORD: '',
  };
};

/**
 * Empties every table but KEPT_TABLES and restarts the ids, as on a fresh install. For the
 * template only, once Strapi has built its tables and closed its connections.
 */
const empty = async (client: TestClient, name: string): Promise<void> => {
  if (client === 'sqlite') {
    const db = openSqlite(sqliteFile(name));
    try {
      db.pragma('foreign_keys = OFF');
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>)
        .map((t) => t.name)
        .filter((t) => !KEPT_TABLES.includes(t));
      const hasSequences = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
      db.transaction(() => {
        for (const table of tables) db.exec(`DELETE FROM "${table}"`);
        if (hasSequences) db.prepare(`DELETE FROM sqlite_sequence WHERE name NOT IN (${KEPT_TABLES.map(() => '?').join(', ')})`).run(...KEPT_TABLES);
      })();
      db.exec('VACUUM');
    } finally {
      db.close();
    }
    return;
  }
  if (client === 'postgres') {
    await postgres(name, async (pg) => {
      const { rows } = await pg.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
      const tables = rows.map((r) => r.name).filter((t) => !KEPT_TABLES.includes(t));
      if (tables.length) await pg.query(`TRUNCATE TABLE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    });
    return;
  }
  await mysql(async (connection) => {
    const tables = (await mysqlTables(connection, name)).filter((t) => !KEPT_TABLES.includes(t));
    // TRUNCATE also restarts AUTO_INCREMENT.
    const statements = tables.map((t) => `TRUNCATE TABLE ${quoteMysql(name)}.${quoteMysql(t)}`);
    await connection.query(['SET FOREIGN_KEY_CHECKS = 0', ...statements, 'SET FOREIGN_KEY_CHECKS = 1'].join(';\n'));
  });
};

export interface TemplateDatabase {
  /** The database Strapi builds the template on. */
  env: Record<string, string>;
  /** The value of TEMPLATE_VARIABLE for the test files. */
  location: string;
  /** Empties its tables but KEPT_TABLES (after Strapi has built them and disconnected). */
  empty(): Promise<void>;
  drop(): Promise<void>;
}

/** A new, empty database to build the run's template on (global-setup.ts). */
export const createTemplateDatabase = async (): Promise<TemplateDatabase> => {
  const client = testClient();
  const name = `aw_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await create(client, name);
  return {
    env: envFor(client, name),
    location: client === 'sqlite' ? sqliteFile(name) : name,
    empty: () => empty(client, name),
    drop: () => drop(client, name),
  };
};

/** Drops the template named by TEMPLATE_VARIABLE, if any (global-teardown.ts). */
export const dropTemplateDatabase = async (): Promise<void> => {
  const location = process.env[TEMPLATE_VARIABLE];
  if (!location) return;
  const client = testClient();
  if (client === 'sqlite') removeSqlite(location);
  else await drop(client, location);
  delete process.env[TEMPLATE_VARIABLE];
};

export interface ThrowAwayOptions {
  /**
   * Start from the run's template (default, when there is one): the tables of the content types
   * are already there and empty, so Strapi's schema sync has nothing to do. `false`: an empty
   * database, on which Strapi builds every table as on a fresh install.
   */
  template?: boolean;
}

/**
 * A database that lives for one test file: a temporary SQLite file, or a fresh database on the
 * local PostgreSQL / MariaDB server, dropped afterwards. It is a copy of the run's template when
 * there is one (see global-setup.ts): the same tables, with no data.
 */
export const createThrowAwayDatabase = async (options: ThrowAwayOptions = {}): Promise<ThrowAwayDatabase> => {
  const client = testClient();
  const name = `aw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.template === false || !templateWanted() ? undefined : process.env[TEMPLATE_VARIABLE];
  await create(client, name, template);
  return { env: envFor(client, name), drop: () => drop(client, name) };
};
