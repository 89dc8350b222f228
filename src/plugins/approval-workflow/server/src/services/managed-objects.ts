import type { Core, UID as StrapiUID } from '@strapi/strapi';
import type { ManagedKind } from '../../../shared/constants';
import type { ChildRelationCandidate, ManagedObject, ManagedObjectView } from '../../../shared/contracts/managed-objects';
import { operationsFor } from '../../../shared/managed-operations';
import { UID } from '../constants';
import type { Operation } from '../domain';
import type { PageQuery } from '../utils/pagination';
import { conflict, invalidField } from '../utils/errors';
import { getService } from '../utils/get-service';
import { readLocked } from '../utils/lock';
import { table, writeAndAudit, type BaseRow, type WriteAudit } from '../utils/records';
import { refuseDuplicates } from '../utils/unique-violation';
import { entryTitlesOf } from './requests/entry-title';
import type { ChildRelation, MarkInput, UpdateManagedInput } from '../validation/managed-object';

export type { ManagedObject };

/** A managed object's row. */
export interface ManagedObjectRow extends BaseRow {
  key: string;
  kind: ManagedKind;
  uid: string;
  entryDocumentId: string | null;
  operations: Operation[] | null;
  templateId: string | null;
  childRelations: ChildRelation[] | null;
  inheritedFrom: string | null;
  markedBy: string | null;
}

