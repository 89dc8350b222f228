import type { Core } from '@strapi/strapi';

/**
 * Mail through Strapi's email plugin and nodemailer when SMTP_HOST is set; without it the approval
 * plugin writes its mails to the log (and keeps them in its outbox as `logged`).
 */
const email = (env: Core.Config.Shared.ConfigParams['env']): Core.Config.Plugin =>
  env('SMTP_HOST')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: {
              host: env('SMTP_HOST'),
              port: env.int('SMTP_PORT', 587),
              secure: env.bool('SMTP_SECURE', false),
              // Connections kept open and reused (nodemailer's pool, 5 at most): without it, every mail opened its own.
              pool: env.bool('SMTP_POOL', true),
              ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD', '') } } : {}),
            },
            settings: {
              defaultFrom: env('EMAIL_FROM', 'Approval workflow <no-reply@localhost>'),
              defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'no-reply@localhost')),
            },
          },
        },
      }
    : {};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  ...email(env),
  'approval-workflow': {
    // The package strapi-plugin-approval-workflow (a workspace of this repository, installed like
    // any plugin: Strapi finds it among the dependencies by its `strapi.kind`). Its build runs
    // before develop, build, start and test; its server entry refuses to start Strapi without it.
    enabled: true,
    config: {
      // How often the sweep looks for expired stages, reminders and escalations (cron syntax).
      sweepCron: env('APPROVAL_SWEEP_CRON', '*/5 * * * *'),
      // `email`: through the email plugin (nodemailer above); `log`: written to the log (no SMTP configured).
      mailDelivery: env('SMTP_HOST') ? 'email' : 'log',
      // How often the outbox is looked at for mails that are due (a fallback: mails go out right after the event).
      outboxCron: env('APPROVAL_OUTBOX_CRON', '* * * * *'),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  // OpenAPI (Swagger UI at /documentation): generated at every start outside production into
  // src/extensions/documentation/documentation/1.0.0/full_documentation.json, which is committed:
  // production reads it from dist/ (the build copies it) and never regenerates it. Off in tests but
  // for the one that checks the committed file (tests/openapi.test.ts), so that test boots do not
  // rewrite it.
  documentation: {
    enabled: env('NODE_ENV') !== 'test' || env.bool('DOCUMENTATION_IN_TESTS', false),
    config: {
      info: {
        version: '1.0.0',
        title: 'Approval workflow',
        description: 'The content API of this app, with the approval-workflow plugin’s routes.',
      },
      'x-strapi-config': {
        plugins: ['approval-workflow', 'users-permissions', 'upload'],
        // The plugin's defaults fill in placeholder terms, contact and license: none applies here.
        mutateDocumentation: (draft: { info: Record<string, unknown> }) => {
          delete draft.info.termsOfService;
          delete draft.info.contact;
          delete draft.info.license;
        },
      },
      // Relative to the host serving the document: the file is the same on every machine.
      servers: [{ url: '/api', description: 'This server' }],
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
