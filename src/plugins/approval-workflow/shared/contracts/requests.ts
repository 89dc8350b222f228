import type {
  DecisionKind,
  ExpiryAction,
  GroupRequirement,
  ObligationSource,
  ObligationStatus,
  Operation,
  RequestStatus,
  StageStatus,
} from '../vocabulary';
import type { IdParams, ListMeta, PaginationQuery } from './common';

/** A person or actor as the API shows it. */
export interface PrincipalLabel {
  principal: string;
  /** `public`: a write nobody authenticated (the users-permissions Public role). */
  kind: 'admin' | 'user' | 'token' | 'email' | 'public' | 'system' | 'group';
  name: string;
  email: string | null;
}

/** What an intercepted write answers with (REST 202 `meta.approvalRequest`, GraphQL error details). */
export interface RequestSummary {
  id: string;
  status: RequestStatus;
  operation: Operation;
  uid: string;
  documentId: string | null;
  locale: string | null;
  urgent: boolean;
}

/** Where a pending request stands in its stages ("Stage 1 of 2 · 1 of 2 approvals"). */
export interface StageProgress {
  /** 1-based number of the active stage; of the last stage that ran once the request is closed; 0 when it has no stage. */
  current: number;
  /** How many stages the request's rule has. */
  total: number;
  /** Approvals counted in that stage so far. */
  approvals: number;
  /** Approvals that close that stage. */
  required: number;
}

