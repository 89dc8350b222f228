import type { Core } from '@strapi/strapi';
import { z } from 'zod/v4';
import { PLUGIN_ID } from '../../../shared/constants';
import type { Settings } from '../../../shared/contracts/settings';
import { SUPER_ADMIN_ROLE_CODE, UID } from '../constants';
import { invalidField } from '../utils/errors';
import { getService } from '../utils/get-service';
import { lockRows, readLocked } from '../utils/lock';
import { writeAndAudit } from '../utils/records';
import { dbId, documentId, minutes } from '../validation/common';
import { NOTIFY_REASONS, type NotifyReason } from '../domain';

const CORE_STORE = 'strapi::core-store';

const DEFAULTS: Omit<Settings, 'bypassRoles'> = {
  urgentMode: false,
  reminderIntervalMinutes: 48 * 60,
  escalationAfterMinutes: null,
  defaultTemplateId: null,
  mail: Object.fromEntries(NOTIFY_REASONS.map((reason) => [reason, true])) as Settings['mail'],
};

const mailSwitchesSchema = z.object(Object.fromEntries(NOTIFY_REASONS.map((reason) => [reason, z.boolean()])) as Record<NotifyReason, z.ZodBoolean>).strict();

export const settingsSchema = z
  .object({
    bypassRoles: z.array(dbId).min(1, 'at least one role must be able to approve'),
    urgentMode: z.boolean(),
    reminderIntervalMinutes: minutes,
    escalationAfterMinutes: minutes.nullable(),
    defaultTemplateId: documentId.nullable(),
    mail: mailSwitchesSchema,
  })
  .strict();

/**
 * Installation-wide settings, kept in the plugin store (not in config: an array default in
 * config/plugins.ts would come back when a user empties it). Bypass roles default to Super Admin.
 */
export const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  /** The core store's row of these settings (its key is `<type>_<name>_<key>`, no environment, no tag). */
  const storeRow = { key: `plugin_${PLUGIN_ID}_settings`, environment: null, tag: null };

  /** The id of the settings' row, written (with no setting of its own yet) if there is none: updates lock it. */
  const storedRowId = async (): Promise<number> => {
    const find = () => strapi.db.query(CORE_STORE).findOne({ where: storeRow, select: ['id'] });
    const row = (await find()) ?? (await store().set({ value: {} }), await find());
    return row.id;
  };

  const superAdminRoleIds = async () => {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: SUPER_ADMIN_ROLE_CODE } });
    return role ? [role.id as number] : [];
  };

  /** What is stored (the plugin store's value; {} before the first update). */
  const readStored = async () => ((await store().get({})) ?? {}) as Partial<Settings>;

  const complete = async (stored: Partial<Settings>): Promise<Settings> => ({
    ...DEFAULTS,
    ...stored,
    // A kind of mail added after the settings were stored is on.
    mail: { ...DEFAULTS.mail, ...stored.mail },
    bypassRoles: stored.bypassRoles ?? (await superAdminRoleIds()),
  });

  const read = async (): Promise<Settings> => complete(await readStored());

  /**
   * The settings as one HTTP request sees them: read once per request (who is an approval admin,
   * the time policy and the rule of a decision all come from the same read), and afresh outside
   * any request. Keyed by the request's context, so nothing outlives it.
   */
  const perRequest = new WeakMap<object, { stored: Promise<Partial<Settings>>; settings?: Promise<Settings> }>();
  const forgetOnFailure = (ctx: object, reading: Promise<unknown>) => reading.catch(() => perRequest.delete(ctx));
  const readingOf = (ctx: object) => {
    let reading = perRequest.get(ctx);
    if (!reading) {
      reading = { stored: readStored() };
      perRequest.set(ctx, reading);
      forgetOnFailure(ctx, reading.stored);
    }
    return reading;
  };
  const storedOnce = (): Promise<Partial<Settings>> => {
    const ctx = strapi.requestContext.get();
    return ctx ? readingOf(ctx).stored : readStored();
  };
  const get = (): Promise<Settings> => {
    const ctx = strapi.requestContext.get();
    if (!ctx) return read();
    const reading = readingOf(ctx);
    if (!reading.settings) {
      reading.settings = reading.stored.then(complete);
      forgetOnFailure(ctx, reading.settings);
    }
    return reading.settings;
  };

  return {
    get,

    /**
     * Is an admin user with these roles (as Strapi's admin authentication populates them) an
     * approval admin: a member of a bypass role? With no bypass roles stored, the default one,
     * Super Admin, is known by its code on the user's own roles: no role is read (this runs on
     * every admin call).
     */
    async isApprovalAdmin(roles: Array<{ id: number; code?: string }>): Promise<boolean> {
      const { bypassRoles } = await storedOnce();
      return bypassRoles ? roles.some((role) => bypassRoles.includes(role.id)) : roles.some((role) => role.code === SUPER_ADMIN_ROLE_CODE);
    },

    /** At bootstrap: the row that updates lock exists before the first update. */
    async ensureStored() {
      await storedRowId();
    },

    /**
     * Replaces the given fields after checking that every role and template named exists. Read,
     * merge and write happen under the settings row's lock, so that two updates of different
     * fields at the same moment both land; the default template is locked too, so that it cannot
     * be deleted before this commits.
     */
    async update(patch: Partial<Settings>, actor: string): Promise<Settings> {
      const id = await storedRowId();
      const next = await writeAndAudit(strapi, async () => {
        await lockRows(strapi, CORE_STORE, { id });
        const merged = settingsSchema.parse({ ...(await read()), ...patch });
        if (patch.bypassRoles) {
          const found = await strapi.db.query('admin::role').findMany({ where: { id: { $in: merged.bypassRoles } } });
          const unknown = merged.bypassRoles.filter((roleId) => !found.some((role) => role.id === roleId));
          if (unknown.length) throw invalidField(['bypassRoles'], `Unknown admin role(s): ${unknown.join(', ')}`, { unknownRoles: unknown });
        }
        if (merged.defaultTemplateId && !(await readLocked(strapi, UID.template, { documentId: merged.defaultTemplateId }))) {
          throw invalidField(['defaultTemplateId'], `Unknown template: ${merged.defaultTemplateId}`, { unknownTemplates: [merged.defaultTemplateId] });
        }
        await store().set({ value: merged });
        return { result: merged, audit: [{ action: 'settings-updated', actor, details: { changed: Object.keys(patch) } }] };
      });
      // The rest of this request (the reschedule below, the mail it kicks) sees what was written.
      const ctx = strapi.requestContext.get();
      if (ctx) perRequest.set(ctx, { stored: Promise.resolve(next), settings: Promise.resolve(next) });
      // Pending requests were scheduled with the old timing.
      if ('reminderIntervalMinutes' in patch || 'escalationAfterMinutes' in patch) await getService(strapi, 'requests').reschedule();
      return next;
    },
  };
};

export type SettingsService = ReturnType<typeof createSettingsService>;
