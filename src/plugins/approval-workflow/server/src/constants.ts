/** Content-type UIDs of the plugin's tables. */
export const UID = {
  template: 'plugin::approval-workflow.template',
  templateVersion: 'plugin::approval-workflow.template-version',
  group: 'plugin::approval-workflow.group',
  managedObject: 'plugin::approval-workflow.managed-object',
  request: 'plugin::approval-workflow.request',
  decision: 'plugin::approval-workflow.decision',
  auditEvent: 'plugin::approval-workflow.audit-event',
  auditHead: 'plugin::approval-workflow.audit-head',
} as const;
export type PluginUid = (typeof UID)[keyof typeof UID];
