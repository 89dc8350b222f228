import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { pageQuery, paginationMeta } from '../utils/pagination';
import { parse } from '../validation/parse';

const filtersSchema = z
  .object({ requestId: z.string().min(1).optional() })
  .passthrough()
  .transform(({ requestId }) => ({ requestId }));

export const createAuditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const page = pageQuery(ctx.query);
    const { requestId } = parse(filtersSchema, ctx.query, 'filters');
    const { rows, total } = await getService(strapi, 'audit').list({ requestId, ...page });
    ctx.body = {
      data: rows.map(({ seq, action, actor, requestId: request, subject, at, details, prevHash, hash }) => ({
        seq, action, actor, requestId: request, subject, at, details, prevHash, hash,
      })),
      meta: paginationMeta(page, total),
    };
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'audit').verify() };
  },
});
