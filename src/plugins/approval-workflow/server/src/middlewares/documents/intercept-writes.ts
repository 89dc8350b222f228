import type { Core, Modules, UID as StrapiUID } from '@strapi/strapi';
import type { Context } from 'koa';
import type { RequestSummary } from '../../../../shared/contracts/requests';
import type { ApplyParams } from '../../services/apply';
import type { ManagedObject } from '../../services/managed-objects';
import { requesterOf, writeOriginOf } from '../../utils/actor';
import { isPluginApply } from '../../utils/bypass';
import { ApprovalRequiredError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { parse } from '../../validation/parse';
import { proposalSchema, writeTargetSchema } from '../../validation/proposal';
import { approvalMessage, isContentManagerPublish, isGraphql, recordRequest, recordedRequests, requestOptions } from '../http/approval-context';
import { isGuardableAction, relationRefs, shouldIntercept } from './should-intercept';

type Params = { documentId?: string; locale?: string; data?: Record<string, unknown>; status?: string };

/**
 * What the caller gets instead of the written document: the shape each Document Service action
 * returns, standing for the target until approval. For publish-like actions `entries` holds one
 * stand-in, because the content manager rolls back its transaction (and the request with it)
 * when a publish returns no entry.
 */
const standIn = (action: string, documentId: string | null, approvalRequest: RequestSummary) => {
  const document = { documentId, approvalRequest };
  return action === 'create' || action === 'update' ? document : { documentId, entries: [document] };
};

/** The managed entry a new child's parent relation points to, if any (seed 004): looked up by the documents the data names. */
const managedParentOf = async (strapi: Core.Strapi, uid: string, data: Record<string, unknown> | undefined) => {
  if (!data) return null;
  return getService(strapi, 'managedObjects').parentFor(uid, async (field, targetUid) => {
    const refs = relationRefs(data[field]);
    const ids = refs.flatMap((ref) => ('id' in ref ? [ref.id] : []));
    const byId = ids.length
      ? await strapi.db.query(targetUid as StrapiUID.ContentType).findMany({ where: { id: { $in: ids } }, select: ['documentId'] })
      : [];
    return [...refs.flatMap((ref) => ('documentId' in ref ? [ref.documentId] : [])), ...byId.map((row) => row.documentId as string)];
  });
};

/**
 * The interception point (DESIGN): every write of the Document Service — content manager, REST,
 * GraphQL, server code — passes here. Writes to types with nothing managed go straight through;
 * a write that must wait becomes an approval request and does not happen. Each write is a request
 * of its own (two creates in one GraphQL operation or one custom controller are two requests),
 * but for the content manager's save-then-publish. `next()` is called at most once, and its result
 * returned.
 */
export const interceptWrites =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const { uid, action } = context;
    if (!isGuardableAction(action) || !uid.startsWith('api::') || isPluginApply()) return next();
    const managedObjects = getService(strapi, 'managedObjects');
    if (!(await managedObjects.guardedUids()).has(uid)) return next();

    const http = strapi.requestContext.get() as Context | undefined;
    const params = context.params as Params;
    // The target reaches the plugin's queries below: an id or locale no database takes is a 400.
    parse(writeTargetSchema, { documentId: params.documentId, locale: params.locale }, 'target');
    const documentId = action === 'create' ? null : (params.documentId ?? null);

    // The content manager's publish saves (or creates) the target, then publishes it: that publish
    // is part of the request the save opened. Any other write opens a request of its own.
    const cmPublish = isContentManagerPublish(http);
    const covered =
      cmPublish && action === 'publish' ? recordedRequests(http).find((r) => r.target.uid === uid && r.target.documentId === documentId) : undefined;
    if (covered) return standIn(action, documentId, covered.summary) as never;

    const origin = await writeOriginOf(strapi, http);
    const { collection, entry } = await managedObjects.forTarget(uid, documentId);
    const parent: ManagedObject | null = action === 'create' ? await managedParentOf(strapi, uid, params.data) : null;
    const decision = shouldIntercept({
      operation: action,
      origin,
      entryOperations: entry?.operations ?? null,
      collectionOperations: collection?.operations ?? null,
      underManagedParent: Boolean(parent),
    });
    if (!decision.intercept || origin.kind === 'server') return next();

    // The content manager's publish saves then publishes: one request for both, of operation publish.
    const operation = cmPublish && action === 'update' ? 'publish' : action;
    const requestParams: ApplyParams = {
      ...(params.data ? { data: parse(proposalSchema, params.data, 'proposal') } : {}),
      ...(params.status === 'published' || (cmPublish && action === 'create') ? { status: 'published' as const } : {}),
    };
    await getService(strapi, 'proposal').check({ uid, operation, documentId, locale: params.locale ?? null, params: requestParams });
    const options = requestOptions(http);
    const request = await getService(strapi, 'requests').open({
      uid,
      operation,
      documentId,
      locale: params.locale ?? null,
      params: requestParams,
      requester: requesterOf(origin),
      managed: { entry, collection, parent },
      ...options,
    });
    const revised = options.revise !== null;
    if (http) recordRequest(http, request, { uid, documentId }, revised);
    if (isGraphql(http) && !strapi.db.inTransaction()) {
      throw new ApprovalRequiredError(approvalMessage([request], revised ? [request.id] : []), {
        approvalRequest: request,
      });
    }
    return standIn(action, documentId, request) as never;
  };
