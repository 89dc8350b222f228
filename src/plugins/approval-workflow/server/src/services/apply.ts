import type { Core, UID as StrapiUID } from '@strapi/strapi';
import type { Operation } from '../domain';
import { asPluginApply } from '../utils/bypass';
import { getService } from '../utils/get-service';
import type { ManagedObject } from './managed-objects';
import type { Data } from './snapshot';

/** What a request replays through the Document Service when it is approved. */
export interface ApplyParams {
  data?: Data;
  /** `published` for a create (or update) that also publishes. */
  status?: 'published';
}

export interface ApplyTarget {
  id: string;
  uid: string;
  operation: Operation;
  targetDocumentId: string | null;
  locale: string | null;
  params: ApplyParams;
  baseHash: string | null;
  requester: string;
  /** For a new child of a managed entry: that entry, which the child inherits from. */
  parent: ManagedObject | null;
}

/** Applying threw: the transaction that tried it is rolled back and the request records the reason. */
export class ApplyFailure extends Error {
  override readonly name = 'ApplyFailure';
}

export type ApplyOutcome = { ok: true; documentId: string | null } | { ok: false; reason: string };

/**
 * Applies an approved change exactly as it was requested, inside the caller's transaction
 * (DESIGN rules 3 and 4): first re-checks that the target is still what the approvers saw (its
 * content hash), then replays the operation through the Document Service under the plugin's bypass.
 */
export const createApplyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const stillAsApproved = async (target: ApplyTarget): Promise<string | null> => {
    if (target.targetDocumentId) {
      const snapshot = getService(strapi, 'snapshot');
      const current = await snapshot.take(target.uid, target.targetDocumentId, target.locale);
      if (!current) return `The entry ${target.targetDocumentId} no longer exists.`;
      if (snapshot.hash(current) !== target.baseHash) {
        return `The entry ${target.targetDocumentId} changed after the request was made; applying would overwrite that change. Make a new request.`;
      }
    }
    if (target.parent) {
      const parent = await strapi
        .documents(target.parent.uid as StrapiUID.ContentType)
        .findOne({ documentId: target.parent.entryDocumentId as string });
      if (!parent) return `The parent entry ${target.parent.entryDocumentId} no longer exists.`;
    }
    return null;
  };

  const run = async (target: ApplyTarget): Promise<string | null> => {
    const documents = strapi.documents(target.uid as StrapiUID.ContentType);
    const locale = target.locale ? { locale: target.locale } : {};
    const documentId = target.targetDocumentId as string;
    const { data, status } = target.params;
    switch (target.operation) {
      case 'create': {
        const created = await documents.create({ data: data ?? {}, ...locale, ...(status ? { status } : {}) } as never);
        return created.documentId;
      }
      case 'clone': {
        const cloned = await documents.clone({ documentId, data: data ?? {}, ...locale } as never);
        return cloned?.documentId ?? null;
      }
      case 'update':
        // A REST update publishes too (`status: 'published'`, the content API's default).
        await documents.update({ documentId, data: data ?? {}, ...locale, ...(status ? { status } : {}) } as never);
        return documentId;
      case 'publish':
        // A content-manager "publish" with edits is one request: save the draft, then publish it.
        if (data && Object.keys(data).length) await documents.update({ documentId, data, ...locale } as never);
        await documents.publish({ documentId, ...locale } as never);
        return documentId;
      case 'unpublish':
        await documents.unpublish({ documentId, ...locale } as never);
        return documentId;
      case 'discardDraft':
        await documents.discardDraft({ documentId, ...locale } as never);
        return documentId;
      case 'delete':
        await documents.delete({ documentId, ...locale } as never);
        await getService(strapi, 'managedObjects').forgetEntry(target.uid, documentId);
        return documentId;
    }
  };

  return {
    async apply(target: ApplyTarget): Promise<ApplyOutcome> {
      const refusal = await stillAsApproved(target);
      if (refusal) return { ok: false, reason: refusal };
      let documentId: string | null;
      try {
        documentId = await asPluginApply(() => run(target));
      } catch (error) {
        throw new ApplyFailure(`Applying the change failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (target.parent && documentId && (target.operation === 'create' || target.operation === 'clone')) {
        await getService(strapi, 'managedObjects').adoptChild(target.uid, documentId, target.parent, target.requester);
      }
      return { ok: true, documentId };
    },
  };
};

export type ApplyService = ReturnType<typeof createApplyService>;