export interface RequestListItem extends RequestSummary {
  /**
   * The entry's title: the value of the content type's main field (as the content manager's list
   * configures it) in the proposal, else in the base; null when there is none. Searchable (`q`).
   */
  title: string | null;
  /** The content type as the content manager names it. */
  contentType: { uid: string; displayName: string };
  progress: StageProgress;
  /** How many times the requester revised the proposal (each revision resets the approvals). */
  revisions: number;
  requester: PrincipalLabel;
  template: { id: string; version: number; name: string };
  comment: string | null;
  reason: string | null;
  /** The viewer holds an open obligation in an active stage. */
  awaitingMe: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ObligationView {
  id: string;
  holder: PrincipalLabel;
  sources: ObligationSource[];
  status: ObligationStatus;
  delegatedFrom: PrincipalLabel | null;
  decidedBy: PrincipalLabel | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface StageView {
  index: number;
  name: string;
  kind: 'owner' | 'rule' | 'admins';
  status: StageStatus;
  required: number;
  groups: GroupRequirement[];
  startedAt: string | null;
  deadline: string | null;
  onExpiry: ExpiryAction;
  obligations: ObligationView[];
}

/**
 * What kind of value a diff entry holds, from the content type's schema (attribute types as Strapi
 * names them; `other` when the path is not an attribute, e.g. a key inside a JSON field).
 */
export type DiffValueType =
  | 'string'
  | 'text'
  | 'richtext'
  | 'blocks'
  | 'email'
  | 'uid'
  | 'enumeration'
  | 'integer'
  | 'biginteger'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'json'
  | 'password'
  | 'relation'
  | 'media'
  | 'component'
  | 'dynamiczone'
  | 'other';

/** A related entry as the diff shows it: by its title (the target type's main field). */
export interface RelationValue {
  uid: string;
  documentId: string;
  title: string | null;
}

/** A media file as the diff shows it (thumbnail when the upload plugin made one). */
export interface MediaValue {
  id: number;
  name: string;
  url: string;
  thumbnailUrl: string | null;
  mime: string | null;
}

/**
 * One difference between base and proposal. Relations and media are compared by identity and shown
 * as `RelationValue`s / `MediaValue`s (an element added to or removed from a to-many relation is an
 * entry of its own, path `tags[documentId=…]`); components and dynamic-zone items are walked, so a
 * changed field inside them is an entry whose path names the component (`seo.metaTitle`,
 * `blocks[id=3].body`).
 */
export interface DiffEntryView {
  path: string;
  /** The path as an approver reads it: one label per segment (attribute names, component display names). */
  labels: string[];
  /** The value's type at the end of the path. */
  type: DiffValueType;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export interface RequestDetail extends RequestListItem {
  owner: PrincipalLabel | null;
  securityLevel: 'simple' | 'password';
  applied: boolean;
  proposal: Record<string, unknown> | null;
  base: { draft: Record<string, unknown> | null; published: Record<string, unknown> | null } | null;
  /** Base → proposal: exactly what approving would change. */
  diff: DiffEntryView[];
  stages: StageView[];
  /**
   * Every decision, oldest first. `superseded`: given on an earlier revision of the proposal (a
   * revise reset it; it is history and counts for nothing).
   */
  decisions: Array<{ kind: DecisionKind; by: PrincipalLabel; at: string; comment: string | null; obligations: string[]; revision: number; superseded: boolean }>;
  timeline: Array<{ seq: number; action: string; actor: PrincipalLabel; at: string; details: Record<string, unknown> }>;
  result: { documentId: string | null } | null;
  /** What the viewer may do now, and why not. */
  viewer: { canApprove: boolean; canReject: boolean; canCancel: boolean; canDelegate: boolean; reason: string | null };
}

/** The body of approve and reject. */
export interface DecideBody {
  comment?: string | null;
  /** Required when the template's security level is `password`. */
  password?: string;
}

/** The body of cancel. */
export interface CancelBody {
  comment?: string | null;
}

/** The body of delegate. */
export interface DelegateBody {
  /**
   * An admin user id, an account principal (`admin:3`, `user:5`), or an external approver
   * (`email:<address>`), who gets a link by mail. Delegating again to the same address sends a new
   * link, which replaces the old one.
   */
  to: number | string;
  comment?: string | null;
  /** One of the delegator's obligations; default: all of their open ones. */
  obligationId?: string;
  /** For an `email:` delegate: how long the link lasts (default: the plugin's `externalLinkMinutes`), never beyond the stage deadline. */
  expiresInMinutes?: number;
}

/** The filters of the request list (as the query string carries them; the server reads them with `requestFiltersSchema`). */
export interface RequestListFilters {
  status?: RequestStatus;
  /** `me`: only requests where the viewer holds an open obligation in an active stage. */
  awaiting?: 'me';
  /** Only the viewer's own requests. */
  mine?: boolean | 'true' | 'false' | '1' | '0';
  uid?: string;
  documentId?: string;
  operation?: Operation;
  /** Search by entry title (case-insensitive, contains). */
  q?: string;
}

/**
 * The 409 `error.details` of a write while a request for the same target and operation is open.
 * When the caller is that request's requester (`revisable`), sending the same write again with the
 * header `X-Approval-Revise: <openRequest.id>` revises it: proposal and base are replaced, approvals
 * given so far are reset, the stages start again from the first (audited `revised`).
 */
export interface OpenRequestConflict {
  openRequest: { id: string; status: RequestStatus; operation: Operation; uid: string; documentId: string | null };
  revisable: boolean;
}

/** GET /approval-workflow/requests (admin) and /api/approval-workflow/requests (content API) */
export namespace ListRequests {
  export interface Request {
    query: PaginationQuery & RequestListFilters;
  }
  export interface Response {
    data: RequestListItem[];
    meta: ListMeta;
  }
}

/** GET …/requests/:id */
export namespace GetRequest {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: RequestDetail;
  }
}

/** POST …/requests/:id/approve */
export namespace ApproveRequest {
  export interface Request {
    params: IdParams;
    body: DecideBody;
  }
  export interface Response {
    data: RequestSummary;
  }
}

/** POST …/requests/:id/reject */
export namespace RejectRequest {
  export interface Request {
    params: IdParams;
    body: DecideBody;
  }
  export interface Response {
    data: RequestSummary;
  }
}

/** POST …/requests/:id/cancel — the requester, while pending. */
export namespace CancelRequest {
  export interface Request {
    params: IdParams;
    body: CancelBody;
  }
  export interface Response {
    data: RequestSummary;
  }
}

/** POST …/requests/:id/delegate */
export namespace DelegateRequest {
  export interface Request {
    params: IdParams;
    body: DelegateBody;
  }
  export interface Response {
    data: RequestSummary;
  }
}

/**
 * GET /approval-workflow/entries/status (admin, any admin user with the content manager open): what
 * the content manager shows an editor about a type or one entry.
 */
export interface EntryStatus {
  uid: string;
  documentId: string | null;
  /** The operations that need approval on this entry (collection ∪ entry ∪ managed parent); empty: not managed. */
  operations: Operation[];
  /** The template a new request would run under; null when not managed. */
  template: { id: string; name: string } | null;
  /** Where the management comes from. */
  managedBy: Array<'collection' | 'entry' | 'parent'>;
  /** The viewer's writes go straight through (a bypass role): the content manager stays as it is. */
  bypass: boolean;
  /** The template allows urgent requests and urgent mode is on. */
  urgentAllowed: boolean;
  /** The pending requests on this entry (every requester's), newest first. */
  openRequests: RequestListItem[];
}

export namespace GetEntryStatus {
  export interface Request {
    query: { uid: string; documentId?: string; locale?: string };
  }
  export interface Response {
    data: EntryStatus;
  }
}

/** GET /approval-workflow/entries/pending?uid=…&documentIds=a,b (admin): which listed entries have a pending request. */
export namespace ListPendingEntries {
  export interface Request {
    query: { uid: string; documentIds: string };
  }
  export interface Response {
    data: Array<{ documentId: string; requests: RequestSummary[] }>;
  }
}
