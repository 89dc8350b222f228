import type { Core, UID } from '@strapi/strapi';
import type { Page, PageQuery } from './pagination';
import type { AuditEntry } from '../services/audit';
import { notFound } from './errors';
import { getService } from './get-service';
import { readLocked } from './lock';

/** The columns Strapi gives every row of a plugin table; each service declares the rest of its rows. */
export interface BaseRow {
  id: number;
  documentId: string;
  createdAt: string | Date;
  updatedAt: string | Date;
}

/** What a list reads: Strapi's query-engine filters and order (`where`, `orderBy`, `select`). */
export interface ListParams {
  where?: Record<string, unknown>;
  orderBy?: Record<string, 'asc' | 'desc'> | Array<Record<string, 'asc' | 'desc'>>;
  select?: string[];
}

/**
 * One plugin table, by document id: the reads every service of a record type needs, with the same
 * 404 everywhere (`<label> <id> not found`, `details.id`).
 */
export const table = <R extends BaseRow>(strapi: Core.Strapi, uid: UID.Schema) => {
  const query = () => strapi.db.query(uid);
  const orNotFound = (row: R | null, documentId: string, label: string): R => {
    if (!row) throw notFound(`${label} ${documentId} not found`, { id: documentId });
    return row;
  };

  return {
    query,

    /** The row of a document id, or a 404 naming it. */
    async findOr404(documentId: string, label: string): Promise<R> {
      return orNotFound(await query().findOne({ where: { documentId } }), documentId, label);
    },

    /**
     * The row under its lock (SELECT … FOR UPDATE, see `utils/lock.ts`), inside the caller's
     * transaction: a write racing a delete finds it gone (404) instead of writing a ghost.
     */
    async lockOr404(documentId: string, label: string): Promise<R> {
      return orNotFound(await readLocked<R>(strapi, uid, { documentId }), documentId, label);
    },

    /**
     * One page, as the core API pages (`strapi.db.query().findPage`): the rows of the page and
     * `{ page, pageSize, pageCount, total }` for `meta.pagination`.
     */
    async findPage<T>({ page, pageSize }: PageQuery, params: ListParams, present: (rows: R[]) => T[] | Promise<T[]>): Promise<Page<T>> {
      const { results, pagination } = await query().findPage({ ...params, page, pageSize });
      return { data: await present(results), pagination };
    },
  };
};

/** An audit entry of a write; `at` defaults to the moment it is appended. */
export type WriteAudit = Omit<AuditEntry, 'at'> & { at?: string };

/**
 * A write and its audit entries in one transaction (DESIGN rule 6): `work` writes and says what to
 * audit; the entries are written before the commit, so a write that fails leaves no entry and an
 * entry that cannot be written undoes the write. The answer waits until they are chained.
 */
export const writeAndAudit = async <T>(strapi: Core.Strapi, work: () => Promise<{ result: T; audit: WriteAudit[] }>): Promise<T> => {
  const audit = getService(strapi, 'audit');
  const result: T = await strapi.db.transaction(async () => {
    const written = await work();
    const at = new Date().toISOString();
    await audit.append(written.audit.map((entry) => ({ ...entry, at: entry.at ?? at })));
    return written.result;
  });
  await audit.chained();
  return result;
};
