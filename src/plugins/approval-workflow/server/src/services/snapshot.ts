import { createHash } from 'node:crypto';
import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { canonicalJson } from '../utils/canonical-json';

export type Data = Record<string, unknown>;

/** What a target looked like: its draft and its published version (one version without draft & publish). */
export interface Snapshot {
  draft: Data | null;
  published: Data | null;
}

/** Bookkeeping fields that say nothing about the content. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'locale', 'documentId']);

/**
 * The content of a document as approvers compare it: bookkeeping dropped, related documents
 * reduced to their document ids, components and scalars kept.
 */
export const normalize = (value: unknown, depth = 0): unknown => {
  if (Array.isArray(value)) return value.map((item) => normalize(item, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Data;
    if (depth > 0 && typeof record.documentId === 'string') return record.documentId;
    return Object.fromEntries(
      Object.keys(record)
        .filter((key) => !IGNORED.has(key))
        .sort()
        .map((key) => [key, normalize(record[key], depth + 1)])
    );
  }
  return value instanceof Date ? value.toISOString() : value;
};

export const hashSnapshot = (snapshot: Snapshot): string =>
  createHash('sha256').update(canonicalJson(snapshot)).digest('hex');

export const createSnapshotService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The target as it is now, or null when it does not exist. */
  async take(uid: string, documentId: string, locale: string | null): Promise<Snapshot | null> {
    const documents = strapi.documents(uid as StrapiUID.ContentType);
    const draftAndPublish = Boolean(strapi.contentTypes[uid as StrapiUID.ContentType]?.options?.draftAndPublish);
    const base = { documentId, populate: '*' as const, ...(locale && locale !== '*' ? { locale } : {}) };
    if (!draftAndPublish) {
      const document = await documents.findOne(base);
      return document ? { draft: normalize(document) as Data, published: null } : null;
    }
    const [draft, published] = await Promise.all([
      documents.findOne({ ...base, status: 'draft' }),
      documents.findOne({ ...base, status: 'published' }),
    ]);
    if (!draft && !published) return null;
    return { draft: draft ? (normalize(draft) as Data) : null, published: published ? (normalize(published) as Data) : null };
  },

  hash: hashSnapshot,
});

export type SnapshotService = ReturnType<typeof createSnapshotService>;
