import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../snapshot';

/** What the content manager's configuration of a content type or component says about it (its edit view). */
export interface ModelConfiguration {
  /** The field that names an entry in lists and relation pickers (`settings.mainField`). */
  mainField: string;
  /** The edit view's label of each attribute (`metadatas[attr].edit.label`). */
  labels: Record<string, string>;
}

interface StoredConfiguration {
  settings?: { mainField?: string };
  metadatas?: Record<string, { edit?: { label?: string } }>;
}

type ConfigurationService = { findConfiguration(model: { uid: string; category?: string }): Promise<StoredConfiguration> };

/**
 * The content manager's configuration of a content type or a component, as its edit view and list
 * use it (the administrator may rename labels and choose the main field there).
 */
export const configurationOf = async (strapi: Core.Strapi, uid: string): Promise<ModelConfiguration> => {
  const component = strapi.components[uid as keyof typeof strapi.components];
  const service = strapi.plugin('content-manager').service(component ? 'components' : 'content-types') as ConfigurationService;
  const stored = await service.findConfiguration(component ? { uid, category: component.category } : { uid });
  const labels = Object.fromEntries(
    Object.entries(stored.metadatas ?? {}).flatMap(([name, metadata]) => (metadata.edit?.label ? [[name, metadata.edit.label]] : []))
  );
  return { mainField: stored.settings?.mainField ?? 'id', labels };
};

/** The longest title stored with a request (a string column everywhere). */
export const TITLE_MAX_LENGTH = 255;

/**
 * An entry's title: the value of the main field in the first of `sources` that has one; null when
 * the main field is an identifier (`id`, `documentId`) or empty everywhere.
 */
export const titleIn = (mainField: string, ...sources: Array<Record<string, unknown> | null | undefined>): string | null => {
  if (mainField === 'id' || mainField === 'documentId') return null;
  for (const source of sources) {
    const value = source?.[mainField];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value).slice(0, TITLE_MAX_LENGTH);
  }
  return null;
};

/**
 * The title of a request's entry, stored with the request (lists show and search it): the content
 * type's main field in the proposal, else in the base (draft, else published).
 */
export const entryTitleOf = async (
  strapi: Core.Strapi,
  uid: string,
  proposal: Record<string, unknown> | null | undefined,
  base: Snapshot | null
): Promise<string | null> => {
  if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) return null;
  const { mainField } = await configurationOf(strapi, uid);
  return titleIn(mainField, proposal, base?.draft, base?.published);
};

/**
 * The titles of many entries of one content type, read in one query (whatever their number):
 * documentId → title (the draft's main field, else the published version's, else any locale's).
 */
export const entryTitlesOf = async (strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, string | null>> => {
  const titles = new Map<string, string | null>(documentIds.map((id) => [id, null]));
  if (!documentIds.length || !strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) return titles;
  const { mainField } = await configurationOf(strapi, uid);
  if (mainField === 'id' || mainField === 'documentId') return titles;
  const rows = (await strapi.db.query(uid as never).findMany({
    where: { documentId: { $in: [...new Set(documentIds)] } },
    select: ['documentId', mainField, 'publishedAt'],
  })) as Array<Record<string, unknown> & { documentId: string; publishedAt?: string | null }>;
  // Drafts first: the content manager names an entry by its draft.
  rows.sort((a, b) => Number(Boolean(a.publishedAt)) - Number(Boolean(b.publishedAt)));
  for (const row of rows) {
    if (titles.get(row.documentId) === null) titles.set(row.documentId, titleIn(mainField, row));
  }
  return titles;
};
