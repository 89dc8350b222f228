import { PARTY_ROLES } from '../domain';
import { enumeration, hiddenCollection } from './define';

/**
 * Who plays which part in a request (domain `partiesOf`): one row per request, principal and
 * role, written with the request's state in the same transaction. "Awaiting me", "my requests" and
 * "who may read" are answered here, on the (principal, role, request) index, instead of scanning
 * the requests. `request` is the request's row id.
 */
export default hiddenCollection({
  collectionName: 'approval_workflow_request_parties',
  singularName: 'request-party',
  pluralName: 'request-parties',
  displayName: 'Approval request party',
  attributes: {
    request: { type: 'integer', required: true },
    principal: { type: 'string', required: true },
    role: enumeration(PARTY_ROLES, { required: true }),
  },
  indexes: [
    { name: 'approval_workflow_request_parties_uq', columns: ['request', 'principal', 'role'], type: 'unique' },
    { name: 'approval_workflow_request_parties_lookup_idx', columns: ['principal', 'role', 'request'] },
  ],
});
