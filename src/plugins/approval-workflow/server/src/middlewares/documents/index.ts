import type { Core } from '@strapi/strapi';
import { interceptWrites } from './intercept-writes';

/** Every Document Service middleware of the plugin, registered in one place. */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(interceptWrites(strapi));
};
