/**
 * The approval engine's vocabulary. Pure data: no Strapi, no database, no clock.
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

/** The approval rule (template) as a request freezes it when it starts. */
export interface Rule {
  id: string;
  version: number;
  name: string;
  securityLevel: SecurityLevel;
  urgentAllowed: boolean;
  rejectionPolicy: RejectionPolicy;
  ownerRules: OwnerRules;
  stages: StageRule[];
}

/** Group membership at the moment a request starts: key `role:<id>` or `group:<id>` → members. */
export interface Directory {
  groups: Record<string, Principal[]>;
}

/** Where an obligation came from. `owner`: the owner approval; `admins`: the stage fell to the approval admins. */
export type ObligationSource =
  | { kind: 'user' }
  | { kind: GroupKind; id: string }
  | { kind: 'owner' }
  | { kind: 'admins' };

export const OBLIGATION_STATUSES = ['open', 'approved', 'auto-approved', 'rejected'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface ObligationState {
  /** Stable id within the request, e.g. `s1.o2`. */
  id: string;
  /**
   * Who holds it. For `admins` obligations this is the marker `approval-admins`: any approval
   * admin other than the requester may fulfill it.
   */
  holder: Principal;
  /** Every step this holder stands for in this stage (a user named in a step and in a group has both). */
  sources: ObligationSource[];
  status: ObligationStatus;
  /** The groups this holder's approval was counted for (seed 002's separate group approval). */
  countedFor: string[];
  /** The original holder, when the obligation was delegated. A delegated obligation cannot be delegated again. */
  delegatedFrom: Principal | null;
  /**
   * Added by the engine: the id of the owner-approval obligation this one is linked to (seed 002: a
   * user step naming the owner is fulfilled by the owner approval and cannot be decided on its own).
   * Null or absent when not linked.
   */
  linkedTo?: string | null;
  decidedBy: Principal | null;
  decidedAt: string | null;
  comment: string | null;
}

export const STAGE_STATUSES = ['waiting', 'active', 'fulfilled', 'expired'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export interface GroupRequirement {
  /** `role:<id>` or `group:<id>`. */
  key: string;
  /** Effective minimum (already reduced to the members left after the requester was removed). */
  min: number;
}

export interface StageState {
  index: number;
  name: string;
  /** `owner` is the implicit owner-approval stage; `rule` a stage of the template; `admins` the four-eyes fallback. */
  kind: 'owner' | 'rule' | 'admins';
  status: StageStatus;
  /** Effective criteria: how many approved obligations close the stage (already reduced). */
  required: number;
  groups: GroupRequirement[];
  obligations: ObligationState[];
  startedAt: string | null;
  deadline: string | null;
  timeSpanMinutes: number | null;
  onExpiry: ExpiryAction;
  closedAt: string | null;
  /** For urgent requests, expiry escalates instead of denying; this records when. */
  escalatedAt: string | null;
}

export const DECISION_KINDS = ['approve', 'reject', 'auto-approve', 'override-approve', 'override-reject'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface Decision {
  kind: DecisionKind;
  /** `system` for automatic approvals. */
  by: Principal;
  at: string;
  comment: string | null;
  /** Obligation ids this decision fulfilled or rejected. */
  obligations: string[];
}

export interface RequestState {
  id: string;
  status: RequestStatus;
  requester: Principal;
  owner: Principal | null;
  urgent: boolean;
  /** True once the effect `apply-change` has been emitted (at start for urgent requests). */
  applied: boolean;
  rule: Rule;
  stages: StageState[];
  decisions: Decision[];
  createdAt: string;
  closedAt: string | null;
  /** Why the request closed as it did (declined, expired, failed, cancelled). */
  reason: string | null;
  remindersSent: number;
  escalatedAt: string | null;
}

export interface Actor {
  principal: Principal;
  /** Member of a bypass role: may decide any request (DESIGN: approval admins). */
  isApprovalAdmin: boolean;
}

/** Installation-wide timing read at each tick (seed 000). */
export interface TimePolicy {
  /** Remind the holders of open obligations after this long pending, once per interval. */
  reminderIntervalMinutes: number;
  /** Escalate to the approval admins once after this long pending; null = never. */
  escalationAfterMinutes: number | null;
}

export type RequestEvent =
  | { type: 'approve'; actor: Actor; comment?: string | null }
  | { type: 'reject'; actor: Actor; comment?: string | null }
  | { type: 'cancel'; actor: Actor; comment?: string | null }
  | { type: 'delegate'; actor: Actor; to: Principal; comment?: string | null; obligationId?: string }
  | { type: 'tick'; policy: TimePolicy }
  | { type: 'apply-failed'; reason: string };

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

/** The marker for "every approval admin" in notify effects and `admins` obligations. */
export const APPROVAL_ADMINS = 'approval-admins' as const;

/**
 * The requester of a write that nobody authenticated (DESIGN rule 8). It names no one: nobody can act
 * as it later, so such a request is cancelled by an approval admin, and it is never a delegate.
 */
export const PUBLIC_PRINCIPAL = 'public' as const;

/** Added by the engine: the actor of automatic decisions (expiry) and of time-driven audit entries. */
export const SYSTEM_PRINCIPAL = 'system' as const;

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type Effect =
  | { type: 'apply-change' }
  | { type: 'notify'; to: Principal[]; reason: NotifyReason; stageIndex?: number }
  | { type: 'audit'; action: AuditAction; actor: Principal; at: string; details: Record<string, unknown> };

export interface Transition {
  state: RequestState;
  effects: Effect[];
}

export interface StartInput {
  id: string;
  rule: Rule;
  requester: Principal;
  owner: Principal | null;
  urgent: boolean;
  /** Urgent mode switched on for the installation (seed 001). */
  urgentModeEnabled: boolean;
  directory: Directory;
  comment?: string | null;
}
