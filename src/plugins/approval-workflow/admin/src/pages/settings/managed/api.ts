import * as React from 'react';

import { isFetchError, useFetchClient, useRBAC } from '@strapi/strapi/admin';

import { ACTIONS, PLUGIN_ID, type ManagedKind } from '../../../../../shared/constants';
import type {
  ListChildRelations,
  ListManagedObjects,
  MarkBody,
  MarkManagedObject,
  UpdateManagedBody,
  UpdateManagedObject,
} from '../../../../../shared/contracts/managed-objects';
import type { ListTemplates } from '../../../../../shared/contracts/templates';
import { useGet } from '../../../services/api';
import type { TemplateOption } from './ManagedFields';

const BASE = `/${PLUGIN_ID}/managed-objects`;

// useRBAC names each answer after the action's last segment (`…managed-objects.manage` → canManage): one call per action.
const MANAGE = [{ action: ACTIONS.manageManaged, subject: null }];
const READ_TEMPLATES = [{ action: ACTIONS.readTemplates, subject: null }];

/** What this admin may do with managed objects and templates (the server checks the same actions). */
export const useManagedPermissions = () => {
  const manage = useRBAC(MANAGE);
  const templates = useRBAC(READ_TEMPLATES);
  return {
    isLoading: manage.isLoading || templates.isLoading,
    canManage: manage.allowedActions.canManage,
    canReadTemplates: templates.allowedActions.canRead,
  };
};

export const managedListPath = (query: ListManagedObjects.Request['query']) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return `${BASE}${text ? `?${text}` : ''}`;
};

/** The managed entry of one document (at most one), or the managed collection of a type. */
export const managedOfPath = (uid: string, kind: ManagedKind) => managedListPath({ uid, kind, pageSize: 100 });

/** The relations an entry of `uid` may name as child relations (null: none asked yet). */
export const useChildRelationCandidates = (uid: string | null) =>
  useGet<ListChildRelations.Response>(uid ? `${BASE}/child-relations?uid=${encodeURIComponent(uid)}` : null);

/**
 * The templates to choose from: undefined while they load, null for an admin who may not read
 * templates (their ids are shown instead).
 */
export const useTemplateOptions = (canRead: boolean): TemplateOption[] | null | undefined => {
  const templates = useGet<ListTemplates.Response>(canRead ? `/${PLUGIN_ID}/templates?pageSize=100` : null);
  return React.useMemo(() => {
    if (!canRead) return null;
    if (!templates.data) return templates.state === 'failed' ? null : undefined;
    return (Array.isArray(templates.data.data) ? templates.data.data : []).map(({ id, name }) => ({ id, name }));
  }, [canRead, templates.data, templates.state]);
};

/** Mark, change and unmark. */
export const useManagedWrites = () => {
  const { post, put, del } = useFetchClient();
  return React.useMemo(
    () => ({
      mark: async (body: MarkBody) => (await post<MarkManagedObject.Response>(BASE, body)).data.data,
      update: async (id: string, body: UpdateManagedBody) => (await put<UpdateManagedObject.Response>(`${BASE}/${encodeURIComponent(id)}`, body)).data.data,
      unmark: async (id: string) => {
        await del(`${BASE}/${encodeURIComponent(id)}`);
      },
    }),
    [post, put, del]
  );
};

interface ErrorBody {
  message?: string;
  details?: { code?: string; errors?: Array<{ path?: Array<string | number>; message?: string }> };
}

/** The status, code, message and per-field messages of a refused write (Strapi's error shape). */
export const refusalOf = (error: unknown) => {
  const body: ErrorBody | undefined = isFetchError(error) ? (error.response?.data as { error?: ErrorBody } | undefined)?.error : undefined;
  const fields: Record<string, string> = {};
  for (const item of body?.details?.errors ?? []) {
    const field = String(item.path?.[0] ?? '');
    if (field && item.message && !fields[field]) fields[field] = item.message;
  }
  return { status: isFetchError(error) ? error.status : undefined, code: body?.details?.code, message: body?.message, fields };
};
