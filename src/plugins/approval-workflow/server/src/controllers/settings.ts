import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetSettings, UpdateSettings } from '../../../shared/contracts/settings';
import { settingsSchema } from '../services/settings';
import { getService } from '../utils/get-service';
import { forContract } from '../validation/contract';
import { parse } from '../validation/parse';
import { actorOf } from '../utils/actor';

/** The body of PUT /settings: the settings to change, each checked as a whole setting is. */
const settingsPatchSchema = forContract<UpdateSettings.Request['body']>()(settingsSchema.partial().strict());

export const createSettingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').get() } satisfies GetSettings.Response;
  },

  async update(ctx: Context) {
    const patch = parse(settingsPatchSchema, ctx.request.body, 'settings');
    const actor = await actorOf(strapi, ctx);
    ctx.body = { data: await getService(strapi, 'settings').update(patch, actor.principal) } satisfies UpdateSettings.Response;
  },
});
