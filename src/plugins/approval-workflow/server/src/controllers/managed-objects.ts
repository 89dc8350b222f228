import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod/v4';
import { MANAGED_KINDS } from '../../../shared/constants';
import type { DeletedResponse } from '../../../shared/contracts/common';
import type {
  GetManagedObject,
  ListChildRelations,
  ListManagedObjects,
  MarkManagedObject,
  UpdateManagedObject,
} from '../../../shared/contracts/managed-objects';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { idParam, identifier } from '../validation/common';
import { markSchema, updateManagedSchema } from '../validation/managed-object';
import { parse } from '../validation/parse';

const filtersSchema = z
  .object({ uid: identifier.optional(), kind: z.enum(MANAGED_KINDS).optional(), documentId: identifier.optional() })
  .passthrough()
  .transform(({ uid, kind, documentId }) => ({ uid, kind, documentId }));

const childRelationsQuery = z.object({ uid: identifier }).passthrough().transform(({ uid }) => ({ uid }));

export const createManagedObjectsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const managed = () => getService(strapi, 'managedObjects');
  return {
    async find(ctx: Context) {
      const filters = parse(filtersSchema, ctx.query, 'filters');
      ctx.body = pageResponse(await managed().list(pageQuery(ctx), filters)) satisfies ListManagedObjects.Response;
    },

    async childRelations(ctx: Context) {
      const { uid } = parse(childRelationsQuery, ctx.query, 'query');
      ctx.body = { data: managed().childRelationCandidates(uid) } satisfies ListChildRelations.Response;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await managed().get(idParam(ctx)) } satisfies GetManagedObject.Response;
    },

    async create(ctx: Context) {
      const input = parse(markSchema, ctx.request.body, 'managed object');
      ctx.status = 201;
      ctx.body = { data: await managed().mark(input, (await actorOf(strapi, ctx)).principal) } satisfies MarkManagedObject.Response;
    },

    async update(ctx: Context) {
      const id = idParam(ctx);
      const input = parse(updateManagedSchema, ctx.request.body, 'managed object');
      ctx.body = { data: await managed().update(id, input, (await actorOf(strapi, ctx)).principal) } satisfies UpdateManagedObject.Response;
    },

    async delete(ctx: Context) {
      const id = idParam(ctx);
      await managed().unmark(id, (await actorOf(strapi, ctx)).principal);
      ctx.body = { data: { id } } satisfies DeletedResponse;
    },
  };
};
