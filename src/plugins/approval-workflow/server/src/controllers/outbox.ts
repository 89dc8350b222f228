import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod/v4';
import { OUTBOX_MESSAGE_STATUSES, type ListOutbox } from '../../../shared/contracts/outbox';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { parse } from '../validation/parse';

const filtersSchema = z
  .object({ status: z.enum(OUTBOX_MESSAGE_STATUSES).optional() })
  .passthrough()
  .transform(({ status }) => ({ status }));

export const createOutboxController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The outbox's messages with their status and last error (failed ones stay visible). */
  async find(ctx: Context) {
    const { status } = parse(filtersSchema, ctx.query, 'filters');
    ctx.body = pageResponse(await getService(strapi, 'outbox').list(status, pageQuery(ctx))) satisfies ListOutbox.Response;
  },
});
