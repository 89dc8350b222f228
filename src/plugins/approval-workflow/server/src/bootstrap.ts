import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';
import { ADMIN_ACTIONS } from './permissions';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  // Settings updates lock their store row: it exists before the first one.
  await getService(strapi, 'settings').ensureStored();

  // The sweep: expiries, reminders, escalations (seed 003 looks every 30 minutes; default here 5).
  strapi.cron.add({
    [`${PLUGIN_ID}-sweep`]: {
      task: async () => {
        await getService(strapi, 'requests').sweep();
      },
      options: { rule: strapi.config.get<string>(`plugin::${PLUGIN_ID}.sweepCron`) },
    },
  });
};
