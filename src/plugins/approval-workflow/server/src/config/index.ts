import { z } from 'zod';

const configSchema = z.object({
  /** Cron rule of the sweep that expires stages, sends reminders and escalates. */
  sweepCron: z.string().min(1),
  /**
   * How mails leave: `email` through Strapi's email plugin (its provider, e.g. nodemailer);
   * `log` written to the log only (an installation without a mail provider, the demo).
   */
  mailDelivery: z.enum(['email', 'log']),
  /** Cron rule of the outbox fallback: mails due (retries, missed after-commit sends) are sent. */
  outboxCron: z.string().min(1),
});

export type PluginConfig = z.infer<typeof configSchema>;

export default {
  default: { sweepCron: '*/5 * * * *', mailDelivery: 'email', outboxCron: '* * * * *' } satisfies PluginConfig,
  validator: (config: unknown) => {
    configSchema.parse(config);
  },
};
