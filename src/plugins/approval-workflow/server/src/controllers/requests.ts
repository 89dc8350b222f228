import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { RevokeExternalLinks } from '../../../shared/contracts/external';
import type {
  ApproveRequest,
  CancelRequest,
  DelegateRequest,
  GetRequest,
  ListRequests,
  RejectRequest,
} from '../../../shared/contracts/requests';
import { actorOf, viewerOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { idParam } from '../validation/common';
import { parse } from '../validation/parse';
import { cancelSchema, decideSchema, delegateSchema, requestFiltersSchema, revokeLinksSchema } from '../validation/request';

/**
 * Approval requests over HTTP, for admin users (admin routes) and for content-API users and
 * API tokens (content-API routes). Who may see or decide a given request is the service's rule.
 */
export const createRequestsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const requests = () => getService(strapi, 'requests');

  const viewer = (ctx: Context) => viewerOf(strapi, ctx);

  const decide = (decision: 'approve' | 'reject') => async (ctx: Context) => {
    const id = idParam(ctx);
    const body = parse(decideSchema, ctx.request.body ?? {}, 'decision');
    ctx.body = { data: await requests().decide(id, await actorOf(strapi, ctx), decision, body) } satisfies ApproveRequest.Response &
      RejectRequest.Response;
  };

  return {
    async find(ctx: Context) {
      const filters = parse(requestFiltersSchema, ctx.query, 'filters');
      const who = await viewer(ctx);
      ctx.body = pageResponse(await requests().list(who, filters, pageQuery(ctx))) satisfies ListRequests.Response;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await requests().get(idParam(ctx), await viewer(ctx)) } satisfies GetRequest.Response;
    },

    approve: decide('approve'),
    reject: decide('reject'),

    async cancel(ctx: Context) {
      const id = idParam(ctx);
      const { comment } = parse(cancelSchema, ctx.request.body ?? {}, 'cancellation');
      ctx.body = { data: await requests().cancel(id, await actorOf(strapi, ctx), comment) } satisfies CancelRequest.Response;
    },

    /** Revokes external approvers' links of a request (the delegator's own; any for an approval admin). */
    async revokeLinks(ctx: Context) {
      const id = idParam(ctx);
      const body = parse(revokeLinksSchema, ctx.request.body ?? {}, 'revocation');
      ctx.body = { data: await requests().revokeLinks(id, await actorOf(strapi, ctx), body) } satisfies RevokeExternalLinks.Response;
    },

    async delegate(ctx: Context) {
      const id = idParam(ctx);
      const body = parse(delegateSchema, ctx.request.body ?? {}, 'delegation');
      ctx.body = { data: await requests().delegate(id, await actorOf(strapi, ctx), body) } satisfies DelegateRequest.Response;
    },
  };
};
