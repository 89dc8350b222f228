/** Constants shared by the plugin's server and admin sides. */
export const PLUGIN_ID = 'approval-workflow';

export const MANAGED_KINDS = ['collection', 'entry'] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

/**
 * The plugin's RBAC actions (Settings → Roles → Plugins → Approval workflow). Row-level rules
 * (is this user an approver of this request?) are checked by the services on top of these.
 */
export const ACTIONS = {
  readRequests: 'plugin::approval-workflow.requests.read',
  readAllRequests: 'plugin::approval-workflow.requests.read-all',
  decide: 'plugin::approval-workflow.requests.decide',
  readManaged: 'plugin::approval-workflow.managed-objects.read',
  manageManaged: 'plugin::approval-workflow.managed-objects.manage',
  readTemplates: 'plugin::approval-workflow.templates.read',
  manageTemplates: 'plugin::approval-workflow.templates.manage',
  readGroups: 'plugin::approval-workflow.groups.read',
  manageGroups: 'plugin::approval-workflow.groups.manage',
  readSettings: 'plugin::approval-workflow.settings.read',
  updateSettings: 'plugin::approval-workflow.settings.update',
  readAudit: 'plugin::approval-workflow.audit.read',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/**
 * The headers a requester adds to an intercepted write (REST, GraphQL, the content manager):
 * a comment, the urgent flag, and the id of their own open request to revise instead of a 409.
 */
export const APPROVAL_HEADERS = {
  comment: 'X-Approval-Comment',
  urgent: 'X-Approval-Urgent',
  revise: 'X-Approval-Revise',
} as const;

/**
 * The webhook events of a request (Strapi's webhooks: `POST /admin/webhooks` with these events),
 * each sent after the commit of the transaction where it happened.
 */
export const WEBHOOK_EVENTS = {
  APPROVAL_REQUEST_CREATED: 'approval-request.created',
  APPROVAL_REQUEST_APPROVED: 'approval-request.approved',
  APPROVAL_REQUEST_DECLINED: 'approval-request.declined',
  APPROVAL_REQUEST_CANCELLED: 'approval-request.cancelled',
  APPROVAL_REQUEST_FAILED: 'approval-request.failed',
  APPROVAL_REQUEST_EXPIRED: 'approval-request.expired',
  APPROVAL_REQUEST_APPLIED: 'approval-request.applied',
  APPROVAL_REQUEST_DELEGATED: 'approval-request.delegated',
} as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/** The longest an external approver's link may last: 30 days (`expiresInMinutes`, `externalLinkMinutes`). */
export const MAX_LINK_MINUTES = 30 * 24 * 60;
