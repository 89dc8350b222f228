/**
 * The approval engine's vocabulary. Pure data: no Strapi, no database, no clock. The words the API
 * shares with the admin (operations, statuses, stage rules…) are defined once in `shared/vocabulary`
 * and re-exported here; the engine's own states are below.
 */
import type {
  AuditAction,
  DecisionKind,
  ExpiryAction,
  GroupRequirement,
  NotifyReason,
  ObligationSource,
  ObligationStatus,
  OwnerRules,
  Principal,
  RejectionPolicy,
  RequestStatus,
  SecurityLevel,
  StageKind,
  StageRule,
  StageStatus,
} from '../../../shared/vocabulary';

export * from '../../../shared/vocabulary';

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

export interface StageState {
  index: number;
  name: string;
  kind: StageKind;
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
  /** How many times the requester revised the proposal (each reset the approvals given so far). */
  revisions: number;
}

/**
 * What a list shows of a request's state, and all it reads back: the stages (progress, who is
 * awaited), the frozen rule by id, version and name only, no decisions.
 */
export type RequestListState = Omit<RequestState, 'rule' | 'decisions'> & { rule: Pick<Rule, 'id' | 'version' | 'name'> };

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
  /** `obligationId`: decide only that obligation (an external approver's link is scoped to one). */
  | { type: 'approve'; actor: Actor; comment?: string | null; obligationId?: string }
  | { type: 'reject'; actor: Actor; comment?: string | null; obligationId?: string }
  | { type: 'cancel'; actor: Actor; comment?: string | null }
  | { type: 'delegate'; actor: Actor; to: Principal; comment?: string | null; obligationId?: string }
  /**
   * The requester replaced the proposal and its base; `baseHash` (previous → next base) is only
   * recorded in the audit entry (the engine does not hold the proposal).
   */
  | { type: 'revise'; actor: Actor; comment?: string | null; baseHash?: { previous: string | null; next: string | null } }
  | { type: 'tick'; policy: TimePolicy }
  | { type: 'apply-failed'; reason: string };

/** The marker for "every approval admin" in notify effects and `admins` obligations. */
export const APPROVAL_ADMINS = 'approval-admins' as const;

/**
 * The requester of a write that nobody authenticated (DESIGN rule 8). It names no one: nobody can act
 * as it later, so such a request is cancelled by an approval admin, and it is never a delegate.
 */
export const PUBLIC_PRINCIPAL = 'public' as const;

/** Added by the engine: the actor of automatic decisions (expiry) and of time-driven audit entries. */
export const SYSTEM_PRINCIPAL = 'system' as const;

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
