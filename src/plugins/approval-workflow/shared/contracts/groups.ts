import type { DeletedResponse, IdParams, ListMeta, PaginationQuery } from './common';

/** A plugin-defined approver group as the API shows it. `id` is its document id. */
export interface Group {
  id: string;
  name: string;
  description: string | null;
  /** Account principals: `admin:<id>` (admin user) or `user:<id>` (content-API user). */
  members: string[];
  createdAt: string;
  updatedAt: string;
}

/** The body of POST /groups and PUT /groups/:id (a group is always sent whole). */
export interface GroupBody {
  name: string;
  description?: string | null;
  members?: string[];
}

/** GET /approval-workflow/groups */
export namespace ListGroups {
  export interface Request {
    query: PaginationQuery;
  }
  export interface Response {
    data: Group[];
    meta: ListMeta;
  }
}

/** GET /approval-workflow/groups/:id */
export namespace GetGroup {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: Group;
  }
}

/** POST /approval-workflow/groups (201) */
export namespace CreateGroup {
  export interface Request {
    body: GroupBody;
  }
  export interface Response {
    data: Group;
  }
}

/** PUT /approval-workflow/groups/:id */
export namespace UpdateGroup {
  export interface Request {
    params: IdParams;
    body: GroupBody;
  }
  export interface Response {
    data: Group;
  }
}

/** DELETE /approval-workflow/groups/:id — refused (409) while a template names the group. */
export namespace DeleteGroup {
  export interface Request {
    params: IdParams;
  }
  export type Response = DeletedResponse;
}
