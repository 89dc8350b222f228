import { countedForApproval, isStageFulfilled, stageHolders } from './stage-rules';
import { isoAt, MINUTE_MS } from './time';
import {
  APPROVAL_ADMINS,
  type AuditAction,
  type Effect,
  type NotifyReason,
  type ObligationState,
  type ObligationStatus,
  type ObligationSource,
  type Principal,
  type RequestState,
  type StageState,
} from './types';

/** The working copy of one transition: the next state, the effects so far, and the moment. */
export interface Work {
  state: RequestState;
  effects: Effect[];
  now: number;
  at: string;
  /** Who caused the transition (`system` for ticks and apply failures): the actor of its audit entries. */
  actor: Principal;
  /** Indexes of the stages started during this transition. */
  started: number[];
}

/** Starts a transition on `state`, which the transition may change (pass a copy). */
export function createWork(state: RequestState, now: number, actor: Principal): Work {
  return { state, effects: [], now, at: isoAt(now), actor, started: [] };
}

/**
 * A copy of a request state that a transition may change freely: stages, obligations and decisions
 * are copied; the frozen rule is shared because the engine never changes it.
 */
export function cloneState(state: RequestState): RequestState {
  return {
    ...state,
    stages: state.stages.map((stage) => ({
      ...stage,
      groups: stage.groups.map((group) => ({ ...group })),
      obligations: stage.obligations.map((obligation) => ({
        ...obligation,
        sources: obligation.sources.map((source) => ({ ...source })),
        countedFor: [...obligation.countedFor],
      })),
    })),
    decisions: state.decisions.map((decision) => ({ ...decision, obligations: [...decision.obligations] })),
  };
}

/** Records an audit effect: every change of state has one, with its actor and moment. */
export function audit(work: Work, action: AuditAction, details: Record<string, unknown>): void {
  work.effects.push({ type: 'audit', action, actor: work.actor, at: work.at, details });
}

/** Records a notification effect (the service sends it after commit, through the outbox). */
export function notify(work: Work, to: Principal[], reason: NotifyReason, stageIndex?: number): void {
  work.effects.push(stageIndex === undefined ? { type: 'notify', to, reason } : { type: 'notify', to, reason, stageIndex });
}

/** Marks an obligation decided by `by` at the work's moment. */
export function markDecided(
  work: Work,
  obligation: ObligationState,
  status: ObligationStatus,
  by: Principal,
  comment: string | null,
  counted: string[],
): void {
  obligation.status = status;
  obligation.decidedBy = by;
  obligation.decidedAt = work.at;
  obligation.comment = comment;
  obligation.countedFor = counted;
}

/**
 * A stage handed to the approval admins: one `approval-admins` obligation that any approval admin
 * other than the requester fulfills, criteria 1.
 */
export function adminsObligation(stageIndex: number): ObligationState {
  return openObligation(`s${stageIndex + 1}.o1`, APPROVAL_ADMINS, [{ kind: 'admins' }]);
}

/**
 * A stage the engine adds on its own (the owner approval, the approval admins' final say): one
 * obligation, criteria 1, no time limit, waiting until its turn.
 */
export function singleObligationStage(index: number, name: string, kind: 'owner' | 'admins', obligation: ObligationState): StageState {
  return {
    index,
    name,
    kind,
    status: 'waiting',
    required: 1,
    groups: [],
    obligations: [obligation],
    startedAt: null,
    deadline: null,
    timeSpanMinutes: null,
    onExpiry: 'approve',
    closedAt: null,
    escalatedAt: null,
  };
}

/** A new obligation, open and undecided, held by `holder` for the given steps. */
export function openObligation(id: string, holder: Principal, sources: ObligationSource[]): ObligationState {
  return {
    id,
    holder,
    sources,
    status: 'open',
    countedFor: [],
    delegatedFrom: null,
    linkedTo: null,
    decidedBy: null,
    decidedAt: null,
    comment: null,
  };
}

/** True when the owner approved the owner-approval stage in person (not through a delegate). */
function ownerApprovedInPerson(state: RequestState): boolean {
  return state.stages.some(
    (stage) => stage.kind === 'owner' && stage.obligations.some((o) => o.status === 'approved' && o.decidedBy === state.owner),
  );
}

/**
 * Without separate owner approval, the owner's approval also counts for the group obligations the
 * owner still holds in a rule stage (seed 002). Applied to an active stage when the owner approves,
 * and to a later stage when it starts. Only an approval the owner gave in person carries over, and
 * only to obligations the owner holds in their own right (not ones delegated to them).
 * Returns the ids of the obligations it approved; with `record`, also records them as a decision.
 */
