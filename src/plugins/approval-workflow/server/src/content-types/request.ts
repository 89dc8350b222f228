import { OPERATIONS, REQUEST_STATUSES } from '../domain/types';
import { enumeration, hiddenCollection } from './define';

/**
 * An approval request. `state` is the engine's state (stages, obligations, decisions);
 * the other columns are what lists filter and sort on (who takes part is in the parties table).
 * `openKey` is set only while the request is pending and is unique: the database itself refuses a second open request for the same
 * object and operation, also when two arrive at the same moment.
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_requests',
  singularName: 'request',
  pluralName: 'requests',
  displayName: 'Approval request',
  attributes: {
    status: enumeration(REQUEST_STATUSES, { required: true, default: 'pending' }),
    operation: enumeration(OPERATIONS, { required: true }),
    uid: { type: 'string', required: true },
    targetDocumentId: { type: 'string' },
    locale: { type: 'string' },
    // The entry's title when the request was opened (its content type's main field), for lists and their search.
    title: { type: 'string' },
    params: { type: 'json' },
    base: { type: 'json' },
    baseHash: { type: 'string' },
    context: { type: 'json' },
    requester: { type: 'string', required: true },
    owner: { type: 'string' },
    comment: { type: 'text' },
    urgent: { type: 'boolean', default: false },
    templateId: { type: 'string' },
    templateVersion: { type: 'integer' },
    state: { type: 'json' },
    openKey: { type: 'string' },
    nextDueAt: { type: 'datetime' },
    reason: { type: 'text' },
    result: { type: 'json' },
    closedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'approval_workflow_requests_open_key_uq', columns: ['open_key'], type: 'unique' },
    { name: 'approval_workflow_requests_due_idx', columns: ['status', 'next_due_at'] },
    // Lists by status, newest first (by id), and their count: read off this index alone.
    { name: 'approval_workflow_requests_status_idx', columns: ['status', 'id'] },
  ],
});
