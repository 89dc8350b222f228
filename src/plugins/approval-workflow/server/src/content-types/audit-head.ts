import { hiddenCollection } from './define';

/** One row: the end of the audit chain. Chainers lock it for the few statements that move it, so the chain never forks. */
export default hiddenCollection({
  collectionName: 'approval_workflow_audit_heads',
  singularName: 'audit-head',
  pluralName: 'audit-heads',
  displayName: 'Approval audit chain head',
  attributes: {
    seq: { type: 'integer', required: true, default: 0 },
    hash: { type: 'string' },
  },
});
