import type { Core } from '@strapi/strapi';

/** The content manager's populate builder (`services/populate-builder` of `@strapi/content-manager`). */
type PopulateBuilder = (uid: string) => { populateDeep(level?: number): { build(): Promise<unknown> } };

/**
 * A document as deep as the content manager's edit view loads it: every component, dynamic zone
 * item, relation and media, at any depth. The content manager's own builder, not a copy of it;
 * relations are populated whole (the edit view counts them instead and loads them apart).
 */
export const deepPopulate = (strapi: Core.Strapi, uid: string) =>
  (strapi.plugin('content-manager').service('populate-builder') as PopulateBuilder)(uid).populateDeep(Infinity).build();
