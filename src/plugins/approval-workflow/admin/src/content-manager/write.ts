import * as React from 'react';

import { isFetchError, useFetchClient } from '@strapi/strapi/admin';

import { APPROVAL_HEADERS } from '../../../shared/constants';
import type { OpenRequestConflict, RequestSummary } from '../../../shared/contracts/requests';

/** The content manager's writes this plugin sends in its place, with the approval headers. */
export type CmWrite = 'create' | 'update' | 'publish' | 'delete' | 'bulkPublish' | 'bulkDelete';

/** Where a write goes: the content manager's own route for the document (or the documents of a bulk action). */
export interface CmTarget {
  model: string;
  collectionType: string;
  documentId?: string;
  /** The query the content manager sends along (the locale and other plugin params). */
  params: Record<string, unknown>;
}

/** What the requester adds: a comment, the urgent flag, and the id of their own pending request to revise. */
export interface ApprovalOptions {
  comment: string;
  urgent: boolean;
  revise?: string;
}

/** How a write ended, as the dialog tells it. */
export type WriteOutcome =
  | { kind: 'requested'; requests: RequestSummary[] }
  | { kind: 'applied'; documentId: string | null }
  | { kind: 'open'; conflict: OpenRequestConflict }
  | { kind: 'failed'; message: string; error: unknown };

const SINGLE_TYPES = 'single-types';

/** The content manager's URL and method for a write (as its `useDocumentActions` sends them). */
const routeOf = (write: CmWrite, target: CmTarget): { method: 'post' | 'put' | 'del'; url: string } => {
  const base = `/content-manager/${target.collectionType}/${target.model}`;
  const document = target.documentId && target.collectionType !== SINGLE_TYPES ? `/${target.documentId}` : '';
  switch (write) {
    case 'create':
      return { method: 'post', url: `/content-manager/collection-types/${target.model}` };
    case 'update':
      return { method: 'put', url: `${base}${document}` };
    case 'publish':
      return { method: 'post', url: `${base}${document}/actions/publish` };
    case 'delete':
      return { method: 'del', url: `${base}${document}` };
    case 'bulkPublish':
      return { method: 'post', url: `/content-manager/collection-types/${target.model}/actions/bulkPublish` };
    case 'bulkDelete':
      return { method: 'post', url: `/content-manager/collection-types/${target.model}/actions/bulkDelete` };
  }
};

const headersOf = ({ comment, urgent, revise }: ApprovalOptions): Record<string, string> => ({
  ...(comment.trim() ? { [APPROVAL_HEADERS.comment]: encodeURIComponent(comment.trim()) } : {}),
  ...(urgent ? { [APPROVAL_HEADERS.urgent]: 'true' } : {}),
  ...(revise ? { [APPROVAL_HEADERS.revise]: revise } : {}),
});

interface ErrorBody {
  name?: string;
  message?: string;
  details?: { approvalRequest?: RequestSummary; approvalRequests?: RequestSummary[] } & Partial<OpenRequestConflict>;
}

/** The server's answer to a held write: 400 `ApprovalRequiredError` naming the request(s); a pending one: 409 naming it. */
export const outcomeOfError = (error: unknown): WriteOutcome => {
  const body: ErrorBody | undefined = isFetchError(error) ? (error.response?.data?.error as ErrorBody | undefined) : undefined;
  if (body?.name === 'ApprovalRequiredError' && body.details?.approvalRequest) {
    return { kind: 'requested', requests: body.details.approvalRequests ?? [body.details.approvalRequest] };
  }
  if (body?.details?.openRequest) {
    return { kind: 'open', conflict: { openRequest: body.details.openRequest, revisable: body.details.revisable === true } };
  }
  return { kind: 'failed', message: body?.message ?? (error instanceof Error ? error.message : String(error)), error };
};

/**
 * Sends the content manager's own write (same URL, query and body as its action would) with the
 * approval headers, and says how it ended. Nothing here touches the form: the editor's values stay.
 */
export const useCmWrite = () => {
  const client = useFetchClient();
  return React.useCallback(
    async (write: CmWrite, target: CmTarget, body: unknown, options: ApprovalOptions): Promise<WriteOutcome> => {
      const { method, url } = routeOf(write, target);
      const config = { params: target.params, headers: headersOf(options) };
      try {
        const { data } =
          method === 'del' ? await client.del<{ data?: { documentId?: string } }>(url, config) : await client[method]<{ data?: { documentId?: string } }>(url, body, config);
        return { kind: 'applied', documentId: data?.data?.documentId ?? null };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    [client]
  );
};
