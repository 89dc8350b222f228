import { ACTIONS, type ActionId } from '../../../shared/constants';
import { adminRoute, adminRouteAny, contentApiRoute, publicRoute } from './route';

/** Who may read names in the directory: whoever reads or manages what the pickers fill. */
export const DIRECTORY_ACTIONS: ActionId[] = [ACTIONS.readTemplates, ACTIONS.readGroups, ACTIONS.readSettings, ACTIONS.readManaged];

export default {
  admin: {
    type: 'admin',
    routes: [
      adminRoute('GET', '/requests', 'requests.find', ACTIONS.readRequests),
      adminRoute('GET', '/requests/:id', 'requests.findOne', ACTIONS.readRequests),
      adminRoute('POST', '/requests/:id/approve', 'requests.approve', ACTIONS.decide),
      adminRoute('POST', '/requests/:id/reject', 'requests.reject', ACTIONS.decide),
      adminRoute('POST', '/requests/:id/delegate', 'requests.delegate', ACTIONS.decide),
      adminRoute('POST', '/requests/:id/cancel', 'requests.cancel', ACTIONS.readRequests),
      // Whoever delegates may revoke the links they sent; approval admins any (the service's rule).
      adminRoute('POST', '/requests/:id/external-links/revoke', 'requests.revokeLinks', ACTIONS.decide),

      // The content manager asks these for every editor: the permission editors hold to follow their requests.
      adminRoute('GET', '/entries/status', 'entries.status', ACTIONS.readRequests),
      adminRoute('GET', '/entries/pending', 'entries.pending', ACTIONS.readRequests),

      adminRoute('GET', '/managed-objects', 'managed-objects.find', ACTIONS.readManaged),
      // Before `/:id`, which would take `child-relations` for an id.
      adminRoute('GET', '/managed-objects/child-relations', 'managed-objects.childRelations', ACTIONS.readManaged),
      adminRoute('GET', '/managed-objects/:id', 'managed-objects.findOne', ACTIONS.readManaged),
      adminRoute('POST', '/managed-objects', 'managed-objects.create', ACTIONS.manageManaged),
      adminRoute('PUT', '/managed-objects/:id', 'managed-objects.update', ACTIONS.manageManaged),
      adminRoute('DELETE', '/managed-objects/:id', 'managed-objects.delete', ACTIONS.manageManaged),

      adminRoute('GET', '/templates', 'templates.find', ACTIONS.readTemplates),
      adminRoute('GET', '/templates/:id', 'templates.findOne', ACTIONS.readTemplates),
      adminRoute('POST', '/templates', 'templates.create', ACTIONS.manageTemplates),
      adminRoute('PUT', '/templates/:id', 'templates.update', ACTIONS.manageTemplates),
      adminRoute('DELETE', '/templates/:id', 'templates.delete', ACTIONS.manageTemplates),
      adminRoute('PUT', '/templates/:id/default', 'templates.setDefault', ACTIONS.manageTemplates),

      adminRoute('GET', '/groups', 'groups.find', ACTIONS.readGroups),
      adminRoute('GET', '/groups/:id', 'groups.findOne', ACTIONS.readGroups),
      adminRoute('POST', '/groups', 'groups.create', ACTIONS.manageGroups),
      adminRoute('PUT', '/groups/:id', 'groups.update', ACTIONS.manageGroups),
      adminRoute('DELETE', '/groups/:id', 'groups.delete', ACTIONS.manageGroups),

      adminRoute('GET', '/settings', 'settings.get', ACTIONS.readSettings),
      adminRoute('PUT', '/settings', 'settings.update', ACTIONS.updateSettings),
      // The mails and their delivery errors: part of what the settings' readers look after.
      adminRoute('GET', '/outbox', 'outbox.find', ACTIONS.readSettings),

      adminRouteAny('GET', '/directory', 'directory.search', DIRECTORY_ACTIONS),

      adminRoute('GET', '/audit', 'audit.find', ACTIONS.readAudit),
      adminRoute('GET', '/audit/verify', 'audit.verify', ACTIONS.readAudit),
      adminRoute('GET', '/audit/export', 'audit.export', ACTIONS.readAudit),
    ],
  },
  // Granted per users-permissions role (Settings → Users & Permissions) or API token.
  'content-api': {
    type: 'content-api',
    routes: [
      contentApiRoute('GET', '/requests', 'requests.find'),
      contentApiRoute('GET', '/requests/:id', 'requests.findOne'),
      contentApiRoute('POST', '/requests/:id/approve', 'requests.approve'),
      contentApiRoute('POST', '/requests/:id/reject', 'requests.reject'),
      contentApiRoute('POST', '/requests/:id/cancel', 'requests.cancel'),
      contentApiRoute('POST', '/requests/:id/delegate', 'requests.delegate'),
      contentApiRoute('POST', '/requests/:id/external-links/revoke', 'requests.revokeLinks'),
      // An external approver's link: public, the token is the credential.
      publicRoute('GET', '/external/:token', 'external.show'),
      publicRoute('POST', '/external/:token/approve', 'external.approve'),
      publicRoute('POST', '/external/:token/reject', 'external.reject'),
    ],
  },
};
