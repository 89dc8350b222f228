import { z } from 'zod/v4';
import { MAX_LINK_MINUTES } from '../../../shared/constants';

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
  /**
   * How long an external approver's link lasts when the delegation does not say (`expiresInMinutes`),
   * in minutes; never beyond the stage's deadline. Default 72 hours.
   */
  externalLinkMinutes: z.number().int().min(1).max(MAX_LINK_MINUTES),
  /**
   * The public link routes answer at most `max` calls per client IP address in each window of
   * `windowSeconds` (429 beyond), counted in this instance's memory.
   */
  externalRateLimit: z.object({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) }),
});

export type PluginConfig = z.infer<typeof configSchema>;

export default {
  default: {
    sweepCron: '*/5 * * * *',
    mailDelivery: 'email',
    outboxCron: '* * * * *',
    externalLinkMinutes: 72 * 60,
    externalRateLimit: { max: 30, windowSeconds: 60 },
  } satisfies PluginConfig,
  validator: (config: unknown) => {
    configSchema.parse(config);
  },
};
