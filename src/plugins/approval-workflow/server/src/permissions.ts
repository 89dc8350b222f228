import { ACTIONS, PLUGIN_ID } from '../../shared/constants';

const action = (id: string, displayName: string, subCategory: string) => ({
  section: 'plugins',
  pluginName: PLUGIN_ID,
  uid: id.replace(`plugin::${PLUGIN_ID}.`, ''),
  displayName,
  subCategory,
});

/** The RBAC actions a role can be granted in Settings → Roles → Plugins → Approval workflow. */
export const ADMIN_ACTIONS = [
  action(ACTIONS.readRequests, 'Read own and awaiting requests', 'requests'),
  action(ACTIONS.readAllRequests, 'Read all requests', 'requests'),
  action(ACTIONS.decide, 'Decide, cancel and delegate requests', 'requests'),
  action(ACTIONS.readManaged, 'Read managed objects', 'managed objects'),
  action(ACTIONS.manageManaged, 'Mark, change and unmark managed objects', 'managed objects'),
  action(ACTIONS.readTemplates, 'Read templates', 'templates'),
  action(ACTIONS.manageTemplates, 'Create, edit and delete templates', 'templates'),
  action(ACTIONS.readGroups, 'Read approver groups', 'groups'),
  action(ACTIONS.manageGroups, 'Create, edit and delete approver groups', 'groups'),
  action(ACTIONS.readSettings, 'Read settings', 'settings'),
  action(ACTIONS.updateSettings, 'Edit settings', 'settings'),
  action(ACTIONS.readAudit, 'Read and verify the audit trail', 'audit'),
];
