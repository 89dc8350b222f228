import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import type { ListAuditEvents, VerifyAudit } from '../../../shared/contracts/audit';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { documentId } from '../validation/common';
import { parse } from '../validation/parse';

const filtersSchema = z
  .object({ requestId: documentId.optional() })
  .passthrough()
  .transform(({ requestId }) => ({ requestId }));

export const createAuditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { requestId } = parse(filtersSchema, ctx.query, 'filters');
    ctx.body = pageResponse(await getService(strapi, 'audit').list({ requestId, ...pageQuery(ctx) })) satisfies ListAuditEvents.Response;
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'audit').verify() } satisfies VerifyAudit.Response;
  },
});
