import type { Context } from 'koa';
import type { RequestSummary } from '../../../../shared/contracts/requests';

const KEY = Symbol.for('approval-workflow.requests');

interface Recorded {
  summary: RequestSummary;
  /** A placeholder stands in for the target until approval; a follow-up write to it is covered. */
  target: { uid: string; documentId: string | null };
}

type WithRecords = Context & { [KEY]?: Recorded[] };

/** Remembers, on the HTTP request, an approval request that one of its writes opened. */
export const recordRequest = (ctx: Context, summary: RequestSummary, target: Recorded['target']) => {
  const holder = ctx as WithRecords;
  holder[KEY] = [...(holder[KEY] ?? []), { summary, target }];
};

export const recordedRequests = (ctx: Context | undefined): Recorded[] => (ctx ? ((ctx as WithRecords)[KEY] ?? []) : []);

/**
 * What a requester can add to an intercepted write over HTTP, in headers so that every client
 * (REST, GraphQL, the content manager) can send them without touching the content's body:
 * `X-Approval-Comment` and `X-Approval-Urgent: true`.
 */
export const requestOptions = (ctx: Context | undefined) => {
  const comment = ctx?.get('x-approval-comment')?.trim();
  return {
    comment: comment ? decodeURIComponent(comment).slice(0, 5000) : null,
    urgent: /^(1|true|yes)$/i.test(ctx?.get('x-approval-urgent') ?? ''),
  };
};

/** The content manager's "publish" action: it saves the draft, then publishes it. */
export const isContentManagerPublish = (ctx: Context | undefined) =>
  Boolean(ctx && ctx.method === 'POST' && /^\/content-manager\/(collection|single)-types\/[^/]+(\/[^/]+)?\/actions\/publish$/.test(ctx.path));

export const isGraphql = (ctx: Context | undefined) => Boolean(ctx && /^\/graphql\/?$/.test(ctx.path));

export const isContentApi = (ctx: Context | undefined, prefix: string) => Boolean(ctx && (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)));
