/**
 * The approval vocabulary both sides speak: the values the engine works with and the API shows.
 * Pure data and types — no import from the server or the admin (shared/ is the leaf both use);
 * the engine (`server/src/domain/types.ts`) builds its states on these.
 *
 * A principal is an opaque string naming one actor:
 *   `admin:<id>`  an admin-panel user
 *   `user:<id>`   a users-permissions (content-API) user
 *   `token:<id>`  an API token
 *   `email:<address>` an external approver reached by email (delegation only)
 *   `public`      nobody: an HTTP write that no one authenticated (the users-permissions Public role)
 * The engine never parses it; it only compares principals for equality.
 */
export type Principal = string;

export const OPERATIONS = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const REQUEST_STATUSES = ['pending', 'approved', 'declined', 'cancelled', 'failed', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const SECURITY_LEVELS = ['simple', 'password'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/** What a stage's expiry does when its time span runs out (seed 003). */
export const EXPIRY_ACTIONS = ['approve', 'deny'] as const;
export type ExpiryAction = (typeof EXPIRY_ACTIONS)[number];

/** What a rejection does: decline the request at once, or only when the stage can no longer be fulfilled. */
export const REJECTION_POLICIES = ['decline', 'when-unfulfillable'] as const;
export type RejectionPolicy = (typeof REJECTION_POLICIES)[number];

/** Kinds of group an obligation can name: an admin role, or a group defined in the plugin. */
export const GROUP_KINDS = ['role', 'group'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** One obligation of a stage as the template writes it. */
export type ObligationRule =
  | { kind: 'user'; principal: Principal }
  | {
      kind: GroupKind;
      /** The role's or plugin group's id, as a string. */
      id: string;
      /** At least this many members of the group must approve (seed 002); reduced to the member count. */
      minApprovals?: number;
    };

export interface StageRule {
  name: string;
  /** Fulfillment criteria N: N approvals close the stage; 0 means every obligation (seed 003). */
  criteria: number;
  obligations: ObligationRule[];
  /** Approval time span in minutes from the moment the stage starts; null = no limit. */
  timeSpanMinutes: number | null;
  /** What happens at the deadline when the stage is not fulfilled. */
  onExpiry: ExpiryAction;
}

export interface OwnerRules {
  /** The owner of the target must approve (an implicit first obligation, seed 002). */
  ownerApproval: boolean;
  /** The owner's approval counts only as owner approval, never for a group the owner belongs to. */
  separateOwnerApproval: boolean;
  /** Each approval counts for one group only: the first group of the approver not yet satisfied. */
  separateGroupApproval: boolean;
  /** Stages run one after another (owner first). Off: every stage starts with the request. */
  enforceApprovalOrder: boolean;
  /** The owner approves first; afterwards the stages may be fulfilled in any order. */
  enforceInitialOwnerApproval: boolean;
}

/** Where an obligation came from. `owner`: the owner approval; `admins`: the stage fell to the approval admins. */
export type ObligationSource =
  | { kind: 'user' }
  | { kind: GroupKind; id: string }
  | { kind: 'owner' }
  | { kind: 'admins' };

export const OBLIGATION_STATUSES = ['open', 'approved', 'auto-approved', 'rejected'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** `closed`: the request closed (declined, cancelled, expired, failed) while the stage was active or waiting. */
export const STAGE_STATUSES = ['waiting', 'active', 'fulfilled', 'expired', 'closed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** `owner` is the implicit owner-approval stage; `rule` a stage of the template; `admins` the four-eyes fallback. */
export type StageKind = 'owner' | 'rule' | 'admins';

export interface GroupRequirement {
  /** `role:<id>` or `group:<id>`. */
  key: string;
  /** Effective minimum (already reduced to the members left after the requester was removed). */
  min: number;
}

export const DECISION_KINDS = ['approve', 'reject', 'auto-approve', 'override-approve', 'override-reject'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What the engine records: every change of a request's state has one (its `audit` effects). */
export const AUDIT_ACTIONS = [
  'requested',
  'approved',
  'rejected',
  'auto-approved',
  'stage-fulfilled',
  'stage-expired',
  'delegated',
  'cancelled',
  'declined',
  'expired',
  'apply',
  'failed',
  'reminded',
  'escalated',
  /** Added by the engine: a stage (or the four-eyes final stage) was handed to the approval admins. */
  'fell-to-admins',
  /** The requester revised the proposal: approvals reset, the stage order restarted. */
  'revised',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Why a notification (a mail) is sent: each is an engine `notify` effect and a switch in the settings. */
export const NOTIFY_REASONS = [
  'request-opened',
  'stage-started',
  'delegated',
  'decided',
  'reminder',
  'escalation',
  'urgent-applied',
] as const;
export type NotifyReason = (typeof NOTIFY_REASONS)[number];
