import type { TransitionErrorCode } from './errors';
import type { StageProgress } from '../../../shared/contracts/requests';
import { isApprovedStatus, isDecidableBy, stageHolders } from './stage-rules';
import { MINUTE_MS, msOf } from './time';
import { APPROVAL_ADMINS, PUBLIC_PRINCIPAL, type Actor, type ObligationState, type Principal, type RequestState, type RequestStatus, type StageState, type TimePolicy } from './types';

/** A request is closed in every status but `pending`: it accepts no decision any more. */
export function isClosed(status: RequestStatus): boolean {
  return status !== 'pending';
}

/**
 * Who the request is waiting for: the holders of open obligations in the active stages, in stage
 * order, each once; `approval-admins` when a stage fell to the approval admins, or when an active
 * stage can no longer be fulfilled by its open obligations (only an admin's override moves it on).
 * Obligations linked to the owner approval are decided through it and are not listed. Empty for a
 * closed request.
 */
export function awaitingHolders(state: Pick<RequestState, 'status' | 'stages'>): Principal[] {
  if (isClosed(state.status)) return [];
  const holders: Principal[] = [];
  for (const stage of state.stages) {
    if (stage.status !== 'active') continue;
    for (const holder of stageHolders(stage)) if (!holders.includes(holder)) holders.push(holder);
  }
  return holders;
}

/** An obligation together with the stage it belongs to. */
export interface HeldObligation {
  stage: StageState;
  obligation: ObligationState;
}

/** Who decides, as the engine sees it: a holder deciding their obligations, or an admin's override. */
export type Decider =
  | { ok: true; as: 'holder'; held: HeldObligation[] }
  | { ok: true; as: 'override' }
  | { ok: false; code: TransitionErrorCode };

/**
 * Resolves who may approve or reject, and what their decision covers (the rules of `canDecide`);
 * the `held` obligations are those of `state` itself, so the engine can change them in its copy.
 */
export function resolveDecider(state: RequestState, actor: Actor, decision: 'approve' | 'reject', obligationId?: string): Decider {
  if (isClosed(state.status)) return { ok: false, code: 'request-closed' };
  if (actor.principal === state.requester) return { ok: false, code: 'requester-cannot-decide' };
  const named = (obligation: ObligationState) => obligationId === undefined || obligation.id === obligationId;
  const held = state.stages
    .filter((stage) => stage.status === 'active')
    .flatMap((stage) => stage.obligations.filter((obligation) => isDecidableBy(obligation, actor)).map((obligation) => ({ stage, obligation })));
  const ownerApproval = held.filter((item) => item.stage.kind === 'owner');
  // The owner approval comes first also for a decision on one named obligation: another one waits for it.
  const scope = (ownerApproval.length > 0 ? ownerApproval : held).filter((item) => named(item.obligation));
  // A decision on one named obligation is never an override.
  if (scope.length > 0 || (actor.isApprovalAdmin && obligationId === undefined)) {
    if (decision === 'reject' && state.urgent) return { ok: false, code: 'urgent-approve-only' };
    return scope.length > 0 ? { ok: true, as: 'holder', held: scope } : { ok: true, as: 'override' };
  }
  const waits = state.stages.some((stage) => stage.status === 'waiting' && stage.obligations.some((o) => named(o) && isDecidableBy(o, actor)));
  if (waits) return { ok: false, code: 'stage-not-started' };
  const decided = state.stages.some((stage) =>
    stage.obligations.some((o) => named(o) && (o.decidedBy === actor.principal || (o.holder === actor.principal && !o.linkedTo))),
  );
  return { ok: false, code: decided ? 'already-decided' : 'not-an-approver' };
}

/** The answer of `canDecide`. */
export type DecideCheck =
  | { ok: true; as: 'holder'; obligations: string[] }
  | { ok: true; as: 'override' }
  | { ok: false; code: TransitionErrorCode };

/**
 * May this actor approve (or reject) the request now, and as what?
 * - A closed request accepts no decision (`request-closed`); the requester never decides their own
 *   request, even as an approval admin (`requester-cannot-decide`).
 * - A holder of open obligations in active stages decides them all at once (`obligations`); an
 *   `approval-admins` obligation is held by every approval admin. While the actor holds the open
 *   owner approval, the decision is the owner approval only: their other obligations need a
 *   decision of their own (or are covered by the owner approval, see separate owner approval).
 * - An approval admin holding nothing in an active stage overrides (`override`).
 * - Urgent requests can only be approved (`urgent-approve-only` for a reject).
 * - With `obligationId` (an external approver's link names one), the decision covers that obligation
 *   only, and is never an override.
 * - Otherwise: `stage-not-started` when the actor's obligation waits in a later stage,
 *   `already-decided` when the actor decided before (or their stage was fulfilled without them),
 *   `not-an-approver` for anyone else.
 */
