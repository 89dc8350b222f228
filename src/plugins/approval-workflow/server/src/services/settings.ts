import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PLUGIN_ID } from '../../../shared/constants';
import type { Settings } from '../../../shared/contracts/settings';
import { SUPER_ADMIN_ROLE_CODE, UID } from '../constants';
import { invalidField } from '../utils/errors';
import { getService } from '../utils/get-service';
import { dbId, documentId, minutes } from '../validation/common';

const DEFAULTS: Omit<Settings, 'bypassRoles'> = {
  urgentMode: false,
  reminderIntervalMinutes: 48 * 60,
  escalationAfterMinutes: null,
  defaultTemplateId: null,
};

export const settingsSchema = z
  .object({
    bypassRoles: z.array(dbId).min(1, 'at least one role must be able to approve'),
    urgentMode: z.boolean(),
    reminderIntervalMinutes: minutes,
    escalationAfterMinutes: minutes.nullable(),
    defaultTemplateId: documentId.nullable(),
  })
  .strict();

/**
 * Installation-wide settings, kept in the plugin store (not in config: an array default in
 * config/plugins.ts would come back when a user empties it). Bypass roles default to Super Admin.
 */
export const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });

  const superAdminRoleIds = async () => {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: SUPER_ADMIN_ROLE_CODE } });
    return role ? [role.id as number] : [];
  };

  const get = async (): Promise<Settings> => {
    const stored = ((await store().get({})) ?? {}) as Partial<Settings>;
    return {
      ...DEFAULTS,
      ...stored,
      bypassRoles: stored.bypassRoles ?? (await superAdminRoleIds()),
    };
  };

  return {
    get,

    /** Replaces the given fields after checking that every role and template named exists. */
    async update(patch: Partial<Settings>, actor: string): Promise<Settings> {
      const next = settingsSchema.parse({ ...(await get()), ...patch });
      if (patch.bypassRoles) {
        const found = await strapi.db.query('admin::role').findMany({ where: { id: { $in: next.bypassRoles } } });
        const unknown = next.bypassRoles.filter((id) => !found.some((role) => role.id === id));
        if (unknown.length) throw invalidField(['bypassRoles'], `Unknown admin role(s): ${unknown.join(', ')}`, { unknownRoles: unknown });
      }
      if (next.defaultTemplateId) {
        const template = await strapi.db.query(UID.template).findOne({ where: { documentId: next.defaultTemplateId } });
        if (!template) throw invalidField(['defaultTemplateId'], `Unknown template: ${next.defaultTemplateId}`, { unknownTemplates: [next.defaultTemplateId] });
      }
      await strapi.db.transaction(async () => {
        await store().set({ value: next });
        await getService(strapi, 'audit').append([
          { action: 'settings-updated', actor, at: new Date().toISOString(), details: { changed: Object.keys(patch) } },
        ]);
      });
      // Pending requests were scheduled with the old timing.
      if ('reminderIntervalMinutes' in patch || 'escalationAfterMinutes' in patch) await getService(strapi, 'requests').reschedule();
      return next;
    },
  };
};

export type SettingsService = ReturnType<typeof createSettingsService>;
