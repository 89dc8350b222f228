import * as React from 'react';

import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../../../shared/constants';
import type { EntryStatus, GetEntryStatus, GetRequest, ListPendingEntries } from '../../../shared/contracts/requests';

type Get = ReturnType<typeof useFetchClient>['get'];

/** What a shared GET holds: nothing yet, its data, or the failure (a 403 without the permission, say). */
export type Shared<T> = { state: 'loading' } | { state: 'loaded'; data: T } | { state: 'failed' };

interface Entry {
  value: Shared<unknown>;
  listeners: Set<() => void>;
  inFlight: boolean;
}

/**
 * The content manager renders the side panel and every action of a view as separate components:
 * each asks for the same entry status. One shared entry per path keeps that to one request per
 * view, and lets a submitted request refresh the panel and the actions at once (`refreshShared`).
 */
const cache = new Map<string, Entry>();

const entryOf = (path: string): Entry => {
  let entry = cache.get(path);
  if (!entry) {
    entry = { value: { state: 'loading' }, listeners: new Set(), inFlight: false };
    cache.set(path, entry);
  }
  return entry;
};

const load = (path: string, get: Get) => {
  const entry = entryOf(path);
  if (entry.inFlight) return;
  entry.inFlight = true;
  get<{ data: unknown }>(path)
    .then(({ data }) => {
      entry.value = { state: 'loaded', data: data.data };
    })
    .catch(() => {
      entry.value = { state: 'failed' };
    })
    .finally(() => {
      entry.inFlight = false;
      entry.listeners.forEach((listener) => listener());
    });
};

/** Reads again every shared path that starts with `prefix` and is on screen; forgets the others. */
const refreshByPrefix = (prefix: string, get: Get) => {
  for (const [path, entry] of cache) {
    if (!path.startsWith(prefix)) continue;
    if (entry.listeners.size) load(path, get);
    else cache.delete(path);
  }
};

const useShared = <T>(path: string | null): Shared<T> => {
  const { get } = useFetchClient();
  const subscribe = React.useCallback(
    (listener: () => void) => {
      if (path === null) return () => undefined;
      const entry = entryOf(path);
      // The first view of a path reads it again: what another view left in the cache may be stale.
      const first = entry.listeners.size === 0;
      entry.listeners.add(listener);
      if (first || entry.value.state !== 'loaded') load(path, get);
      return () => {
        entry.listeners.delete(listener);
      };
    },
    [path, get]
  );
  const snapshot = React.useCallback(() => (path === null ? LOADING : entryOf(path).value), [path]);
  return React.useSyncExternalStore(subscribe, snapshot) as Shared<T>;
};

const LOADING: Shared<never> = { state: 'loading' };

const ENTRIES = `/${PLUGIN_ID}/entries`;

const query = (values: Record<string, string | undefined | null>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
};

/** `GET /entries/status` for a content type, or one of its entries (`documentId`) in a locale. */
export const useEntryStatus = (uid: string | undefined, documentId?: string | null, locale?: string | null): Shared<EntryStatus> =>
  useShared<GetEntryStatus.Response['data']>(uid ? `${ENTRIES}/status?${query({ uid, documentId, locale })}` : null);

/** `GET /entries/pending` for the entries of one page of the list view (at most 100 of them). */
export const usePendingEntries = (uid: string, documentIds: string[]): Shared<ListPendingEntries.Response['data']> =>
  useShared<ListPendingEntries.Response['data']>(documentIds.length ? `${ENTRIES}/pending?${query({ uid, documentIds: documentIds.join(',') })}` : null);

/** One request with its diff (the viewer's own pending proposal, in the side panel). */
export const useRequestDetail = (id: string | null): Shared<GetRequest.Response['data']> =>
  useShared<GetRequest.Response['data']>(id ? `/${PLUGIN_ID}/requests/${encodeURIComponent(id)}` : null);

/** After a request was opened or revised: the status, the pending badges and the request details on screen read again. */
export const useRefreshApprovalData = () => {
  const { get } = useFetchClient();
  return React.useCallback(() => {
    refreshByPrefix(ENTRIES, get);
    refreshByPrefix(`/${PLUGIN_ID}/requests/`, get);
  }, [get]);
};
