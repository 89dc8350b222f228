import { TransitionError } from './errors';
import { adminsObligation, audit, createWork, notify, openObligation, settle, singleObligationStage } from './progress';
import { awaitingHolders } from './queries';
import { isUserStep } from './stage-rules';
import {
  APPROVAL_ADMINS,
  type GroupRequirement,
  type ObligationSource,
  type ObligationState,
  type Principal,
  type RequestState,
  type StageRule,
  type StageState,
  type StartInput,
  type Transition,
} from './types';
import { validateRule } from './schema';

const sourceKey = (source: ObligationSource): string => ('id' in source ? `${source.kind}:${source.id}` : source.kind);

/**
 * Expands one stage of the rule into the stage of a request (seed 003):
 * - a user step is that principal; a role or group step is each of its members in the directory
 *   (frozen now; an unknown group has no members);
 * - one obligation per distinct principal, listing every step it stands for in `sources`;
 * - the requester's obligation is removed (four eyes);
 * - criteria N becomes min(N, obligations), 0 becomes "every obligation";
 * - a group step with a minimum of approvals M adds a group requirement min(M, members who can
 *   count for it), where members named as a user step of the same stage do not count (their
 *   approval counts for their user step only); a group step without a minimum adds none;
 * - a stage left with no obligation falls to the approval admins: one `approval-admins`
 *   obligation, criteria 1, no group requirement, the stage's time span and expiry unchanged.
 */
export function buildRuleStage(rule: StageRule, index: number, requester: Principal, groups: Record<string, Principal[]>): StageState {
  const byHolder = new Map<Principal, ObligationSource[]>();
  const add = (principal: Principal, source: ObligationSource): void => {
    if (principal === requester) return;
    const sources = byHolder.get(principal) ?? [];
    if (!sources.some((known) => sourceKey(known) === sourceKey(source))) sources.push(source);
    byHolder.set(principal, sources);
  };
  for (const step of rule.obligations) {
    if (step.kind === 'user') add(step.principal, { kind: 'user' });
    else for (const member of groups[`${step.kind}:${step.id}`] ?? []) add(member, { kind: step.kind, id: step.id });
  }
  let n = 0;
  const obligations: ObligationState[] = [];
  for (const [holder, sources] of byHolder) {
    n += 1;
    obligations.push(openObligation(`s${index + 1}.o${n}`, holder, sources));
  }
  const requirements: GroupRequirement[] = [];
  for (const step of rule.obligations) {
    if (step.kind === 'user' || step.minApprovals === undefined || step.minApprovals === null) continue;
    const key = `${step.kind}:${step.id}`;
    const eligible = obligations.filter((o) => !isUserStep(o) && o.sources.some((source) => sourceKey(source) === key)).length;
    requirements.push({ key, min: Math.min(step.minApprovals, eligible) });
  }
  const base = {
    index,
    name: rule.name,
    kind: 'rule' as const,
    status: 'waiting' as const,
    startedAt: null,
    deadline: null,
    timeSpanMinutes: rule.timeSpanMinutes,
    onExpiry: rule.onExpiry,
    closedAt: null,
    escalatedAt: null,
  };
  if (obligations.length === 0) return { ...base, required: 1, groups: [], obligations: [adminsObligation(index)] };
  const required = rule.criteria === 0 ? obligations.length : Math.min(rule.criteria, obligations.length);
  return { ...base, required, groups: requirements, obligations };
}

/**
 * Opens an approval request from a frozen copy of its rule (`now` in epoch ms).
 * - Refuses an urgent request unless urgent mode is on for the installation and the rule allows
 *   it (`urgent-not-allowed`), and a rule that `validateRule` rejects (`invalid-rule`).
 * - Owner approval (seed 002): when the rule asks for it and the target has an owner other than
 *   the requester, an implicit first stage "Owner approval" (criteria 1, the owner's obligation,
 *   no time span) comes before the rule's stages; a user step naming the owner is linked to it
 *   (fulfilled by the owner approval, never decided on its own).
 * - Stages are built in rule order (see `buildRuleStage`); then they start: with enforced approval
 *   order only the first; with "enforce initial owner approval" only the owner approval, the rule's
 *   stages all together after it; otherwise all at once. A started stage records its start and its
 *   deadline (start + time span).
 * - Effects: audit `requested`; `request-opened` to whoever the request waits for. An urgent
 *   request is applied at once (`apply-change`, audit `apply`, `urgent-applied` to the approvers
 *   and the approval admins) and still waits for approval.
 */
export function startRequest(input: StartInput, now: number): Transition {
  const context = { requestId: input.id, status: null, event: 'start' as const };
  if (input.urgent && !(input.urgentModeEnabled && input.rule.urgentAllowed)) throw new TransitionError('urgent-not-allowed', context);
  const problems = validateRule(input.rule);
  if (problems.length > 0) {
    const message = `The approval rule is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`;
    throw new TransitionError('invalid-rule', context, message, { problems });
  }
  const { rule, requester, owner } = input;
  const stages: StageState[] = [];
  const ownerStage = rule.ownerRules.ownerApproval && owner !== null && owner !== requester;
  if (ownerStage) {
    stages.push(singleObligationStage(0, 'Owner approval', 'owner', openObligation('s1.o1', owner, [{ kind: 'owner' }])));
  }
  for (const stageRule of rule.stages) {
    const stage = buildRuleStage(stageRule, stages.length, requester, input.directory.groups);
    if (ownerStage) {
      for (const obligation of stage.obligations) if (obligation.holder === owner && isUserStep(obligation)) obligation.linkedTo = 's1.o1';
    }
    stages.push(stage);
  }
  const state: RequestState = {
    id: input.id,
    status: 'pending',
    requester,
    owner,
    urgent: input.urgent,
    applied: false,
    rule,
    stages,
    decisions: [],
    createdAt: new Date(now).toISOString(),
    closedAt: null,
    reason: null,
    remindersSent: 0,
    escalatedAt: null,
    revisions: 0,
  };
  const work = createWork(state, now, requester);
  audit(work, 'requested', {
    ruleId: rule.id,
    ruleVersion: rule.version,
    owner,
    urgent: input.urgent,
    comment: input.comment ?? null,
    stages: stages.length,
  });
  const fallen = stages.filter((stage) => stage.obligations.some((o) => o.holder === APPROVAL_ADMINS));
  for (const stage of fallen) audit(work, 'fell-to-admins', { stageIndex: stage.index, reason: 'no-approver-left' });
  if (input.urgent) {
    state.applied = true;
    work.effects.push({ type: 'apply-change' });
    audit(work, 'apply', { urgent: true });
  }
  settle(work);
  const holders = awaitingHolders(state);
  notify(work, holders, 'request-opened');
  if (input.urgent) notify(work, holders.includes(APPROVAL_ADMINS) ? holders : [...holders, APPROVAL_ADMINS], 'urgent-applied');
  return { state, effects: work.effects };
}
