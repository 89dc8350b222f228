import { enumeration, hiddenCollection } from './define';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * Messages the engine asked for (`notify` effects), stored in the transaction of the event that
 * produced them: a rolled-back decision leaves none, a committed one cannot lose them. A sender
 * picks `pending` rows whose `availableAt` has come, and records `attempts` and `lastError`.
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_outbox',
  singularName: 'outbox-message',
  pluralName: 'outbox-messages',
  displayName: 'Approval outbox message',
  attributes: {
    kind: { type: 'string', required: true },
    requestId: { type: 'string' },
    recipients: { type: 'json' },
    payload: { type: 'json' },
    status: enumeration(OUTBOX_STATUSES, { required: true, default: 'pending' }),
    attempts: { type: 'integer', default: 0 },
    availableAt: { type: 'datetime' },
    lastError: { type: 'text' },
  },
  indexes: [
    { name: 'approval_workflow_outbox_due_idx', columns: ['status', 'available_at'] },
    { name: 'approval_workflow_outbox_request_idx', columns: ['request_id'] },
  ],
});
