import { hiddenCollection } from './define';

/**
 * The audit trail: append-only, each event chained to the previous one by `hash` =
 * sha256(prevHash + canonical event), so an edited or deleted row breaks the chain. An event is
 * written with its transaction and gets its place in the chain (`seq`, `prevHash`, `hash`) right
 * after the commit (services/audit.ts): until then those are null.
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_audit_events',
  singularName: 'audit-event',
  pluralName: 'audit-events',
  displayName: 'Approval audit event',
  attributes: {
    seq: { type: 'integer' },
    action: { type: 'string', required: true },
    actor: { type: 'string', required: true },
    requestId: { type: 'string' },
    subject: { type: 'string' },
    // ISO string, hashed exactly as written (a datetime column would round it on some databases).
    at: { type: 'string', required: true },
    details: { type: 'json' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
  indexes: [
    { name: 'approval_workflow_audit_events_seq_uq', columns: ['seq'], type: 'unique' },
    { name: 'approval_workflow_audit_events_request_idx', columns: ['request_id'] },
  ],
});