export function canDecide(state: RequestState, actor: Actor, decision: 'approve' | 'reject' = 'approve', obligationId?: string): DecideCheck {
  const decider = resolveDecider(state, actor, decision, obligationId);
  if (decider.ok && decider.as === 'holder') return { ok: true, as: 'holder', obligations: decider.held.map((item) => item.obligation.id) };
  return decider;
}

/**
 * Who may cancel a pending request, and as what: its requester (seed 004). A request by `public`
 * names nobody who could come back to cancel it, so the approval admins may instead — and only
 * they: not `public`, not its approvers. Null for anyone else.
 */
export function cancellerOf(state: RequestState, actor: Actor): 'requester' | 'approval-admin' | null {
  if (state.requester === PUBLIC_PRINCIPAL) return actor.isApprovalAdmin ? 'approval-admin' : null;
  return actor.principal === state.requester ? 'requester' : null;
}

/**
 * Until when (epoch ms) an external approver's link for one obligation may be used: the earlier of
 * `now` plus its lifetime and the deadline of the obligation's stage, when that stage has one (a
 * stage not started yet has none: its deadline is set when it starts). Null when the request has no
 * such obligation.
 */
export function linkExpiresAt(state: RequestState, obligationId: string, now: number, lifetimeMinutes: number): number | null {
  const stage = state.stages.find((s) => s.obligations.some((o) => o.id === obligationId));
  if (!stage) return null;
  const lifetime = now + lifetimeMinutes * MINUTE_MS;
  return stage.deadline === null ? lifetime : Math.min(lifetime, msOf(stage.deadline));
}

/**
 * The earliest moment (epoch ms) at which a `tick` would change this request, so a sweep can select
 * due requests by one indexed column: the deadline of an active stage (not one already escalated
 * on an urgent request, which never expires), the next reminder (created + k·interval), and the
 * escalation (created + escalation delay, once). Null for a closed request or when nothing is due.
 */
export function nextDueAt(state: RequestState, policy: TimePolicy): number | null {
  if (isClosed(state.status)) return null;
  const created = msOf(state.createdAt);
  const due: number[] = [];
  for (const stage of state.stages) {
    if (stage.status !== 'active' || stage.deadline === null) continue;
    if (state.urgent && stage.onExpiry === 'deny' && stage.escalatedAt !== null) continue;
    due.push(msOf(stage.deadline));
  }
  if (policy.reminderIntervalMinutes > 0) due.push(created + (state.remindersSent + 1) * policy.reminderIntervalMinutes * MINUTE_MS);
  if (policy.escalationAfterMinutes !== null && state.escalatedAt === null) due.push(created + policy.escalationAfterMinutes * MINUTE_MS);
  return due.length === 0 ? null : Math.min(...due);
}

