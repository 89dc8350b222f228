import { hiddenCollection } from './define';

/** A plugin-defined approver group: a named list of principals (admin users or content-API users). */
export default hiddenCollection({
  collectionName: 'approval_workflow_groups',
  singularName: 'group',
  pluralName: 'groups',
  displayName: 'Approval group',
  attributes: {
    name: { type: 'string', required: true },
    description: { type: 'text' },
    members: { type: 'json' },
  },
});
