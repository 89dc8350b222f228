import type { Core } from '@strapi/strapi';

type InternalMigrations = Core.Strapi['db']['migrations']['providers']['internal'];

/**
 * A data migration of the plugin's tables. Strapi runs each one once per database (recorded by
 * name in `strapi_migrations_internal`), inside a transaction, at startup and before it syncs the
 * tables to the content types: `up` sees the tables as the previous version left them, and the
 * schema sync afterwards adds or drops what the new content types declare.
 */
export type PluginMigration = Parameters<InternalMigrations['register']>[0];

/**
 * The plugin's data migrations, oldest first, each named `approval-workflow-<version>-<nn>-<what>`.
 * A release whose content types change in a way the schema sync cannot do alone (a column renamed,
 * split, or filled from other data) adds one here, with a case in tests/migrations.test.ts that
 * upgrades a database of the previous release. Adding a column or an index needs none: the sync does it.
 *
 * 0.1 → 0.2 changed no table (the plugin became a package; its content types stayed as they were),
 * so there is nothing to move yet; tests/migrations.test.ts fails on the first content-type change
 * that comes without a migration for its release.
 */
export const migrations: PluginMigration[] = [];

/** Hands the migrations to Strapi (from the plugin's register(), before the database starts). */
export const registerMigrations = (strapi: Core.Strapi, list: readonly PluginMigration[] = migrations) => {
  for (const migration of list) strapi.db.migrations.providers.internal.register(migration);
};
