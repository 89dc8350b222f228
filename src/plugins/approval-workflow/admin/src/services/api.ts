import * as React from 'react';

import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../../../shared/constants';
import type { SearchDirectory } from '../../../shared/contracts/directory';
import type {
  ApproveRequest,
  CancelRequest,
  DecideBody,
  DelegateBody,
  DelegateRequest,
  ListRequests,
  RejectRequest,
} from '../../../shared/contracts/requests';

/** What the admin's content manager says of a content type (`GET /content-manager/content-types`). */
export interface ContentTypeInfo {
  uid: string;
  kind: 'collectionType' | 'singleType';
  isDisplayed?: boolean;
  info: { displayName: string };
  options?: { draftAndPublish?: boolean };
}

export type Loaded<T> =
  | { state: 'loading'; data: T | null }
  | { state: 'loaded'; data: T }
  | { state: 'failed'; data: T | null; error: unknown };

/**
 * One GET through the admin's fetch client (the admin JWT, the backend URL), refetched when the
 * path changes or `refetch` is called; the last data stays on screen while the next one loads.
 */
export const useGet = <T>(path: string | null): Loaded<T> & { refetch: () => void } => {
  const { get } = useFetchClient();
  const [result, setResult] = React.useState<Loaded<T>>({ state: 'loading', data: null });
  const [tick, setTick] = React.useState(0);

  React.useEffect(() => {
    if (path === null) return;
    let active = true;
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    get<T>(path)
      .then(({ data }) => {
        if (active) setResult({ state: 'loaded', data });
      })
      .catch((error: unknown) => {
        // An unmount aborts the request: nobody is left to tell.
        if (active) setResult((previous) => ({ state: 'failed', data: previous.data, error }));
      });
    return () => {
      active = false;
    };
  }, [get, path, tick]);

  const refetch = React.useCallback(() => setTick((n) => n + 1), []);
  return { ...result, refetch };
};

const queryString = (query: object): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const requestsPath = (query: ListRequests.Request['query']): string => `/${PLUGIN_ID}/requests${queryString(query)}`;
export const directoryPath = (query: SearchDirectory.Request['query']): string =>
  `/${PLUGIN_ID}/directory${queryString(query)}`;
export const requestPath = (id: string): string => `/${PLUGIN_ID}/requests/${encodeURIComponent(id)}`;

/** The content manager's content types by uid (display names, collection or single type). */
export const useContentTypes = (): Record<string, ContentTypeInfo> => {
  const { data } = useGet<{ data: ContentTypeInfo[] }>('/content-manager/content-types');
  return React.useMemo(() => Object.fromEntries((Array.isArray(data?.data) ? data.data : []).map((type) => [type.uid, type])), [data]);
};

/** The writes of the request page: approve, reject, cancel, delegate. Each answers the request's summary. */
export const useRequestActions = (id: string) => {
  const { post } = useFetchClient();
  return React.useMemo(
    () => ({
      decide: (decision: 'approve' | 'reject', body: DecideBody) =>
        post<ApproveRequest.Response | RejectRequest.Response>(`${requestPath(id)}/${decision}`, body),
      cancel: (comment: string | null) => post<CancelRequest.Response>(`${requestPath(id)}/cancel`, { comment }),
      delegate: (body: DelegateBody) => post<DelegateRequest.Response>(`${requestPath(id)}/delegate`, body),
    }),
    [post, id]
  );
};
