import { TransitionError, type TransitionErrorCode } from './errors';
import {
  announceStartedStages,
  audit,
  carryOwnerApproval,
  cloneState,
  closeStages,
  createWork,
  declineRequest,
  fulfillStage,
  markDecided,
  notify,
  settle,
  type Work,
} from './progress';
import { awaitingHolders, cancellerOf, isClosed, resolveDecider, reviseRefusal } from './queries';
import { countedForApproval, isStageReachable } from './stage-rules';
import { MINUTE_MS, msOf } from './time';
import {
  APPROVAL_ADMINS,
  PUBLIC_PRINCIPAL,
  SYSTEM_PRINCIPAL,
  type Actor,
  type ObligationState,
  type RequestEvent,
  type RequestState,
  type StageState,
  type TimePolicy,
  type Transition,
} from './types';

type EventOf<T extends RequestEvent['type']> = Extract<RequestEvent, { type: T }>;

function refuse(state: RequestState, code: TransitionErrorCode, event: RequestEvent['type']): TransitionError {
  return new TransitionError(code, { requestId: state.id, status: state.status, event });
}

/** approve / reject by a holder, or an approval admin's override. */
function decide(work: Work, event: EventOf<'approve' | 'reject'>): void {
  const state = work.state;
  const decider = resolveDecider(state, event.actor, event.type, event.obligationId);
  if (!decider.ok) throw refuse(state, decider.code, event.type);
  const by = event.actor.principal;
  const comment = event.comment ?? null;
  if (decider.as === 'override') {
    if (event.type === 'approve') {
      for (const stage of state.stages) if (stage.status !== 'fulfilled') fulfillStage(work, stage, { override: true });
      state.decisions.push({ kind: 'override-approve', by, at: work.at, comment, obligations: [] });
      audit(work, 'approved', { override: true, comment });
      settle(work);
    } else {
      state.decisions.push({ kind: 'override-reject', by, at: work.at, comment, obligations: [] });
      audit(work, 'rejected', { override: true, comment });
      declineRequest(work, 'Declined by an approval admin');
    }
    return;
  }
  const separate = state.rule.ownerRules.separateGroupApproval;
  // A delegate decides in the name of whoever handed them the obligation: the audit names them.
  const delegators = [...new Set(decider.held.flatMap((item) => (item.obligation.delegatedFrom === null ? [] : [item.obligation.delegatedFrom])))];
  const delegated = delegators.length > 0 ? { delegatedBy: delegators } : {};
  const ids: string[] = [];
  for (const { stage, obligation } of decider.held) {
    const counted = event.type === 'approve' ? countedForApproval(stage, obligation, separate) : [];
    markDecided(work, obligation, event.type === 'approve' ? 'approved' : 'rejected', by, comment, counted);
    ids.push(obligation.id);
  }
  if (event.type === 'reject') {
    state.decisions.push({ kind: 'reject', by, at: work.at, comment, obligations: ids });
    audit(work, 'rejected', { obligations: ids, comment, ...delegated });
    if (state.rule.rejectionPolicy === 'decline') {
      declineRequest(work, `Rejected in stage "${decider.held[0].stage.name}"`);
      return;
    }
    const lost = decider.held.find((item) => !isStageReachable(item.stage));
    if (lost) declineRequest(work, `Rejected in stage "${lost.stage.name}": it can no longer be fulfilled`);
    return;
  }
  const ownerApproval = decider.held.find((item) => item.stage.kind === 'owner');
  if (ownerApproval) {
    // The owner approval fulfills the user steps that name the owner, wherever they are.
    for (const stage of state.stages) {
      for (const obligation of stage.obligations) {
        if (obligation.linkedTo === ownerApproval.obligation.id && obligation.status === 'open') {
          markDecided(work, obligation, 'approved', by, comment, []);
          ids.push(obligation.id);
        }
      }
    }
    for (const stage of state.stages) if (stage.status === 'active') ids.push(...carryOwnerApproval(work, stage, false));
  }
  state.decisions.push({ kind: 'approve', by, at: work.at, comment, obligations: ids });
  audit(work, 'approved', { obligations: ids, comment, ...delegated });
  settle(work);
}

function cancel(work: Work, event: EventOf<'cancel'>): void {
  const state = work.state;
  if (isClosed(state.status)) throw refuse(state, 'request-closed', 'cancel');
  const canceller = cancellerOf(state, event.actor);
  if (canceller === null) throw refuse(state, 'only-requester-can-cancel', 'cancel');
  const comment = event.comment ?? null;
  state.status = 'cancelled';
  state.closedAt = work.at;
  state.reason = comment ?? (canceller === 'requester' ? 'Cancelled by the requester' : 'Cancelled by an approval admin');
  closeStages(work);
  audit(work, 'cancelled', { status: 'cancelled', comment });
}

