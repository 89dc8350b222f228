import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { approvalMessage, isContentApi, isGraphql, recordedRequests } from './approval-context';

/**
 * Shapes the answer of an HTTP request whose writes became approval requests, whatever the
 * controller made of the stand-in result:
 * - content API (REST): 202 Accepted, `{ data: null, meta: { approvalRequest, approvalRequests } }`;
 * - admin (content manager, single and bulk actions): 400 in Strapi's error shape with the name
 *   `ApprovalRequiredError` (what an ApplicationError gives), so the content manager keeps the
 *   editor on the form and shows "Change submitted for approval" with the request id;
 * - GraphQL answers on its own (an error with a stable code, thrown by the interceptor).
 */
export const approvalResponse = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  await next();
  const records = recordedRequests(ctx);
  const recorded = records.map((r) => r.summary);
  if (recorded.length === 0 || isGraphql(ctx)) return;
  const meta = { approvalRequest: recorded[0], approvalRequests: recorded };
  if (isContentApi(ctx, strapi.config.get<string>('api.rest.prefix', '/api'))) {
    ctx.status = 202;
    ctx.body = { data: null, meta };
    return;
  }
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ApprovalRequiredError',
      message: approvalMessage(
        recorded,
        records.filter((r) => r.revised).map((r) => r.summary.id)
      ),
      details: meta,
    },
  };
};
