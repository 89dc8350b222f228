import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** A mail being sent finishes (and records its outcome) before the database closes. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'outbox').idle();
};