const present = (row: ManagedObjectRow): ManagedObject => ({
  id: row.documentId,
  kind: row.kind,
  uid: row.uid,
  entryDocumentId: row.entryDocumentId ?? null,
  operations: row.operations ?? [],
  templateId: row.templateId ?? null,
  childRelations: row.childRelations ?? [],
  inheritedFrom: row.inheritedFrom ?? null,
  markedBy: row.markedBy ?? null,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

const keyOf = (kind: ManagedKind, uid: string, documentId: string | null) =>
  kind === 'collection' ? `collection:${uid}` : `entry:${uid}:${documentId}`;

/** How long an instance trusts its list of guarded content types before reading it again. */
export const GUARD_CACHE_MS = 5_000;

/**
 * Managed objects: collections and entries whose changes need approval (seed 004). Marking an
 * entry with child relations makes children created under it managed too; existing children are
 * left as they are.
 */
export const createManagedObjectsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const objects = table<ManagedObjectRow>(strapi, UID.managedObject);
  const query = objects.query;
  const LABEL = 'Managed object';
  let guardCache: { uids: Set<string>; childUids: Set<string>; at: number } | null = null;

  const contentTypeOf = (uid: string, field = 'uid') => {
    const contentType = uid.startsWith('api::') ? strapi.contentTypes[uid as StrapiUID.ContentType] : undefined;
    if (!contentType) throw invalidField([field], `Unknown content type: ${uid}`, { unknown: { contentTypes: [uid] } });
    return contentType;
  };

  const hasDraftAndPublish = (uid: string) => Boolean(contentTypeOf(uid).options?.draftAndPublish);

  /** Every operation this kind of object may guard on the type: the default when none is named. */
  const defaultOperations = (kind: ManagedKind, uid: string): Operation[] => operationsFor(kind, hasDraftAndPublish(uid));

  const checkOperations = (kind: ManagedKind, uid: string, operations: Operation[]) => {
    const allowed = defaultOperations(kind, uid);
    const invalid = operations.filter((op) => !allowed.includes(op));
    if (invalid.length) {
      throw invalidField(['operations'], `Operations not available on this ${kind} of ${uid}: ${invalid.join(', ')}`);
    }
  };

  /** Inside the write's transaction: the template is locked, so that it cannot be deleted before the write commits. */
  const checkTemplate = async (templateId: string | null | undefined) => {
    if (!templateId) return;
    if (!(await readLocked(strapi, UID.template, { documentId: templateId }))) {
      throw invalidField(['templateId'], `Unknown template: ${templateId}`, { unknown: { templates: [templateId] } });
    }
  };

  type RelationAttribute = { type: string; relation?: string; target?: string };

  /** The rule of child relations: a to-one relation of the child type that points at the parent's type. */
  const isChildRelation = (attribute: RelationAttribute | undefined, parentUid: string) =>
    attribute?.type === 'relation' &&
    attribute.target === parentUid &&
    (attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne');

  const checkChildRelations = (parentUid: string, relations: ChildRelation[]) => {
    for (const relation of relations) {
      const attribute = contentTypeOf(relation.uid, 'childRelations').attributes[relation.field] as RelationAttribute | undefined;
      if (!isChildRelation(attribute, parentUid)) {
        throw invalidField(['childRelations'], `${relation.uid}.${relation.field} is not a to-one relation to ${parentUid}`);
      }
    }
  };

  /**
   * Adds the titles the admin shows: each entry's, and that of the parent an inherited entry came
   * from; one query for the parents and one per content type, whatever the number of objects.
   */
  const withTitles = async (list: ManagedObject[]): Promise<ManagedObjectView[]> => {
    const parentIds = [...new Set(list.flatMap((object) => (object.inheritedFrom ? [object.inheritedFrom] : [])))];
    const parentRows = parentIds.length ? await query().findMany({ where: { documentId: { $in: parentIds } } }) : [];
    const parents = new Map(parentRows.map((row) => [row.documentId, present(row)]));
    const entries = [...list, ...parents.values()].filter((object) => object.kind === 'entry' && object.entryDocumentId);
    const byUid = new Map<string, string[]>();
    for (const entry of entries) byUid.set(entry.uid, [...(byUid.get(entry.uid) ?? []), entry.entryDocumentId as string]);
    const titles = new Map(
      await Promise.all([...byUid].map(async ([uid, documentIds]) => [uid, await entryTitlesOf(strapi, uid, documentIds)] as const))
    );
    const titleOf = (object: ManagedObject | undefined) =>
      (object?.entryDocumentId && titles.get(object.uid)?.get(object.entryDocumentId)) ?? null;
    return list.map((object) => ({
      ...object,
      entryTitle: titleOf(object),
      inheritedFromTitle: object.inheritedFrom ? titleOf(parents.get(object.inheritedFrom)) : null,
    }));
  };

  const withTitle = async (object: ManagedObject) => (await withTitles([object]))[0];

  const changed = () => {
    guardCache = null;
  };

  /** What `guardedUids` and the child rules read: every managed type, and the child types of managed entries (cached, see `GUARD_CACHE_MS`). */
  const guard = async () => {
    if (guardCache && Date.now() - guardCache.at < GUARD_CACHE_MS) return guardCache;
    const rows = await query().findMany({ select: ['uid', 'childRelations'] });
    const uids = new Set<string>();
    const childUids = new Set<string>();
    for (const row of rows) {
      uids.add(row.uid);
      for (const relation of (row.childRelations ?? []) as ChildRelation[]) {
        uids.add(relation.uid);
        childUids.add(relation.uid);
      }
    }
    guardCache = { uids, childUids, at: Date.now() };
    return guardCache;
  };

  /** The audit entry of a change to a managed object. */
  const auditOf = (action: WriteAudit['action'], actor: string, row: Pick<ManagedObjectRow, 'documentId' | 'kind' | 'uid' | 'entryDocumentId'>, details: Record<string, unknown> = {}): WriteAudit => ({
    action,
    actor,
    subject: row.documentId,
    details: { kind: row.kind, uid: row.uid, entryDocumentId: row.entryDocumentId ?? null, ...details },
  });

  /** Marks an object once: the unique key refuses a second marking, also two at the same moment. */
  const insert = async (data: Record<string, unknown> & { key: string; templateId: string | null }, actor: string) => {
    const row = await refuseDuplicates(
      strapi,
      UID.managedObject,
      () =>
        writeAndAudit(strapi, async () => {
          await checkTemplate(data.templateId);
          const created = await query().create({ data: { ...data, markedBy: actor } });
          return { result: created, audit: [auditOf('managed-marked', actor, created)] };
        }),
      async () => {
        const existing = await query().findOne({ where: { key: data.key } });
        return existing ? conflict(`Already managed: ${data.key}`, { managedObject: present(existing) }) : null;
      }
    );
    changed();
    return withTitle(present(row));
  };

  return {
    async list(page: PageQuery, filters: { uid?: string; kind?: ManagedKind; documentId?: string } = {}) {
      const where = {
        ...(filters.uid ? { uid: filters.uid } : {}),
        ...(filters.kind ? { kind: filters.kind } : {}),
        ...(filters.documentId ? { entryDocumentId: filters.documentId } : {}),
      };
      return objects.findPage(page, { where, orderBy: { id: 'asc' } }, (rows) => withTitles(rows.map(present)));
    },

    async get(id: string) {
      return withTitle(present(await objects.findOr404(id, LABEL)));
    },

    /** The relations an entry of `uid` may name as child relations: other types' to-one relations to it. */
    childRelationCandidates(uid: string): ChildRelationCandidate[] {
      contentTypeOf(uid);
      return Object.entries(strapi.contentTypes)
        .filter(([childUid]) => childUid.startsWith('api::'))
        .flatMap(([childUid, contentType]) =>
          Object.entries(contentType.attributes)
            .filter(([, attribute]) => isChildRelation(attribute as RelationAttribute, uid))
            .map(([field]) => ({ uid: childUid, field, label: contentType.info.displayName }))
        );
    },

    async mark(input: MarkInput, actor: string) {
      const contentType = contentTypeOf(input.uid);
      const operations = input.operations ?? defaultOperations(input.kind, input.uid);
      checkOperations(input.kind, input.uid, operations);
      if (input.kind === 'collection') {
        return insert({ key: keyOf('collection', input.uid, null), kind: 'collection', uid: input.uid, operations, templateId: input.templateId, childRelations: [] }, actor);
      }
      checkChildRelations(input.uid, input.childRelations);
      const entry = await strapi.documents(contentType.uid as StrapiUID.ContentType).findOne({ documentId: input.documentId });
      if (!entry) throw invalidField(['documentId'], `Unknown entry ${input.documentId} of ${input.uid}`, { unknown: { entries: [input.documentId] } });
      return insert(
        {
          key: keyOf('entry', input.uid, input.documentId),
          kind: 'entry',
          uid: input.uid,
          entryDocumentId: input.documentId,
          operations,
          templateId: input.templateId,
          childRelations: input.childRelations,
        },
        actor
      );
    },

    async update(id: string, { password, ...input }: UpdateManagedInput, actor: string) {
      const row = await objects.findOr404(id, LABEL);
      if (row.kind === 'entry' && input.templateId !== undefined && input.templateId !== (row.templateId ?? null)) {
        await getService(strapi, 'directory').confirmPassword(actor, password, 'Changing an entry’s item-level template');
      }
      if (input.operations) checkOperations(row.kind, row.uid, input.operations);
      if (input.childRelations) {
        if (row.kind !== 'entry') throw invalidField(['childRelations'], 'Only managed entries have child relations');
        checkChildRelations(row.uid, input.childRelations);
      }
      const updated = await writeAndAudit(strapi, async () => {
        await objects.lockOr404(id, LABEL);
        await checkTemplate(input.templateId);
        const next = await query().update({ where: { id: row.id }, data: input });
        return { result: next, audit: [auditOf('managed-updated', actor, next, { changed: Object.keys(input) })] };
      });
      changed();
      return withTitle(present(updated));
    },

    async unmark(id: string, actor: string) {
      await writeAndAudit(strapi, async () => {
        const row = await objects.lockOr404(id, LABEL);
        await query().delete({ where: { id: row.id } });
        return { result: undefined, audit: [auditOf('managed-unmarked', actor, row)] };
      });
      changed();
    },

    /**
     * A child created (by an approved request) under a managed entry becomes managed itself,
     * inheriting the parent's template through `inheritedFrom` (DESIGN: managed object).
     */
    async adoptChild(uid: string, documentId: string, parent: ManagedObject, actor: string) {
      const key = keyOf('entry', uid, documentId);
      if (await query().findOne({ where: { key } })) return;
      const operations = defaultOperations('entry', uid).filter((op) => parent.operations.includes(op));
      // Inside the apply's transaction: the child is managed, and audited, only if the create commits.
      await writeAndAudit(strapi, async () => {
        await query().create({
          data: { key, kind: 'entry', uid, entryDocumentId: documentId, operations: operations.length ? operations : defaultOperations('entry', uid), templateId: null, childRelations: [], inheritedFrom: parent.id, markedBy: actor },
        });
        return {
          result: undefined,
          audit: [auditOf('managed-marked', actor, { documentId: key, kind: 'entry', uid, entryDocumentId: documentId }, { inheritedFrom: parent.id })],
        };
      });
      changed();
    },

    /** Forgets a managed entry that was deleted. */
    async forgetEntry(uid: string, documentId: string) {
      await query().delete({ where: { key: keyOf('entry', uid, documentId) } });
      changed();
    },

    /**
     * The content types that have anything managed (as a collection, an entry, or as the child
     * type of a managed entry). The interceptor lets writes to any other type through without a
     * query; the list is re-read at most every few seconds, and at once after a change here.
     */
    async guardedUids(): Promise<Set<string>> {
      return (await guard()).uids;
    },

    /** Whether some managed entry names `childUid` in its child relations: a new document of that type may land under it (same delay as `guardedUids`). */
    async mayHaveManagedParent(childUid: string): Promise<boolean> {
      return (await guard()).childUids.has(childUid);
    },

    /**
     * The managed entry a new document of `childUid` lands under (seed 004): one its to-one
     * relation `field` points to (`pointsTo` gives the document ids the write's data names), that
     * names (`childUid`, `field`) in its child relations. Only the entries the data points to are
     * read, by their unique key; a type no managed entry names as a child type reads nothing.
     */
    async parentFor(childUid: string, pointsTo: (field: string, targetUid: string) => Promise<string[]>): Promise<ManagedObject | null> {
      const { uids, childUids } = await guard();
      if (!childUids.has(childUid)) return null;
      const candidates: Array<{ field: string; targetUid: string; documentIds: string[] }> = [];
      for (const [field, attribute] of Object.entries(contentTypeOf(childUid).attributes) as Array<[string, RelationAttribute]>) {
        if (!attribute.target || !uids.has(attribute.target) || !isChildRelation(attribute, attribute.target)) continue;
        const documentIds = await pointsTo(field, attribute.target);
        if (documentIds.length) candidates.push({ field, targetUid: attribute.target, documentIds });
      }
      const keys = candidates.flatMap(({ targetUid, documentIds }) => documentIds.map((id) => keyOf('entry', targetUid, id)));
      if (keys.length === 0) return null;
      const parents = (await query().findMany({ where: { key: { $in: keys } } })).map(present);
      for (const { field, targetUid, documentIds } of candidates) {
        const parent = parents.find(
          (p) => p.uid === targetUid && documentIds.includes(p.entryDocumentId ?? '') && p.childRelations.some((r) => r.uid === childUid && r.field === field)
        );
        if (parent) return parent;
      }
      return null;
    },

    /** The collection object and entry object of a target, if managed. */
    async forTarget(uid: string, documentId: string | null) {
      const keys = [keyOf('collection', uid, null), ...(documentId ? [keyOf('entry', uid, documentId)] : [])];
      const rows = await query().findMany({ where: { key: { $in: keys } } });
      const collection = rows.find((r) => r.kind === 'collection');
      const entry = rows.find((r) => r.kind === 'entry');
      return { collection: collection ? present(collection) : null, entry: entry ? present(entry) : null };
    },

    /** The content type of a uid the plugin can manage (`api::…`); otherwise a 400 naming `field`. */
    contentTypeOf,

    /** A managed object by id, or null. */
    async find(id: string) {
      const row = await query().findOne({ where: { documentId: id } });
      return row ? present(row) : null;
    },
  };
};

export type ManagedObjectsService = ReturnType<typeof createManagedObjectsService>;