/** The roles a principal plays on a request, as the parties table stores them (one row per principal and role). */
export const PARTY_ROLES = ['requester', 'holder', 'delegated-from', 'decided', 'awaiting'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Party {
  principal: Principal;
  role: PartyRole;
}

/**
 * Everyone with a part in the request, and which: its `requester`; each `holder` of an obligation
 * (open or closed; `approval-admins` for a stage that fell to them); each original holder of a
 * delegated obligation (`delegated-from`); everyone who `decided` (`system` for automatic
 * approvals); and who the request is `awaiting` now (`awaitingHolders`, the `approval-admins`
 * marker included). Each principal and role once, in that order. This is what "awaiting me",
 * "my requests" and "may read" are answered from.
 */
export function partiesOf(state: RequestState): Party[] {
  const parties: Party[] = [];
  const seen = new Set<string>();
  const add = (role: PartyRole, principal: Principal): void => {
    const key = `${role}\n${principal}`;
    if (seen.has(key)) return;
    seen.add(key);
    parties.push({ principal, role });
  };
  add('requester', state.requester);
  const obligations = state.stages.flatMap((stage) => stage.obligations);
  for (const o of obligations) add('holder', o.holder);
  for (const o of obligations) if (o.delegatedFrom !== null) add('delegated-from', o.delegatedFrom);
  for (const d of state.decisions) add('decided', d.by);
  for (const holder of awaitingHolders(state)) add('awaiting', holder);
  return parties;
}

/** The principals the "awaiting me" queue of this actor looks for: themself, and the approval admins' marker for an approval admin. */
export function awaitedAs(actor: Actor): Principal[] {
  return actor.isApprovalAdmin ? [actor.principal, APPROVAL_ADMINS] : [actor.principal];
}

/** Is the request waiting for this actor: they hold an awaited obligation, or it waits for the approval admins and they are one. */
export function isAwaiting(state: Pick<RequestState, 'status' | 'stages'>, actor: Actor): boolean {
  const awaited = awaitedAs(actor);
  return awaitingHolders(state).some((holder) => awaited.includes(holder));
}

/** Who looks at a request: an actor, and whether their role lets them read every request. */
export interface Reader extends Actor {
  canReadAll: boolean;
}

/**
 * May this reader see the request (DESIGN: who sees which request)? Readers of every request and
 * approval admins may; anyone else only as a party: its requester, a holder of an obligation now or
 * before, a delegator, a decider.
 */
export function mayRead(state: RequestState, reader: Reader): boolean {
  if (reader.canReadAll || reader.isApprovalAdmin) return true;
  return partiesOf(state).some((party) => party.principal === reader.principal);
}

/**
 * The party a list of requests must be narrowed to so that this reader sees only what `mayRead`
 * lets them see: null (no narrowing) for readers of every request and approval admins, and for a
 * list already narrowed to "awaiting me" — awaiting implies may read, since the principals of
 * `awaitedAs` are the reader themself, a party of every request awaiting them (`partiesOf` lists
 * each awaited holder), or the approval admins' marker, awaited only by approval admins, who read
 * everything. Otherwise the reader's own principal, as a party in any role.
 */
export function readScope(reader: Reader, list: { awaitingMe: boolean }): Principal | null {
  if (reader.canReadAll || reader.isApprovalAdmin || list.awaitingMe) return null;
  return reader.principal;
}

/**
 * Why `principal` may not revise the request now, or null when they may: only its requester (never
 * `public`, which names no one), only while pending, never an urgent request (applied at once).
 */
export function reviseRefusal(state: RequestState, principal: Principal): TransitionErrorCode | null {
  if (principal !== state.requester || principal === PUBLIC_PRINCIPAL) return 'only-requester-can-revise';
  if (isClosed(state.status)) return 'request-closed';
  if (state.urgent) return 'urgent-cannot-revise';
  return null;
}

/** May `principal` revise the request now (`reviseRefusal`)? */
export function canRevise(state: RequestState, principal: Principal): boolean {
  return reviseRefusal(state, principal) === null;
}

/** May this actor cancel the request now: it is pending and they are its canceller (`cancellerOf`). */
export function canCancel(state: RequestState, actor: Actor): boolean {
  return !isClosed(state.status) && cancellerOf(state, actor) !== null;
}

/**
 * May this actor delegate now: the request is pending and they hold an open obligation in a stage
 * not yet fulfilled (a waiting stage's obligation may be handed on before it starts).
 */
export function canDelegate(state: RequestState, actor: Actor): boolean {
  if (isClosed(state.status)) return false;
  return state.stages.some((stage) => stage.status !== 'fulfilled' && stage.obligations.some((o) => o.holder === actor.principal && o.status === 'open'));
}

/**
 * Where the request stands in its stages, as lists show it ("Stage 1 of 2 · 1 of 2 approvals"):
 * while pending, the first active stage; otherwise (or when no stage is active) the last stage
 * that ran, i.e. the last one that started (a closed request's unreached stages read `closed` too). `approvals` counts its approved obligations (approved or
 * auto-approved), `required` is its criteria. All zero for a request without stages.
 */
export function progressOf(state: Pick<RequestState, 'status' | 'stages'>): StageProgress {
  const ran = state.stages.filter((stage) => stage.startedAt !== null);
  const active = isClosed(state.status) ? undefined : state.stages.find((stage) => stage.status === 'active');
  const stage = active ?? ran[ran.length - 1];
  if (!stage) return { current: 0, total: state.stages.length, approvals: 0, required: 0 };
  return {
    current: state.stages.indexOf(stage) + 1,
    total: state.stages.length,
    approvals: stage.obligations.filter((obligation) => isApprovedStatus(obligation.status)).length,
    required: stage.required,
  };
}
