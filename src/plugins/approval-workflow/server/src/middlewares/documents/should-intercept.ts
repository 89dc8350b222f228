import { MAX_DB_ID } from '../../constants';
import { OPERATIONS, type Operation } from '../../domain';
import type { WriteOrigin } from '../../utils/actor';

/** The document actions the plugin can hold back (every write of the Document Service). */
export const isGuardableAction = (action: string): action is Operation => (OPERATIONS as readonly string[]).includes(action);

export interface InterceptFacts {
  operation: Operation;
  /** Who writes: server code outside HTTP, nobody (public), or an authenticated actor. */
  origin: WriteOrigin<{ isApprovalAdmin: boolean }>;
  /** The target entry is managed and guards these operations. */
  entryOperations: readonly Operation[] | null;
  /** The target's collection is managed and guards these operations. */
  collectionOperations: readonly Operation[] | null;
  /** A create whose parent relation points to a managed entry (seed 004: new children). */
  underManagedParent: boolean;
}

export type InterceptDecision =
  | { intercept: false; because: 'server' | 'approval-admin' | 'not-managed' }
  | { intercept: true; because: 'entry' | 'collection' | 'parent' };

/**
 * Does this write wait for approval? Every write that arrives over HTTP is held back, whoever sent
 * it — a person, a token, or nobody (public) — except the approval admins' own writes, which apply
 * directly (DESIGN rule 8, bypass roles); only server code outside any HTTP request is trusted.
 * A write is held when the managed entry or its managed collection guards the operation, or when
 * it creates a child under a managed entry. Entry and collection guards add up: either is enough.
 */
export const shouldIntercept = (facts: InterceptFacts): InterceptDecision => {
  const { origin } = facts;
  if (origin.kind === 'server') return { intercept: false, because: 'server' };
  if (origin.kind === 'authenticated' && origin.actor.isApprovalAdmin) return { intercept: false, because: 'approval-admin' };
  if (facts.entryOperations?.includes(facts.operation)) return { intercept: true, because: 'entry' };
  if (facts.collectionOperations?.includes(facts.operation)) return { intercept: true, because: 'collection' };
  if (facts.operation === 'create' && facts.underManagedParent) return { intercept: true, because: 'parent' };
  return { intercept: false, because: 'not-managed' };
};

export type RelationRef = { documentId: string } | { id: number };

/**
 * The documents a relation value in Document Service data points to, in every form Strapi
 * accepts: a document id, a numeric id, `{ documentId }`, `{ id }`, arrays of those, and
 * `{ connect | set: [...] }`. `disconnect`, null and ids no id column holds point nowhere.
 */
export const relationRefs = (value: unknown): RelationRef[] => {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value ? [{ documentId: value }] : [];
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= MAX_DB_ID ? [{ id: value }] : [];
  if (Array.isArray(value)) return value.flatMap(relationRefs);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('connect' in record || 'set' in record) return [...relationRefs(record.set), ...relationRefs(record.connect)];
    if (typeof record.documentId === 'string') return [{ documentId: record.documentId }];
    if (typeof record.id === 'number' || typeof record.id === 'string') return relationRefs(typeof record.id === 'string' ? Number(record.id) || record.id : record.id);
  }
  return [];
};
