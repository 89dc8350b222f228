import type { ManagedKind } from './constants';
import type { Operation } from './vocabulary';

/** Operations that make sense on one existing entry (create and clone make new documents). */
export const ENTRY_OPERATIONS: readonly Operation[] = ['update', 'delete', 'publish', 'unpublish', 'discardDraft'];
/** Operations that exist only with draft & publish. */
export const DRAFT_OPERATIONS: readonly Operation[] = ['publish', 'unpublish', 'discardDraft'];
/** Every operation a whole collection can guard, in the order the admin lists them. */
const COLLECTION_OPERATIONS: readonly Operation[] = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * The operations a managed object of this kind may guard on a content type with or without draft &
 * publish: what the server accepts, and what the admin offers (also the default when none is named).
 */
export const operationsFor = (kind: ManagedKind, draftAndPublish: boolean): Operation[] =>
  (kind === 'entry' ? ENTRY_OPERATIONS : COLLECTION_OPERATIONS).filter((op) => draftAndPublish || !DRAFT_OPERATIONS.includes(op));
