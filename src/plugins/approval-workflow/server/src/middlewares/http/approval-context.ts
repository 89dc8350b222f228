import type { Context } from 'koa';
import { APPROVAL_HEADERS } from '../../../../shared/constants';
import type { RequestSummary } from '../../../../shared/contracts/requests';
import { decodeOrKeep } from '../../utils/decode';
import { parse } from '../../validation/parse';
import { approvalHeadersSchema } from '../../validation/request';

const KEY = Symbol.for('approval-workflow.requests');

interface Recorded {
  summary: RequestSummary;
  /** A placeholder stands in for the target until approval; a follow-up write to it is covered. */
  target: { uid: string; documentId: string | null };
  /** The write revised the requester's open request (`X-Approval-Revise`) instead of opening one. */
  revised: boolean;
}

type WithRecords = Context & { [KEY]?: Recorded[] };

/** Remembers, on the HTTP request, an approval request that one of its writes opened. */
export const recordRequest = (ctx: Context, summary: RequestSummary, target: Recorded['target'], revised: boolean) => {
  const holder = ctx as WithRecords;
  holder[KEY] = [...(holder[KEY] ?? []), { summary, target, revised }];
};

export const recordedRequests = (ctx: Context | undefined): Recorded[] => (ctx ? ((ctx as WithRecords)[KEY] ?? []) : []);

/**
 * What a requester can add to an intercepted write over HTTP, in headers so that every client
 * (REST, GraphQL, the content manager) can send them without touching the content's body:
 * `X-Approval-Comment`, `X-Approval-Urgent: true` and `X-Approval-Revise: <id of their open
 * request>`. The comment follows the rule of a comment in a body (a 400 naming the header when it
 * is too long or holds what a database cannot store); a malformed request id is a 400 naming its header.
 */
export const requestOptions = (ctx: Context | undefined) => {
  const comment = ctx?.get(APPROVAL_HEADERS.comment)?.trim();
  const revise = ctx?.get(APPROVAL_HEADERS.revise)?.trim();
  const headers = parse(
    approvalHeadersSchema,
    { [APPROVAL_HEADERS.comment]: comment ? decodeOrKeep(comment) : null, [APPROVAL_HEADERS.revise]: revise || null },
    'headers'
  );
  return {
    comment: headers[APPROVAL_HEADERS.comment],
    urgent: /^(1|true|yes)$/i.test(ctx?.get(APPROVAL_HEADERS.urgent) ?? ''),
    revise: headers[APPROVAL_HEADERS.revise],
  };
};

/** The content manager's "publish" action: it saves the draft, then publishes it. */
export const isContentManagerPublish = (ctx: Context | undefined) =>
  Boolean(ctx && ctx.method === 'POST' && /^\/content-manager\/(collection|single)-types\/[^/]+(\/[^/]+)?\/actions\/publish$/.test(ctx.path));

export const isGraphql = (ctx: Context | undefined) => Boolean(ctx && /^\/graphql\/?$/.test(ctx.path));

export const isContentApi = (ctx: Context | undefined, prefix: string) => Boolean(ctx && (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)));

/**
 * What the requester reads when writes became approval requests: waiting for approval, or — for an
 * urgent request (seed 001) — already applied and still waiting, or failed when applying it at once
 * threw (the request is closed as `failed`; nothing was written). `revised`: the ids of the
 * requests the writes revised (their approvals were reset) instead of opening them.
 */
export const approvalMessage = (summaries: RequestSummary[], revised: string[] = []) => {
  const ids = (items: RequestSummary[]) => items.map((r) => r.id).join(', ');
  const failed = summaries.filter((r) => r.status === 'failed');
  const urgent = summaries.filter((r) => r.urgent && r.status !== 'failed');
  const waiting = summaries.filter((r) => !r.urgent && r.status !== 'failed');
  if (summaries.length === 1) {
    const [only] = summaries;
    const head = revised.includes(only.id)
      ? `Approval request ${only.id} revised: the approvals given so far were reset.`
      : `Change submitted for approval (request ${only.id}).`;
    if (failed.length) return `${head} Applying it failed: the request is closed as failed.`;
    if (urgent.length) return `${head} Urgent: it was applied at once and still needs approval.`;
    return `${head} It will be applied once approved.`;
  }
  /** "they" when the part is every request, else "request a" / "requests a, b", with the verb agreeing. */
  const who = (items: RequestSummary[], singular: string, plural: string) =>
    items.length === summaries.length ? `they ${plural}` : items.length === 1 ? `request ${ids(items)} ${singular}` : `requests ${ids(items)} ${plural}`;
  const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const parts = [`${summaries.length} changes submitted for approval (requests ${ids(summaries)}).`];
  if (waiting.length) parts.push(`${capitalized(who(waiting, 'will', 'will'))} be applied once approved.`);
  if (urgent.length) parts.push(`Urgent: ${who(urgent, 'was', 'were')} applied at once and still ${urgent.length === 1 ? 'needs' : 'need'} approval.`);
  if (revised.length) parts.push(`Revised: ${revised.join(', ')} (the approvals given so far were reset).`);
  if (failed.length) parts.push(`Applying ${failed.length === summaries.length ? 'them' : ids(failed)} failed: closed as failed.`);
  return parts.join(' ');
};
