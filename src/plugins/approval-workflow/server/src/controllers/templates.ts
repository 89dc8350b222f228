import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { sendPage } from '../utils/pagination';
import { parse } from '../validation/parse';
import { templateInputSchema } from '../validation/template';

export const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');
  return {
    async find(ctx: Context) {
      await sendPage(ctx, (page) => templates().list(page));
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await templates().get(ctx.params.id) };
    },

    async create(ctx: Context) {
      const input = parse(templateInputSchema, ctx.request.body, 'template');
      const actor = await actorOf(strapi, ctx);
      ctx.status = 201;
      ctx.body = { data: await templates().create(input, actor.principal) };
    },

    async update(ctx: Context) {
      const input = parse(templateInputSchema, ctx.request.body, 'template');
      ctx.body = { data: await templates().update(ctx.params.id, input, await actorOf(strapi, ctx)) };
    },

    async delete(ctx: Context) {
      await templates().remove(ctx.params.id, (await actorOf(strapi, ctx)).principal);
      ctx.body = { data: { id: ctx.params.id } };
    },

    async setDefault(ctx: Context) {
      ctx.body = { data: await templates().setDefault(ctx.params.id, (await actorOf(strapi, ctx)).principal) };
    },
  };
};
