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

export interface RequestListItem extends RequestSummary {
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

export interface DiffEntryView {
  path: string;
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
  decisions: Array<{ kind: DecisionKind; by: PrincipalLabel; at: string; comment: string | null; obligations: string[] }>;
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
  /** An admin user id, or an account principal (`admin:3`, `user:5`). */
  to: number | string;
  comment?: string | null;
  /** One of the delegator's obligations; default: all of their open ones. */
  obligationId?: string;
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
