import type { RecordedAuditAction } from '../../../../../shared/audit-actions';
import type { T } from '../../../utils/use-t';

/** An audit action in words, as the filter and the table show it. */
export const actionLabel = (t: T, action: RecordedAuditAction | string): string => {
  switch (action) {
    case 'requested':
      return t('audit.action.requested', 'Change requested');
    case 'approved':
      return t('audit.action.approved', 'Approved');
    case 'rejected':
      return t('audit.action.rejected', 'Rejected');
    case 'auto-approved':
      return t('audit.action.auto-approved', 'Approved automatically (time ran out)');
    case 'stage-fulfilled':
      return t('audit.action.stage-fulfilled', 'Stage fulfilled');
    case 'stage-expired':
      return t('audit.action.stage-expired', 'Stage ran out of time');
    case 'delegated':
      return t('audit.action.delegated', 'Delegated');
    case 'cancelled':
      return t('audit.action.cancelled', 'Request cancelled');
    case 'declined':
      return t('audit.action.declined', 'Request declined');
    case 'expired':
      return t('audit.action.expired', 'Request expired');
    case 'apply':
      return t('audit.action.apply', 'Applying the change');
    case 'applied':
      return t('audit.action.applied', 'Change applied');
    case 'failed':
      return t('audit.action.failed', 'Applying failed');
    case 'reminded':
      return t('audit.action.reminded', 'Approvers reminded');
    case 'escalated':
      return t('audit.action.escalated', 'Escalated to the approval admins');
    case 'fell-to-admins':
      return t('audit.action.fell-to-admins', 'Handed to the approval admins');
    case 'revised':
      return t('audit.action.revised', 'Proposal revised');
    case 'rule-created':
      return t('audit.action.rule-created', 'Template created');
    case 'rule-edited':
      return t('audit.action.rule-edited', 'Template edited');
    case 'rule-deleted':
      return t('audit.action.rule-deleted', 'Template deleted');
    case 'managed-marked':
      return t('audit.action.managed-marked', 'Marked managed');
    case 'managed-updated':
      return t('audit.action.managed-updated', 'Managed object changed');
    case 'managed-unmarked':
      return t('audit.action.managed-unmarked', 'No longer managed');
    case 'group-created':
      return t('audit.action.group-created', 'Group created');
    case 'group-edited':
      return t('audit.action.group-edited', 'Group edited');
    case 'group-deleted':
      return t('audit.action.group-deleted', 'Group deleted');
    case 'settings-updated':
      return t('audit.action.settings-updated', 'Settings changed');
    case 'link-sent':
      return t('audit.action.link-sent', 'External approval link sent');
    case 'link-revoked':
      return t('audit.action.link-revoked', 'External approval link revoked');
    default:
      return action;
  }
};

/** The details of an event in one line: `key: value` pairs, values as compact JSON. */
export const detailsSummary = (details: Record<string, unknown>): string =>
  Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
