import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

const admin = {
  postgres: { host: process.env.TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.TEST_PG_PORT ?? 5432), user: 'postgres', database: 'test' },
  mysql: { host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.TEST_MYSQL_PORT ?? 3306), user: 'root', password: '', database: 'test' },
};

/**
 * A database that lives for one test file: a temporary SQLite file, or a fresh database on the
 * local PostgreSQL / MariaDB server, dropped afterwards.
 */
export const createThrowAwayDatabase = async (): Promise<ThrowAwayDatabase> => {
  const client = testClient();
  const name = `aw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (client === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.db`);
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  if (client === 'postgres') {
    const { Client } = await import('pg');
    const run = async (sql: string) => {
      const pg = new Client(admin.postgres);
      await pg.connect();
      try {
        await pg.query(sql);
      } finally {
        await pg.end();
      }
    };
    await run(`CREATE DATABASE ${name}`);
    return {
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: admin.postgres.host,
        DATABASE_PORT: String(admin.postgres.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: admin.postgres.user,
        DATABASE_PASSWORD: '',
      },
      drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const mysql = await import('mysql2/promise');
  const run = async (sql: string) => {
    const connection = await mysql.createConnection(admin.mysql);
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  await run(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    env: {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: admin.mysql.host,
      DATABASE_PORT: String(admin.mysql.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: admin.mysql.user,
      DATABASE_PASSWORD: '',
    },
    drop: () => run(`DROP DATABASE IF EXISTS ${name}`),
  };
};
