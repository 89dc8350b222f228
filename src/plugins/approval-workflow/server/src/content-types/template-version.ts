import { hiddenCollection } from './define';

/** Append-only history of templates: the rule exactly as it was at each version. */
export default hiddenCollection({
  collectionName: 'approval_workflow_template_versions',
  singularName: 'template-version',
  pluralName: 'template-versions',
  displayName: 'Approval template version',
  attributes: {
    templateId: { type: 'string', required: true },
    version: { type: 'integer', required: true },
    rule: { type: 'json' },
    editedBy: { type: 'string' },
  },
  indexes: [{ name: 'approval_workflow_template_versions_uq', columns: ['template_id', 'version'], type: 'unique' }],
});
