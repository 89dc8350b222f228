import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** A mail being sent and a chaining of audit events under way finish before the database closes. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'outbox').idle();
  await getService(strapi, 'audit').chained();
};
