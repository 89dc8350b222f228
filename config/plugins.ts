import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'approval-workflow': {
    // A local plugin is only loaded with `enabled: true`; its build (scripts/build-plugin.js) runs
    // before develop, build, start and test, and its entry refuses to load without it.
    enabled: true,
    resolve: './src/plugins/approval-workflow',
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
