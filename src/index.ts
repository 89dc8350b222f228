import type { Core } from '@strapi/strapi';
import { printDemoAccounts, seedDemo } from './seed/demo';

export default {
  register() {},

  /**
   * In development, an empty database gets the demo (accounts, content, approval setup).
   * Never in production or tests; `SEED_DEMO=false` turns it off.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (strapi.config.get('environment') !== 'development' || process.env.SEED_DEMO === 'false') return;
    await seedDemo(strapi);
    if (await strapi.db.query('admin::user').count({ where: { email: 'admin@demo.local' } })) printDemoAccounts(strapi);
  },
};
