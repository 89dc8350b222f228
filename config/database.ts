import path from 'path';
import type { Core } from '@strapi/strapi';

type Client = 'sqlite' | 'postgres' | 'mysql';

/** `DATABASE_CLIENT`: sqlite (default), postgres, or mysql (`mariadb` is accepted as mysql). */
const clientFromEnv = (value: string): Client => {
  const normalized = value === 'mariadb' || value === 'mysql2' ? 'mysql' : value === 'postgresql' ? 'postgres' : value;
  if (normalized !== 'sqlite' && normalized !== 'postgres' && normalized !== 'mysql') {
    throw new Error(`Unsupported DATABASE_CLIENT "${value}". Use "sqlite", "postgres" or "mysql".`);
  }
  return normalized;
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = clientFromEnv(env('DATABASE_CLIENT', 'sqlite'));
  const url = env('DATABASE_URL', '');
  const ssl = env.bool('DATABASE_SSL', false) && {
    rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
  };
  const pool = { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) };

  const connections: Record<Client, Core.Config.Database['connection']> = {
    postgres: {
      client: 'postgres',
      connection: {
        ...(url ? { connectionString: url } : {}),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        ssl,
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool,
    },
    mysql: {
      client: 'mysql',
      // mysql2 takes a URL as `uri`.
      connection: (url
        ? { uri: url, ssl }
        : {
            host: env('DATABASE_HOST', '127.0.0.1'),
            port: env.int('DATABASE_PORT', 3306),
            database: env('DATABASE_NAME', 'strapi'),
            user: env('DATABASE_USERNAME', 'root'),
            password: env('DATABASE_PASSWORD', ''),
            ssl,
          }) as Core.Config.Database<'mysql'>['connection']['connection'],
      pool,
    },
    sqlite: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };

  return {
    connection: {
      ...connections[client],
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};

export default config;
