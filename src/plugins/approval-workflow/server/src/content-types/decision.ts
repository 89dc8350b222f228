import { DECISION_KINDS } from '../domain/types';
import { enumeration, hiddenCollection } from './define';

/** Every decision on a request, append-only (the engine state holds the same list for its rules). */
export default hiddenCollection({
  collectionName: 'approval_workflow_decisions',
  singularName: 'decision',
  pluralName: 'decisions',
  displayName: 'Approval decision',
  attributes: {
    requestId: { type: 'string', required: true },
    kind: enumeration(DECISION_KINDS, { required: true }),
    by: { type: 'string', required: true },
    at: { type: 'datetime', required: true },
    comment: { type: 'text' },
    obligations: { type: 'json' },
    /** The request's revision the decision was given on (`state.revisions` then; absent on rows written before revise = 0). */
    revision: { type: 'integer' },
  },
  indexes: [{ name: 'approval_workflow_decisions_request_idx', columns: ['request_id'] }],
});
