import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../../../shared/constants';
import type { DecideExternalLink, GetExternalLink } from '../../../shared/contracts/external';
import { getService } from '../utils/get-service';
import { parse } from '../validation/parse';
import { externalDecideSchema } from '../validation/request';
import { LINK_HEADERS, linkPage, messagePage } from './external-page';

/** The status an error answers with: Strapi's errors by class (as its error middleware maps them), http-errors by their own. */
const statusOf = (error: unknown): number => {
  if (error instanceof errors.NotFoundError) return 404;
  if (error instanceof errors.ValidationError) return 400;
  return error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' ? error.status : 500;
};

const TITLES: Record<number, string> = {
  400: 'This answer could not be taken',
  403: 'You cannot decide this request',
  404: 'Unknown link',
  409: 'This request cannot be decided now',
  410: 'This link can no longer be used',
};

/**
 * An external approver's link (public routes: the token is the credential). A browser gets HTML
 * pages; `Accept: application/json` (or a JSON body) gets Strapi's `{ data }` and error shapes.
 */
export const createExternalController = ({ strapi }: { strapi: Core.Strapi }) => {
  const requests = () => getService(strapi, 'requests');
  const tokenOf = (ctx: Context) => String(ctx.params?.token ?? '');

  /** Answers as HTML (a page for a 4xx too), or as JSON with Strapi's error middleware. */
  const answer = async (ctx: Context, html: boolean, work: () => Promise<{ json: unknown; page: () => string }>) => {
    ctx.set(LINK_HEADERS);
    try {
      const { json, page } = await work();
      if (html) {
        ctx.type = 'html';
        ctx.body = page();
      } else {
        ctx.body = json;
      }
    } catch (error) {
      const status = statusOf(error);
      if (!html || !TITLES[status]) throw error;
      ctx.status = status;
      ctx.type = 'html';
      ctx.body = messagePage(TITLES[status], error instanceof Error ? error.message : String(error));
    }
  };

  const decide = (decision: 'approve' | 'reject') => async (ctx: Context) => {
    // The page's form posts urlencoded and reads the answer as a page; an API client posts JSON.
    const html = ctx.request.is('urlencoded') === 'urlencoded' || ctx.accepts('json', 'html') === 'html';
    await answer(ctx, html, async () => {
      const { comment } = parse(externalDecideSchema, ctx.request.body ?? {}, 'decision');
      const data = await requests().decideByLink(tokenOf(ctx), decision, comment);
      return {
        json: { data } satisfies DecideExternalLink.Response,
        page: () =>
          messagePage(
            decision === 'approve' ? 'Thank you: your approval is recorded' : 'Thank you: your rejection is recorded',
            `The request is now ${data.status}. This link cannot be used again; you may close this page.`
          ),
      };
    });
  };

  return {
    async show(ctx: Context) {
      await answer(ctx, ctx.accepts('html', 'json') === 'html', async () => {
        const data = await requests().viewLink(tokenOf(ctx));
        const action = `${strapi.config.get<string>('api.rest.prefix', '/api')}/${PLUGIN_ID}/external/${tokenOf(ctx)}`;
        return { json: { data } satisfies GetExternalLink.Response, page: () => linkPage(data, action) };
      });
    },
    approve: decide('approve'),
    reject: decide('reject'),
  };
};
