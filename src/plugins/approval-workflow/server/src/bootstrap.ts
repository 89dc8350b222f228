import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';
import { ADMIN_ACTIONS } from './permissions';
import { registerWebhookEvents } from './services/requests/webhooks';
import { getService } from './utils/get-service';

/**
 * A cron task that skips its turn while its previous run on this instance is still going. Strapi's
 * cron starts a job on every tick whether or not the last run has finished: runs of a slow sweep
 * (a busy database, a large backlog) would pile up, each locking the same due requests in the same
 * order behind the others and holding a pooled connection while it waits.
 */
const oneAtATime = <A extends unknown[]>(task: (...args: A) => Promise<unknown>) => {
  let running = false;
  return async (...args: A) => {
    if (running) return;
    running = true;
    try {
      await task(...args);
    } finally {
      running = false;
    }
  };
};

/**
 * The moment a cron tick sweeps up to: its scheduled time, or the clock if that is later. Strapi's
 * cron hands the task the tick's fire date; its timer may go off a millisecond before the clock
 * reaches it, and a stage due on the tick itself would then wait for the next one.
 */
const tickMoment = (fireDate: unknown) => Math.max(Date.now(), fireDate instanceof Date ? fireDate.getTime() : 0);

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  // `approval-request.*` for Strapi's webhooks (`/admin/webhooks` accepts only registered events).
  registerWebhookEvents(strapi);
  // Rows that writes lock exist before the first write: the settings' store row, the audit chain head.
  await getService(strapi, 'settings').ensureStored();
  await getService(strapi, 'audit').ensureHead();
  // Audit events a crash left between their commit and their chaining get their place now.
  await getService(strapi, 'audit').chain();
  // Requests written before the parties table existed (0.1) get their parties once.
  await getService(strapi, 'requests').backfillParties();
  // Requests written before titles were stored (0.1) get theirs once.
  await getService(strapi, 'requests').backfillTitles();

  // The sweep: expiries, reminders, escalations (seed 003 looks every 30 minutes; default here 5).
  strapi.cron.add({
    [`${PLUGIN_ID}-sweep`]: {
      task: oneAtATime((_context: unknown, fireDate?: unknown) => getService(strapi, 'requests').sweep(tickMoment(fireDate))),
      options: { rule: strapi.config.get<string>(`plugin::${PLUGIN_ID}.sweepCron`) },
    },
    // Audit events are chained right after their commit; this fallback chains any a crash or a failed step left behind.
    [`${PLUGIN_ID}-audit-chain`]: {
      task: async () => {
        await getService(strapi, 'audit').chain();
      },
      options: { rule: '* * * * *' },
    },
    // Mails go out right after their event commits; this fallback sends retries and any a crash left
    // behind, through the same one-drain-at-a-time sender.
    [`${PLUGIN_ID}-outbox`]: {
      task: async () => getService(strapi, 'outbox').kick(),
      options: { rule: strapi.config.get<string>(`plugin::${PLUGIN_ID}.outboxCron`) },
    },
  });
  if (strapi.config.get(`plugin::${PLUGIN_ID}.mailDelivery`) === 'log' && process.env.NODE_ENV === 'production') {
    strapi.log.warn(`[${PLUGIN_ID}] No mail provider is configured (SMTP_HOST is not set): approval mails are only written to the log.`);
  }
  // Messages stored while no instance ran (or before a restart) go out now.
  getService(strapi, 'outbox').kick();
};
