import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetEntryStatus, ListPendingEntries } from '../../../shared/contracts/requests';
import { actorOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { entryStatusQuerySchema, pendingEntriesQuerySchema } from '../validation/entry';
import { parse } from '../validation/parse';

/** What the content manager's edit and list views ask about managed entries. */
export const createEntriesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = () => getService(strapi, 'entries');
  return {
    async status(ctx: Context) {
      const query = parse(entryStatusQuerySchema, ctx.query, 'query');
      ctx.body = { data: await entries().status(query, await actorOf(strapi, ctx)) } satisfies GetEntryStatus.Response;
    },

    async pending(ctx: Context) {
      const { uid, documentIds } = parse(pendingEntriesQuerySchema, ctx.query, 'query');
      ctx.body = { data: await entries().pending(uid, documentIds) } satisfies ListPendingEntries.Response;
    },
  };
};
