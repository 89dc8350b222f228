import type { Operation, Principal } from '../../domain';
import type { ActingUser } from '../../utils/actor';
import type { ApplyParams } from '../apply';
import type { ManagedObject } from '../managed-objects';

/** What the interceptor knows about a write that must wait for approval. */
export interface OpenInput {
  uid: string;
  operation: Operation;
  /** The target; null for a create. For clone, the document cloned. */
  documentId: string | null;
  locale: string | null;
  params: ApplyParams;
  /** Who asked: an authenticated principal, or `public` for a write nobody authenticated. */
  requester: Principal;
  managed: { entry: ManagedObject | null; collection: ManagedObject | null; parent: ManagedObject | null };
  urgent: boolean;
  comment: string | null;
  /** The requester's own open request for this target and operation that this write revises, or null to open one. */
  revise?: string | null;
}

export interface RequestFilters {
  status?: string;
  awaitingMe?: boolean;
  mine?: boolean;
  uid?: string;
  documentId?: string;
  operation?: Operation;
  /** Title search: case-insensitive, contains. */
  q?: string;
}

/** Who is looking: the actor, and whether their role lets them see every request. */
export interface Viewer {
  actor: ActingUser;
  canReadAll: boolean;
}
