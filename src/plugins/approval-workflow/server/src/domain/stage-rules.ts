import { APPROVAL_ADMINS, type Actor, type ObligationState, type ObligationStatus, type Principal, type StageState } from './types';

/** An obligation counts as approved when a person approved it or its stage expired with auto-approval. */
export function isApprovedStatus(status: ObligationStatus): boolean {
  return status === 'approved' || status === 'auto-approved';
}

/** The group keys (`role:<id>`, `group:<id>`) an obligation stands for. */
export function groupKeysOf(obligation: ObligationState): string[] {
  return obligation.sources.flatMap((source) => (source.kind === 'role' || source.kind === 'group' ? [`${source.kind}:${source.id}`] : []));
}

/**
 * A principal named as a user step of a stage approves for that step only, never for a group of
 * the stage they also belong to (seed 002, the "Test User" example).
 */
export function isUserStep(obligation: ObligationState): boolean {
  return obligation.sources.some((source) => source.kind === 'user');
}

/** How many approvals of the stage were counted for the group requirement `key`. */
export function countedFor(stage: StageState, key: string): number {
  return stage.obligations.filter((obligation) => obligation.countedFor.includes(key)).length;
}

/**
 * Which group requirements of the stage an approval of this obligation counts for (recorded in the
 * obligation's `countedFor`). A user step counts for no group. With separate group approval, the
 * approval counts for one group only: the first of the holder's groups in the stage (template
 * order) whose minimum is not yet reached, or the first of them when all are reached. Without it,
 * the approval counts for every group of the holder that has a minimum. Groups without a minimum
 * are not requirements and are never recorded.
 */
export function countedForApproval(stage: StageState, obligation: ObligationState, separateGroupApproval: boolean): string[] {
  if (isUserStep(obligation)) return [];
  const keys = groupKeysOf(obligation);
  const candidates = stage.groups.filter((group) => keys.includes(group.key));
  if (!separateGroupApproval || candidates.length <= 1) return candidates.map((group) => group.key);
  const unmet = candidates.find((group) => countedFor(stage, group.key) < group.min);
  return [(unmet ?? candidates[0]).key];
}

/**
 * A stage is fulfilled when its approved obligations (approved or auto-approved) reach the
 * effective criteria and every group requirement has at least its minimum of approvals counted
 * for it.
 */
export function isStageFulfilled(stage: StageState): boolean {
  const approved = stage.obligations.filter((obligation) => isApprovedStatus(obligation.status)).length;
  return approved >= stage.required && stage.groups.every((group) => countedFor(stage, group.key) >= group.min);
}

/**
 * A stage can still be fulfilled when the obligations still open could reach the criteria and every
 * group minimum (each group checked on its own: an open obligation could count for any of its
 * groups). Used by the `when-unfulfillable` rejection policy.
 */
export function isStageReachable(stage: StageState): boolean {
  const open = stage.obligations.filter((obligation) => obligation.status === 'open');
  const approved = stage.obligations.filter((obligation) => isApprovedStatus(obligation.status)).length;
  if (approved + open.length < stage.required) return false;
  return stage.groups.every((group) => {
    const potential = open.filter((obligation) => !isUserStep(obligation) && groupKeysOf(obligation).includes(group.key)).length;
    return countedFor(stage, group.key) + potential >= group.min;
  });
}

/**
 * May this actor decide this obligation directly? It must be open and not linked to the owner
 * approval; it is held by the actor, or it is an `approval-admins` obligation and the actor is an
 * approval admin.
 */
export function isDecidableBy(obligation: ObligationState, actor: Actor): boolean {
  return (
    obligation.status === 'open' &&
    !obligation.linkedTo &&
    (obligation.holder === actor.principal || (obligation.holder === APPROVAL_ADMINS && actor.isApprovalAdmin))
  );
}

/**
 * Who a stage waits for: the holders of its open obligations (not those linked to the owner
 * approval, which the owner-approval holder decides), and the `approval-admins` marker when the
 * stage can no longer be fulfilled by its open obligations (only an approval admin's override can
 * move it on).
 */
export function stageHolders(stage: StageState): Principal[] {
  const holders: Principal[] = [];
  for (const obligation of stage.obligations) {
    if (obligation.status === 'open' && !obligation.linkedTo && !holders.includes(obligation.holder)) holders.push(obligation.holder);
  }
  if (!isStageReachable(stage)) holders.push(APPROVAL_ADMINS);
  return holders;
}
