import type { Core } from '@strapi/strapi';
import type { EntryStatus } from '../../../shared/contracts/requests';
import { OPERATIONS, type Operation } from '../domain';
import { shouldIntercept, type InterceptFacts } from '../middlewares/documents/should-intercept';
import type { ActingUser, WriteOrigin } from '../utils/actor';
import { getService } from '../utils/get-service';
import { createResolution } from './requests/resolution';

/** A requester whose writes are held (not a bypass role): what needs approval is asked for as them. */
const REQUESTER: InterceptFacts['origin'] = { kind: 'authenticated', actor: { isApprovalAdmin: false } };

/**
 * What the content manager shows an editor about a content type or one entry: which operations
 * need approval, under which template, whether the viewer bypasses approval, and the pending
 * requests. Every answer comes from the rules the interceptor applies (`shouldIntercept`) and the
 * template resolution a new request would run, so the admin cannot say otherwise than the server does.
 */
export const createEntriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const resolution = createResolution(strapi);

  return {
    async status(query: { uid: string; documentId?: string; locale?: string }, viewer: ActingUser): Promise<EntryStatus> {
      const managedObjects = getService(strapi, 'managedObjects');
      managedObjects.contentTypeOf(query.uid);
      const documentId = query.documentId ?? null;
      const { collection, entry } = await managedObjects.forTarget(query.uid, documentId);
      // A new document may land under a managed parent (seed 004); an existing child is managed as an entry of its own.
      const underManagedParent = documentId === null && (await managedObjects.mayHaveManagedParent(query.uid));
      const facts = (operation: Operation, origin: InterceptFacts['origin']): InterceptFacts => ({
        operation,
        origin,
        entryOperations: entry?.operations ?? null,
        collectionOperations: collection?.operations ?? null,
        underManagedParent,
      });
      const operations = OPERATIONS.filter(
        (operation) => (documentId === null || operation !== 'create') && shouldIntercept(facts(operation, REQUESTER)).intercept
      );
      const origin: WriteOrigin<ActingUser> = { kind: 'authenticated', actor: viewer };
      const bypass = shouldIntercept(facts('update', origin)).because === 'approval-admin';
      const managedBy: EntryStatus['managedBy'] = [
        ...(collection ? (['collection'] as const) : []),
        ...(entry && !entry.inheritedFrom ? (['entry'] as const) : []),
        ...((entry?.inheritedFrom ?? underManagedParent) ? (['parent'] as const) : []),
      ];
      if (operations.length === 0) {
        return { uid: query.uid, documentId, operations, template: null, managedBy, bypass, urgentAllowed: false, openRequests: [] };
      }
      const settings = await getService(strapi, 'settings').get();
      const rule = await resolution.ruleFor({ entry, collection, parent: null }, settings);
      const openRequests = documentId ? await getService(strapi, 'requests').pendingItemsOn(query.uid, documentId, query.locale, viewer) : [];
      return {
        uid: query.uid,
        documentId,
        operations,
        template: { id: rule.id, name: rule.name },
        managedBy,
        bypass,
        urgentAllowed: settings.urgentMode && rule.urgentAllowed,
        openRequests,
      };
    },

    /** Which of these entries have pending requests (for the content manager's list view), in the order asked. */
    async pending(uid: string, documentIds: string[]) {
      getService(strapi, 'managedObjects').contentTypeOf(uid);
      const requests = await getService(strapi, 'requests').pendingOn(uid, documentIds);
      return documentIds.flatMap((documentId) => {
        const onEntry = requests.filter((request) => request.documentId === documentId);
        return onEntry.length ? [{ documentId, requests: onEntry }] : [];
      });
    },
  };
};

export type EntriesService = ReturnType<typeof createEntriesService>;
