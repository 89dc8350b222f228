import { hiddenCollection } from './define';

/**
 * The links that let an external approver (an `email:` delegate, who has no account) decide one
 * obligation of one request. Only the SHA-256 of a link's token is kept (`tokenHash`): the token
 * itself travels in the invitation mail and nowhere else. A link is usable while `usedAt` and
 * `revokedAt` are empty and `expiresAt` has not come; `delegatedBy` is who handed the obligation on
 * (they, and approval admins, may revoke it).
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_external_links',
  singularName: 'external-link',
  pluralName: 'external-links',
  displayName: 'Approval external link',
  attributes: {
    tokenHash: { type: 'string', required: true },
    requestId: { type: 'string', required: true },
    obligationId: { type: 'string', required: true },
    principal: { type: 'string', required: true },
    delegatedBy: { type: 'string', required: true },
    expiresAt: { type: 'datetime', required: true },
    usedAt: { type: 'datetime' },
    revokedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'approval_workflow_external_links_token_uq', columns: ['token_hash'], type: 'unique' },
    { name: 'approval_workflow_external_links_obligation_idx', columns: ['request_id', 'obligation_id'] },
  ],
});
