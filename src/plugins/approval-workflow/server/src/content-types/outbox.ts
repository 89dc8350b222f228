import { OUTBOX_MESSAGE_STATUSES } from '../../../shared/contracts/outbox';
import { enumeration, hiddenCollection } from './define';

/** The statuses of a message: see the shared contract (`shared/contracts/outbox.ts`). */
export const OUTBOX_STATUSES = OUTBOX_MESSAGE_STATUSES;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Messages the engine asked for (`notify` effects), stored in the transaction of the event that
 * produced them: a rolled-back decision leaves none, a committed one cannot lose them. A sender
 * claims `pending` rows whose `availableAt` has come (moving it on by a lease while it sends), and
 * records `attempts`, `lastError`, what it sent (`subject`, `sentTo`) and when (`sentAt`).
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
    subject: { type: 'text' },
    sentTo: { type: 'json' },
    sentAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'approval_workflow_outbox_due_idx', columns: ['status', 'available_at'] },
    { name: 'approval_workflow_outbox_request_idx', columns: ['request_id'] },
  ],
});