function delegate(work: Work, event: EventOf<'delegate'>): void {
  const state = work.state;
  if (isClosed(state.status)) throw refuse(state, 'request-closed', 'delegate');
  const from = event.actor.principal;
  const to = event.to;
  if (to.trim() === '' || to === state.requester || to === from || to === APPROVAL_ADMINS || to === SYSTEM_PRINCIPAL || to === PUBLIC_PRINCIPAL) {
    throw refuse(state, 'invalid-delegate', 'delegate');
  }
  const held: Array<{ stage: StageState; obligation: ObligationState }> = [];
  for (const stage of state.stages) {
    if (stage.status !== 'waiting' && stage.status !== 'active') continue;
    for (const obligation of stage.obligations) {
      if (obligation.status === 'open' && obligation.holder === from && !obligation.linkedTo) held.push({ stage, obligation });
    }
  }
  let targets = held;
  if (event.obligationId !== undefined) {
    const id = event.obligationId;
    if (!state.stages.some((stage) => stage.obligations.some((o) => o.id === id))) throw refuse(state, 'unknown-obligation', 'delegate');
    targets = held.filter((item) => item.obligation.id === id);
  }
  if (targets.length === 0) throw refuse(state, 'not-an-approver', 'delegate');
  if (targets.some((item) => item.obligation.delegatedFrom !== null)) throw refuse(state, 'already-delegated', 'delegate');
  if (targets.some((item) => item.stage.obligations.some((o) => o.holder === to))) throw refuse(state, 'delegate-already-approver', 'delegate');
  const comment = event.comment ?? null;
  for (const { obligation } of targets) {
    obligation.holder = to;
    obligation.delegatedFrom = from;
  }
  audit(work, 'delegated', { obligations: targets.map((item) => item.obligation.id), from, to, comment });
  // A holder has at most one obligation per stage, so this is one notification per stage.
  for (const { stage } of targets) notify(work, [to], 'delegated', stage.index);
}

/**
 * The requester replaced the proposal and its base (only the requester, only while pending): every
 * decision given so far is reset — obligations open again, the stages restart as at start (the
 * first active from now, with a new deadline; the others waiting) and the four-eyes stage of the
 * approval admins goes (it comes back if it is needed again). Delegations stay: the delegate still
 * holds the obligation. An urgent request was applied at once and is never revised (cancel it and
 * make a new one). The decisions leave the state (four eyes counts only the current revision's);
 * the decisions table keeps them, marked with their revision.
 */
function revise(work: Work, event: EventOf<'revise'>): void {
  const state = work.state;
  const refusal = reviseRefusal(state, event.actor.principal);
  if (refusal !== null) throw refuse(state, refusal, 'revise');
  let decisionsReset = 0;
  state.stages = state.stages.filter((stage) => stage.kind !== 'admins');
  for (const stage of state.stages) {
    Object.assign(stage, { status: 'waiting', startedAt: null, deadline: null, closedAt: null, escalatedAt: null });
    for (const obligation of stage.obligations) {
      if (obligation.status !== 'open') decisionsReset += 1;
      Object.assign(obligation, { status: 'open', decidedBy: null, decidedAt: null, comment: null, countedFor: [] });
    }
  }
  state.decisions = [];
  state.revisions += 1;
  audit(work, 'revised', {
    revision: state.revisions,
    decisionsReset,
    previousBaseHash: event.baseHash?.previous ?? null,
    baseHash: event.baseHash?.next ?? null,
    comment: event.comment ?? null,
  });
  settle(work);
}

/** Expiry of one active stage whose deadline has passed. Returns false when the request expired. */
function expireStage(work: Work, stage: StageState): boolean {
  const state = work.state;
  if (stage.onExpiry === 'approve') {
    const ids: string[] = [];
    for (const obligation of stage.obligations) {
      if (obligation.status !== 'open') continue;
      const counted = countedForApproval(stage, obligation, state.rule.ownerRules.separateGroupApproval);
      markDecided(work, obligation, 'auto-approved', SYSTEM_PRINCIPAL, null, counted);
      ids.push(obligation.id);
    }
    state.decisions.push({ kind: 'auto-approve', by: SYSTEM_PRINCIPAL, at: work.at, comment: null, obligations: ids });
    audit(work, 'stage-expired', { stageIndex: stage.index, onExpiry: 'approve' });
    audit(work, 'auto-approved', { stageIndex: stage.index, obligations: ids });
    fulfillStage(work, stage, { expired: true });
    return true;
  }
  if (state.urgent) {
    // An urgent request was applied already: expiry never denies it, it escalates (once per stage).
    if (stage.escalatedAt === null) {
      stage.escalatedAt = work.at;
      notify(work, [APPROVAL_ADMINS], 'escalation', stage.index);
      audit(work, 'escalated', { stageIndex: stage.index, reason: 'stage-expired' });
    }
    return true;
  }
  const reason = `Stage "${stage.name}" ran out of time`;
  stage.status = 'expired';
  stage.closedAt = work.at;
  state.status = 'expired';
  state.closedAt = work.at;
  state.reason = reason;
  closeStages(work);
  audit(work, 'stage-expired', { stageIndex: stage.index, onExpiry: 'deny' });
  audit(work, 'expired', { status: 'expired', reason });
  notify(work, [state.requester], 'decided');
  return false;
}

