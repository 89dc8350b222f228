import { PLUGIN_ID } from '../../shared/constants';

/** Content-type UIDs of the plugin's tables. */
export const UID = {
  template: 'plugin::approval-workflow.template',
  templateVersion: 'plugin::approval-workflow.template-version',
  group: 'plugin::approval-workflow.group',
  managedObject: 'plugin::approval-workflow.managed-object',
  request: 'plugin::approval-workflow.request',
  requestParty: 'plugin::approval-workflow.request-party',
  outbox: 'plugin::approval-workflow.outbox-message',
  decision: 'plugin::approval-workflow.decision',
  auditEvent: 'plugin::approval-workflow.audit-event',
  auditHead: 'plugin::approval-workflow.audit-head',
  externalLink: 'plugin::approval-workflow.external-link',
} as const;
export type PluginUid = (typeof UID)[keyof typeof UID];

/** The largest value of the databases' integer id columns (PostgreSQL `integer`, MySQL `int`): 2^31 − 1. */
export const MAX_DB_ID = 2_147_483_647;

/** The code of Strapi's Super Admin role: every admin permission, the plugin's included. */
export const SUPER_ADMIN_ROLE_CODE = 'strapi-super-admin';

/** The content-API action (users-permissions role or API token) that lets a caller approve requests. */
export const CONTENT_API_APPROVE_ACTION = `plugin::${PLUGIN_ID}.requests.approve`;
