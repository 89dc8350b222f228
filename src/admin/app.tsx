import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    locales: [],
    // The admin asks an outside host for release notes unless this is off.
    notifications: { releases: false },
    tutorials: false,
  },
  bootstrap(_app: StrapiApp) {},
};