function tick(work: Work, policy: TimePolicy): void {
  const state = work.state;
  const due = state.stages.filter((stage) => stage.status === 'active' && stage.deadline !== null && msOf(stage.deadline) <= work.now);
  for (const stage of due) if (!expireStage(work, stage)) return;
  settle(work);
  if (isClosed(state.status)) return;
  const created = msOf(state.createdAt);
  const interval = policy.reminderIntervalMinutes;
  if (interval > 0) {
    const dueReminders = Math.floor((work.now - created) / (interval * MINUTE_MS));
    if (dueReminders > state.remindersSent) {
      state.remindersSent = dueReminders;
      notify(work, awaitingHolders(state), 'reminder');
      audit(work, 'reminded', { count: dueReminders });
    }
  }
  const after = policy.escalationAfterMinutes;
  if (after !== null && state.escalatedAt === null && work.now >= created + after * MINUTE_MS) {
    state.escalatedAt = work.at;
    notify(work, [APPROVAL_ADMINS], 'escalation');
    audit(work, 'escalated', { reason: 'pending-too-long', afterMinutes: after });
  }
}

function applyFailed(work: Work, reason: string): void {
  const state = work.state;
  const urgentApplied = state.status === 'pending' && state.urgent && state.applied;
  if (state.status !== 'approved' && !urgentApplied) throw refuse(state, 'request-closed', 'apply-failed');
  state.status = 'failed';
  state.closedAt = work.at;
  state.reason = reason;
  closeStages(work);
  audit(work, 'failed', { status: 'failed', reason });
  notify(work, [state.requester], 'decided');
}

function actorOf(event: RequestEvent): Actor | null {
  return 'actor' in event ? event.actor : null;
}

/**
 * Applies one event to a request at `now` (epoch ms) and returns the next state with its effects
 * (data: `apply-change`, `notify`, `audit`); the input state is never changed. An illegal event
 * throws a TransitionError and changes nothing.
 * - `approve` / `reject`: see `canDecide` for who may decide (`obligationId`: that one only). A
 *   delegate's decision names in its audit entry who delegated (`delegatedBy`). An approval counts for every open
 *   obligation of the actor in the active stages; a stage closes when its criteria and group
 *   minimums are met; then the next stage(s) start; after the last one the request is approved and
 *   the change applied exactly once — unless no one but the requester approved (four eyes), then a
 *   final stage falls to the approval admins. A rejection declines the request at once
 *   (`decline`), or (`when-unfulfillable`) only when the stage can no longer be fulfilled.
 *   An approval admin without an obligation in an active stage overrides: approves every remaining
 *   stage, or declines.
 * - `cancel`: the requester, while pending; a `public` request (nobody to cancel it) by an approval
 *   admin instead. An urgent change already applied stays applied.
 * - `delegate`: the holder of open obligations in a stage not yet closed hands them (or the one
 *   named) to another principal, an `email:` address included (never to the requester, themselves,
 *   a marker or `public`); a delegate cannot delegate again.
 * - `revise`: the requester replaced the proposal: approvals reset, the stages restart (see `revise`).
 * - `tick`: expiries (auto-approve, deny — or escalate for urgent requests), reminders once per
 *   interval, escalation once. On a closed request it does nothing.
 * - `apply-failed`: applying the approved (or urgent) change failed: the request is `failed` with
 *   the reason.
 */
export function transition(state: RequestState, event: RequestEvent, now: number): Transition {
  if (event.type === 'tick' && isClosed(state.status)) return { state, effects: [] };
  const actor = actorOf(event);
  const work = createWork(cloneState(state), now, actor === null ? SYSTEM_PRINCIPAL : actor.principal);
  switch (event.type) {
    case 'approve':
    case 'reject':
      decide(work, event);
      break;
    case 'cancel':
      cancel(work, event);
      break;
    case 'delegate':
      delegate(work, event);
      break;
    case 'revise':
      revise(work, event);
      break;
    case 'tick':
      tick(work, event.policy);
      break;
    case 'apply-failed':
      applyFailed(work, event.reason);
      break;
  }
  announceStartedStages(work);
  return { state: work.state, effects: work.effects };
}
