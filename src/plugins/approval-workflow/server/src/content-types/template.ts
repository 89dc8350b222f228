import { REJECTION_POLICIES, SECURITY_LEVELS } from '../domain/types';
import { enumeration, hiddenCollection } from './define';

/** An approval template (rule) as it is now; every edit bumps `version` and appends a template-version. */
export default hiddenCollection({
  collectionName: 'approval_workflow_templates',
  singularName: 'template',
  pluralName: 'templates',
  displayName: 'Approval template',
  attributes: {
    name: { type: 'string', required: true },
    description: { type: 'text' },
    version: { type: 'integer', required: true, default: 1 },
    securityLevel: enumeration(SECURITY_LEVELS, { required: true, default: 'simple' }),
    urgentAllowed: { type: 'boolean', default: false },
    rejectionPolicy: enumeration(REJECTION_POLICIES, { required: true, default: 'decline' }),
    ownerRules: { type: 'json' },
    stages: { type: 'json' },
    editedBy: { type: 'string' },
  },
});
