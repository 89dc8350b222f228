import type { Core } from '@strapi/strapi';
import { env } from '@strapi/utils';
import { printDemoAccounts, seedDemo } from './seed/demo';

export default {
  register() {},

  /**
   * An empty database gets the demo (accounts, content, approval setup) only when asked:
   * `SEED_DEMO=true`, which `npm run develop` sets. Not Strapi's environment: `strapi start`
   * without NODE_ENV runs in `development`, and a deployment must not get the demo's known passwords.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (!env.bool('SEED_DEMO', false)) return;
    await seedDemo(strapi);
    if (await strapi.db.query('admin::user').count({ where: { email: 'admin@demo.local' } })) printDemoAccounts(strapi);
  },
};
