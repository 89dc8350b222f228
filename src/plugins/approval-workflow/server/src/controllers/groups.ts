import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { DeletedResponse } from '../../../shared/contracts/common';
import type { CreateGroup, GetGroup, ListGroups, UpdateGroup } from '../../../shared/contracts/groups';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { idParam } from '../validation/common';
import { groupInputSchema } from '../validation/group';
import { parse } from '../validation/parse';

export const createGroupsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = () => getService(strapi, 'groups');
  return {
    async find(ctx: Context) {
      ctx.body = pageResponse(await groups().list(pageQuery(ctx))) satisfies ListGroups.Response;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await groups().get(idParam(ctx)) } satisfies GetGroup.Response;
    },

    async create(ctx: Context) {
      const input = parse(groupInputSchema, ctx.request.body, 'group');
      ctx.status = 201;
      ctx.body = { data: await groups().create(input, (await actorOf(strapi, ctx)).principal) } satisfies CreateGroup.Response;
    },

    async update(ctx: Context) {
      const id = idParam(ctx);
      const input = parse(groupInputSchema, ctx.request.body, 'group');
      ctx.body = { data: await groups().update(id, input, (await actorOf(strapi, ctx)).principal) } satisfies UpdateGroup.Response;
    },

    async delete(ctx: Context) {
      const id = idParam(ctx);
      await groups().remove(id, (await actorOf(strapi, ctx)).principal);
      ctx.body = { data: { id } } satisfies DeletedResponse;
    },
  };
};
