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
    query: PaginationQuery & { uid?: string; kind?: ManagedKind };
  }
  export interface Response {
    data: ManagedObject[];
    meta: ListMeta;
  }
}

/** GET /approval-workflow/managed-objects/:id */
export namespace GetManagedObject {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: ManagedObject;
  }
}

/** POST /approval-workflow/managed-objects (201; 409 when already managed) */
export namespace MarkManagedObject {
  export interface Request {
    body: MarkBody;
  }
  export interface Response {
    data: ManagedObject;
  }
}

/** PUT /approval-workflow/managed-objects/:id */
export namespace UpdateManagedObject {
  export interface Request {
    params: IdParams;
    body: UpdateManagedBody;
  }
  export interface Response {
    data: ManagedObject;
  }
}

/** DELETE /approval-workflow/managed-objects/:id — unmark */
export namespace UnmarkManagedObject {
  export interface Request {
    params: IdParams;
  }
  export type Response = DeletedResponse;
}
