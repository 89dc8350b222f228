import type { ManagedKind } from '../constants';
import type { Operation } from '../vocabulary';
import type { DeletedResponse, IdParams, ListMeta, PaginationQuery } from './common';

/** A child type's to-one relation to a managed entry: children created through it become managed. */
export interface ChildRelation {
  uid: string;
  field: string;
}

/** A managed object (collection or entry) as the API shows it. `id` is its document id. */
export interface ManagedObject {
  id: string;
  kind: ManagedKind;
  uid: string;
  entryDocumentId: string | null;
  operations: Operation[];
  templateId: string | null;
  childRelations: ChildRelation[];
  /** The managed entry this child inherited its management from. */
  inheritedFrom: string | null;
  markedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A managed object as the admin lists it: with the titles of its entry and of the parent it inherited from. */
export interface ManagedObjectView extends ManagedObject {
  /** The entry's title (the content manager's main field); null for a collection or an untitled entry. */
  entryTitle: string | null;
  /** The title of the parent entry named by `inheritedFrom`, when it has one. */
  inheritedFromTitle: string | null;
}

/** A relation that may be a child relation of an entry of a type: a to-one relation of another type pointing to it. */
export interface ChildRelationCandidate extends ChildRelation {
  /** The child type's display name. */
  label: string;
}

/** The body of POST /managed-objects: a whole collection, or one entry (with its child relations). */
export type MarkBody =
  | { kind: 'collection'; uid: string; operations?: Operation[]; templateId?: string | null }
  | {
      kind: 'entry';
      uid: string;
      documentId: string;
      operations?: Operation[];
      templateId?: string | null;
      childRelations?: ChildRelation[];
    };

/** The body of PUT /managed-objects/:id: the fields to change. */
export interface UpdateManagedBody {
  operations?: Operation[];
  templateId?: string | null;
  childRelations?: ChildRelation[];
  /** Changing a managed entry's own (item-level) template needs the editor's password. */
  password?: string;
}

/** GET /approval-workflow/managed-objects */
export namespace ListManagedObjects {
  export interface Request {
    /** `documentId`: the managed entry of that document (with `uid`). */
    query: PaginationQuery & { uid?: string; kind?: ManagedKind; documentId?: string };
  }
  export interface Response {
    data: ManagedObjectView[];
    meta: ListMeta;
  }
}

/** GET /approval-workflow/managed-objects/child-relations?uid= — what an entry of `uid` may name as child relations. */
export namespace ListChildRelations {
  export interface Request {
    query: { uid: string };
  }
  export interface Response {
    data: ChildRelationCandidate[];
  }
}

/** GET /approval-workflow/managed-objects/:id */
export namespace GetManagedObject {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: ManagedObjectView;
  }
}

/** POST /approval-workflow/managed-objects (201; 409 when already managed) */
export namespace MarkManagedObject {
  export interface Request {
    body: MarkBody;
  }
  export interface Response {
    data: ManagedObjectView;
  }
}

/** PUT /approval-workflow/managed-objects/:id */
export namespace UpdateManagedObject {
  export interface Request {
    params: IdParams;
    body: UpdateManagedBody;
  }
  export interface Response {
    data: ManagedObjectView;
  }
}

/** DELETE /approval-workflow/managed-objects/:id — unmark */
export namespace UnmarkManagedObject {
  export interface Request {
    params: IdParams;
  }
  export type Response = DeletedResponse;
}
