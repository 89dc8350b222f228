import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type * as Nexus from 'nexus';
import { PLUGIN_ID } from '../../../shared/constants';
import { actorOf, viewerOf } from '../utils/actor';
import { getService } from '../utils/get-service';
import { pageResponse, parsePage } from '../utils/pagination';
import { pathId } from '../validation/common';
import { parse } from '../validation/parse';
import { cancelSchema, decideSchema, delegateSchema, requestFiltersSchema } from '../validation/request';
import { createErrorMapper } from './errors';
import { requestTypes } from './types';

/** What @strapi/plugin-graphql puts in a resolver's context: the Koa request, authenticated by Strapi. */
interface GraphqlContext {
  koaContext: Context;
}

interface FiltersArg {
  status?: string | null;
  awaitingMe?: boolean | null;
  mine?: boolean | null;
  uid?: string | null;
  documentId?: string | null;
  operation?: string | null;
  q?: string | null;
}

/** GraphQL sends an absent optional argument as undefined and an explicit one as null: both are "not given". */
const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/**
 * Each resolver runs under the users-permissions action (or API-token permission) of the REST
 * handler it mirrors, so one grant opens both: `plugin::approval-workflow.requests.<handler>`.
 */
const scope = (handler: string) => ({ auth: { scope: [`plugin::${PLUGIN_ID}.requests.${handler}`] } });

export const RESOLVER_HANDLERS = {
  'Query.approvalRequests': 'find',
  'Query.approvalRequest': 'findOne',
  'Mutation.approveApprovalRequest': 'approve',
  'Mutation.rejectApprovalRequest': 'reject',
  'Mutation.cancelApprovalRequest': 'cancel',
  'Mutation.delegateApprovalRequest': 'delegate',
} as const;

/**
 * Approval requests over GraphQL, when @strapi/plugin-graphql is installed and enabled: the
 * queries and mutations of the content-API routes, on the same services and validation, with the
 * same permissions and messages. Registered in the plugin's register() (the graphql plugin builds
 * its schema in its bootstrap).
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const toGraphqlError = createErrorMapper(strapi);
  const requests = () => getService(strapi, 'requests');

  /** Runs a resolver body and answers its refusals with GraphQL codes. */
  const resolve =
    <A, R>(body: (args: A, ctx: Context) => Promise<R>) =>
    async (_root: unknown, args: A, context: GraphqlContext): Promise<R> => {
      try {
        return await body(args, context.koaContext);
      } catch (error) {
        throw toGraphqlError(error);
      }
    };

  graphql.service('extension').use(({ nexus }: { nexus: typeof Nexus }) => {
    const t = requestTypes(nexus);
    const { nonNull, stringArg, idArg, arg } = nexus;

    const query = nexus.extendType({
      type: 'Query',
      definition(q) {
        q.nonNull.field('approvalRequests', {
          type: t.list,
          description: 'The requests the caller may see (GET /api/approval-workflow/requests).',
          args: { filters: arg({ type: t.filters }), pagination: arg({ type: t.page }) },
          resolve: resolve(async (args: { filters?: FiltersArg | null; pagination?: { page?: number | null; pageSize?: number | null } | null }, ctx) => {
            const f = args.filters ?? {};
            const filters = parse(
              requestFiltersSchema,
              {
                status: given(f.status),
                awaiting: f.awaitingMe ? 'me' : undefined,
                mine: given(f.mine),
                uid: given(f.uid),
                documentId: given(f.documentId),
                operation: given(f.operation),
                q: given(f.q),
              },
              'filters'
            );
            const page = parsePage({ page: given(args.pagination?.page), pageSize: given(args.pagination?.pageSize) });
            return pageResponse(await requests().list(await viewerOf(strapi, ctx), filters, page));
          }),
        });
        q.nonNull.field('approvalRequest', {
          type: t.detail,
          description: 'One request with its diff, stages, decisions and what the caller may do (GET …/requests/:id).',
          args: { id: nonNull(idArg()) },
          resolve: resolve(async (args: { id: string }, ctx) => requests().get(pathId(args.id), await viewerOf(strapi, ctx))),
        });
      },
    });

    const mutation = nexus.extendType({
      type: 'Mutation',
      definition(m) {
        const decide = (decision: 'approve' | 'reject') =>
          resolve(async (args: { id: string; comment?: string | null; password?: string | null }, ctx) => {
            const id = pathId(args.id);
            const body = parse(decideSchema, { comment: args.comment, password: given(args.password) }, 'decision');
            return requests().decide(id, await actorOf(strapi, ctx), decision, body);
          });
        const decideArgs = { id: nonNull(idArg()), comment: stringArg(), password: stringArg({ description: 'Required when the template asks for it.' }) };

        m.nonNull.field('approveApprovalRequest', { type: t.summary, args: decideArgs, resolve: decide('approve') });
        m.nonNull.field('rejectApprovalRequest', { type: t.summary, args: decideArgs, resolve: decide('reject') });
        m.nonNull.field('cancelApprovalRequest', {
          type: t.summary,
          description: 'The requester withdraws a pending request.',
          args: { id: nonNull(idArg()), comment: stringArg() },
          resolve: resolve(async (args: { id: string; comment?: string | null }, ctx) => {
            const id = pathId(args.id);
            const { comment } = parse(cancelSchema, { comment: args.comment }, 'cancellation');
            return requests().cancel(id, await actorOf(strapi, ctx), comment);
          }),
        });
        m.nonNull.field('delegateApprovalRequest', {
          type: t.summary,
          description: 'Hands the caller’s open obligations (or one: obligationId) to someone else.',
          args: {
            id: nonNull(idArg()),
            to: nonNull(stringArg({ description: 'An admin user id ("3") or a principal ("admin:3", "user:5").' })),
            comment: stringArg(),
            obligationId: idArg(),
          },
          resolve: resolve(async (args: { id: string; to: string; comment?: string | null; obligationId?: string | null }, ctx) => {
            const id = pathId(args.id);
            // REST takes an admin user id as a JSON number; GraphQL has one string argument for both forms.
            const to = /^\d+$/.test(args.to) ? Number(args.to) : args.to;
            const body = parse(delegateSchema, { to, comment: args.comment, obligationId: given(args.obligationId) }, 'delegation');
            return requests().delegate(id, await actorOf(strapi, ctx), body);
          }),
        });
      },
    });

    const resolversConfig = Object.fromEntries(Object.entries(RESOLVER_HANDLERS).map(([path, handler]) => [path, scope(handler)]));
    return { types: [...t.types, query, mutation], resolversConfig };
  });
};