export function carryOwnerApproval(work: Work, stage: StageState, record: boolean): string[] {
  const state = work.state;
  const owner = state.owner;
  if (owner === null || stage.kind !== 'rule' || state.rule.ownerRules.separateOwnerApproval || !ownerApprovedInPerson(state)) {
    return [];
  }
  const ids: string[] = [];
  for (const obligation of stage.obligations) {
    if (obligation.status === 'open' && obligation.holder === owner && obligation.delegatedFrom === null) {
      markDecided(work, obligation, 'approved', owner, null, countedForApproval(stage, obligation, state.rule.ownerRules.separateGroupApproval));
      ids.push(obligation.id);
    }
  }
  if (record && ids.length > 0) {
    state.decisions.push({ kind: 'approve', by: owner, at: work.at, comment: null, obligations: ids });
    audit(work, 'approved', { stageIndex: stage.index, obligations: ids, fromOwnerApproval: true });
  }
  return ids;
}

/** A stage becomes active: its start time and deadline (start + time span) are recorded. */
function activateStage(work: Work, stage: StageState): void {
  stage.status = 'active';
  stage.startedAt = work.at;
  stage.deadline = stage.timeSpanMinutes === null ? null : isoAt(work.now + stage.timeSpanMinutes * MINUTE_MS);
  work.started.push(stage.index);
  carryOwnerApproval(work, stage, true);
}

/** Closes a stage as fulfilled. */
export function fulfillStage(work: Work, stage: StageState, details: Record<string, unknown> = {}): void {
  stage.status = 'fulfilled';
  stage.closedAt = work.at;
  audit(work, 'stage-fulfilled', { stageIndex: stage.index, ...details });
}

/**
 * Four eyes: a request is approved only if someone other than the requester approved something
 * (an approval or an admin's override); automatic approvals do not count.
 */
function hasHumanApproval(state: RequestState): boolean {
  return state.decisions.some((d) => (d.kind === 'approve' || d.kind === 'override-approve') && d.by !== state.requester);
}

/**
 * The request is approved: it closes, and the change is applied exactly once (`apply-change` is
 * never emitted again once `applied`, e.g. for an urgent request applied at start).
 */
function approveRequest(work: Work): void {
  const state = work.state;
  state.status = 'approved';
  state.closedAt = work.at;
  audit(work, 'approved', { status: 'approved' });
  if (!state.applied) {
    state.applied = true;
    work.effects.push({ type: 'apply-change' });
    audit(work, 'apply', {});
  }
  notify(work, [state.requester], 'decided');
}

/**
 * The request closed without being approved: the stages still active or waiting are `closed` (no
 * stage of a closed request reads as running or about to run).
 */
export function closeStages(work: Work): void {
  for (const stage of work.state.stages) {
    if (stage.status === 'active' || stage.status === 'waiting') {
      stage.status = 'closed';
      stage.closedAt = work.at;
    }
  }
}

/** The request is declined with a reason; the requester is told. */
export function declineRequest(work: Work, reason: string): void {
  const state = work.state;
  state.status = 'declined';
  state.closedAt = work.at;
  state.reason = reason;
  closeStages(work);
  audit(work, 'declined', { status: 'declined', reason });
  notify(work, [state.requester], 'decided');
}

/**
 * Moves the request on after a change: active stages that are fulfilled close; when no stage is
 * active, the next stage starts (with enforced approval order, or while the owner approval of
 * "enforce initial owner approval" is waiting) or every waiting stage starts together (no order);
 * a stage started this way may be fulfilled at once (a user step linked to the owner approval),
 * so this repeats. When every stage is fulfilled the request is approved, unless no one other
 * than the requester approved anything: then a final stage falls to the approval admins.
 */
export function settle(work: Work): void {
  const state = work.state;
  for (;;) {
    for (const stage of state.stages) {
      if (stage.status === 'active' && isStageFulfilled(stage)) fulfillStage(work, stage);
    }
    if (state.stages.some((stage) => stage.status === 'active')) return;
    let waiting = state.stages.filter((stage) => stage.status === 'waiting');
    if (waiting.length === 0) {
      if (hasHumanApproval(state)) {
        approveRequest(work);
        return;
      }
      const index = state.stages.length;
      const stage = singleObligationStage(index, 'Approval admins', 'admins', adminsObligation(index));
      state.stages.push(stage);
      audit(work, 'fell-to-admins', { stageIndex: index, reason: 'no-human-approval' });
      waiting = [stage];
    }
    const { enforceApprovalOrder, enforceInitialOwnerApproval } = state.rule.ownerRules;
    const oneAtATime = enforceApprovalOrder || (enforceInitialOwnerApproval && waiting.some((stage) => stage.kind === 'owner'));
    for (const stage of oneAtATime ? waiting.slice(0, 1) : waiting) activateStage(work, stage);
  }
}

/** Tells the holders of each stage started during the transition (and still active) that it started. */
export function announceStartedStages(work: Work): void {
  for (const index of work.started) {
    const stage = work.state.stages[index];
    if (stage.status === 'active') notify(work, stageHolders(stage), 'stage-started', index);
  }
}
