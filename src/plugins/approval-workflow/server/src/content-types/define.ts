import type { Schema } from '@strapi/strapi';

interface Definition {
  collectionName: string;
  singularName: string;
  pluralName: string;
  displayName: string;
  attributes: Record<string, Record<string, unknown>>;
  indexes?: Array<{ name: string; columns: string[]; type?: 'unique' }>;
}

/**
 * The plugin's own tables: collection types without draft & publish, hidden from the content
 * manager and the content-type builder, reached only through the plugin's services and routes.
 */
export const hiddenCollection = ({ attributes, indexes, ...info }: Definition) => ({
  schema: {
    kind: 'collectionType',
    collectionName: info.collectionName,
    info: { singularName: info.singularName, pluralName: info.pluralName, displayName: info.displayName },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: false },
      'content-type-builder': { visible: false },
      i18n: { localized: false },
    },
    attributes: attributes as unknown as Schema.ContentType['attributes'],
    ...(indexes ? { indexes } : {}),
  },
});

export const enumeration = (values: readonly string[], extra: Record<string, unknown> = {}) => ({
  type: 'enumeration',
  enum: [...values],
  ...extra,
});
