import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'approval-workflow': {
    // The package strapi-plugin-approval-workflow (a workspace of this repository, installed like
    // any plugin: Strapi finds it among the dependencies by its `strapi.kind`). Its build runs
    // before develop, build, start and test; its server entry refuses to start Strapi without it.
    enabled: true,
    config: {
      // How often the sweep looks for expired stages, reminders and escalations (cron syntax).
      sweepCron: env('APPROVAL_SWEEP_CRON', '*/5 * * * *'),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  graphql: {
    config: {
      landingPage: false,
      defaultLimit: 25,
      maxLimit: 100,
      depthLimit: 10,
    },
  },
});

export default config;
