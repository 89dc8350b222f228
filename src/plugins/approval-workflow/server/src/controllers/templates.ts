import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { DeletedResponse } from '../../../shared/contracts/common';
import type {
  CreateTemplate,
  GetTemplate,
  ListTemplates,
  SetDefaultTemplate,
  TemplateBody,
  UpdateTemplate,
} from '../../../shared/contracts/templates';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { idParam } from '../validation/common';
import { forContract } from '../validation/contract';
import { parse } from '../validation/parse';
import { templateInputSchema } from '../validation/template';

/** The body of POST /templates and PUT /templates/:id, tied to its contract. */
const templateBodySchema = forContract<TemplateBody>()(templateInputSchema);

export const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');
  return {
    async find(ctx: Context) {
      ctx.body = pageResponse(await templates().list(pageQuery(ctx))) satisfies ListTemplates.Response;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await templates().get(idParam(ctx)) } satisfies GetTemplate.Response;
    },

    async create(ctx: Context) {
      const input = parse(templateBodySchema, ctx.request.body, 'template');
      const actor = await actorOf(strapi, ctx);
      ctx.status = 201;
      ctx.body = { data: await templates().create(input, actor.principal) } satisfies CreateTemplate.Response;
    },

    async update(ctx: Context) {
      const id = idParam(ctx);
      const input = parse(templateBodySchema, ctx.request.body, 'template');
      ctx.body = { data: await templates().update(id, input, await actorOf(strapi, ctx)) } satisfies UpdateTemplate.Response;
    },

    async delete(ctx: Context) {
      const id = idParam(ctx);
      await templates().remove(id, (await actorOf(strapi, ctx)).principal);
      ctx.body = { data: { id } } satisfies DeletedResponse;
    },

    async setDefault(ctx: Context) {
      ctx.body = { data: await templates().setDefault(idParam(ctx), (await actorOf(strapi, ctx)).principal) } satisfies SetDefaultTemplate.Response;
    },
  };
};
