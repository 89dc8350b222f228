import { AUDIT_ACTIONS } from './vocabulary';

/** What the services record around the engine: the applied change, edits of rules, groups, managed objects and settings, and external approvers' links sent and revoked. */
export const SERVICE_AUDIT_ACTIONS = [
  'applied',
  'rule-created',
  'rule-edited',
  'rule-deleted',
  'managed-marked',
  'managed-updated',
  'managed-unmarked',
  'group-created',
  'group-edited',
  'group-deleted',
  'settings-updated',
  'link-sent',
  'link-revoked',
] as const;

/** Every action the audit trail holds (the `action` filter of GET /audit takes one of them). */
export const RECORDED_AUDIT_ACTIONS = [...AUDIT_ACTIONS, ...SERVICE_AUDIT_ACTIONS] as const;
export type RecordedAuditAction = (typeof RECORDED_AUDIT_ACTIONS)[number];
