import { MANAGED_KINDS } from '../../../shared/constants';
import { enumeration, hiddenCollection } from './define';

/**
 * A collection or a single entry whose changes need approval. `key` is unique per object, so an
 * object is marked at most once. `inheritedFrom` names the managed parent of a child that became
 * managed when its creation was approved.
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_managed_objects',
  singularName: 'managed-object',
  pluralName: 'managed-objects',
  displayName: 'Approval-managed object',
  attributes: {
    key: { type: 'string', required: true },
    kind: enumeration(MANAGED_KINDS, { required: true }),
    uid: { type: 'string', required: true },
    entryDocumentId: { type: 'string' },
    operations: { type: 'json' },
    templateId: { type: 'string' },
    childRelations: { type: 'json' },
    inheritedFrom: { type: 'string' },
    markedBy: { type: 'string' },
  },
  indexes: [{ name: 'approval_workflow_managed_objects_key_uq', columns: ['key'], type: 'unique' }],
});
