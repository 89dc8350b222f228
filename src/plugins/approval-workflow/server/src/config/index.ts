import { z } from 'zod';

const configSchema = z.object({
  /** Cron rule of the sweep that expires stages, sends reminders and escalates. */
  sweepCron: z.string().min(1),
});

export type PluginConfig = z.infer<typeof configSchema>;

export default {
  default: { sweepCron: '*/5 * * * *' } satisfies PluginConfig,
  validator: (config: unknown) => {
    configSchema.parse(config);
  },
};
