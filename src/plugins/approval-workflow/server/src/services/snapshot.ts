import { createHash } from 'node:crypto';
import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { canonicalJson } from '../utils/canonical-json';
import { deepPopulate } from '../utils/deep-populate';

export type Data = Record<string, unknown>;

/** What a target looked like: its draft and its published version (one version without draft & publish). */
export interface Snapshot {
  draft: Data | null;
  published: Data | null;
}

/** Bookkeeping fields that say nothing about the content. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'locale', 'documentId']);

/**
 * The content of a document as approvers compare it, at every depth: bookkeeping (ids included, so
 * components and dynamic zone items count by their content and order) dropped, related documents
 * reduced to their document ids. Key order is left to `canonicalJson`.
 */
export const normalize = (value: unknown, depth = 0): unknown => {
  if (Array.isArray(value)) return value.map((item) => normalize(item, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Data;
    if (depth > 0 && typeof record.documentId === 'string') return record.documentId;
    return Object.fromEntries(Object.keys(record).filter((key) => !IGNORED.has(key)).map((key) => [key, normalize(record[key], depth + 1)]));
  }
  return value;
};

export const hashSnapshot = (snapshot: Snapshot): string =>
  createHash('sha256').update(canonicalJson(snapshot)).digest('hex');

export const createSnapshotService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The target as it is now — its draft and its published version in the request's locale, each
   * as deep as the content manager loads it — or null when the document does not exist. A
   * document without a version in this locale yet (an update that adds the locale) is an empty
   * snapshot: the locale added by someone else before approval is a change like any other.
   */
  async take(uid: string, documentId: string, locale: string | null): Promise<Snapshot | null> {
    const documents = strapi.documents(uid as StrapiUID.ContentType);
    const draftAndPublish = Boolean(strapi.contentTypes[uid as StrapiUID.ContentType]?.options?.draftAndPublish);
    const populate = (await deepPopulate(strapi, uid)) as never;
    const base = { documentId, populate, ...(locale && locale !== '*' ? { locale } : {}) };
    const [draft, published] = await Promise.all([
      documents.findOne(draftAndPublish ? { ...base, status: 'draft' } : base),
      draftAndPublish ? documents.findOne({ ...base, status: 'published' }) : null,
    ]);
    if (!draft && !published && !(await strapi.db.query(uid as StrapiUID.ContentType).findOne({ where: { documentId }, select: ['id'] }))) return null;
    return { draft: draft ? (normalize(draft) as Data) : null, published: published ? (normalize(published) as Data) : null };
  },

  hash: hashSnapshot,
});

export type SnapshotService = ReturnType<typeof createSnapshotService>;
