import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { idParam } from '../validation/common';
import { parse } from '../validation/parse';
import { templateInputSchema } from '../validation/template';

export const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');
  return {
    async find(ctx: Context) {
      ctx.body = pageResponse(await templates().list(pageQuery(ctx)));
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await templates().get(idParam(ctx)) };
    },

    async create(ctx: Context) {
      const input = parse(templateInputSchema, ctx.request.body, 'template');
      const actor = await actorOf(strapi, ctx);
      ctx.status = 201;
      ctx.body = { data: await templates().create(input, actor.principal) };
    },

    async update(ctx: Context) {
      const id = idParam(ctx);
      const input = parse(templateInputSchema, ctx.request.body, 'template');
      ctx.body = { data: await templates().update(id, input, await actorOf(strapi, ctx)) };
    },

    async delete(ctx: Context) {
      const id = idParam(ctx);
      await templates().remove(id, (await actorOf(strapi, ctx)).principal);
      ctx.body = { data: { id } };
    },

    async setDefault(ctx: Context) {
      ctx.body = { data: await templates().setDefault(idParam(ctx), (await actorOf(strapi, ctx)).principal) };
    },
  };
};
