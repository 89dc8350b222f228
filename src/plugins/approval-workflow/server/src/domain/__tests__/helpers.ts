import { TransitionError, type TransitionErrorCode } from '../errors';
import { startRequest } from '../start';
import { transition } from '../transition';
import type {
  Actor,
  Directory,
  Effect,
  ObligationState,
  ObligationRule,
  OwnerRules,
  RequestEvent,
  RequestState,
  Rule,
  StageRule,
  StartInput,
  TimePolicy,
  Transition,
} from '../types';

/** 2025-01-01T00:00:00Z: every test starts here. */
export const T0 = Date.UTC(2025, 0, 1);
export const MIN = 60_000;
export const at = (minutes: number): number => T0 + minutes * MIN;
export const iso = (minutes: number): string => new Date(at(minutes)).toISOString();

export const REQUESTER = 'admin:req';
export const OWNER = 'admin:owner';

export const user = (principal: string): ObligationRule => ({ kind: 'user', principal });
export const role = (id: string, minApprovals?: number): ObligationRule =>
  minApprovals === undefined ? { kind: 'role', id } : { kind: 'role', id, minApprovals };
export const group = (id: string, minApprovals?: number): ObligationRule =>
  minApprovals === undefined ? { kind: 'group', id } : { kind: 'group', id, minApprovals };

export function stage(obligations: ObligationRule[], extra: Partial<StageRule> = {}): StageRule {
  return { name: extra.name ?? 'Review', criteria: 0, obligations, timeSpanMinutes: null, onExpiry: 'deny', ...extra };
}

const NO_OWNER: OwnerRules = {
  ownerApproval: false,
  separateOwnerApproval: false,
  separateGroupApproval: false,
  enforceApprovalOrder: true,
  enforceInitialOwnerApproval: false,
};

export function rule(stages: StageRule[], extra: Partial<Omit<Rule, 'ownerRules'>> & { ownerRules?: Partial<OwnerRules> } = {}): Rule {
  const { ownerRules, ...rest } = extra;
  return {
    id: 'rule-1',
    version: 1,
    name: 'Rule',
    securityLevel: 'simple',
    urgentAllowed: false,
    rejectionPolicy: 'decline',
    stages,
    ...rest,
    ownerRules: { ...NO_OWNER, ...ownerRules },
  };
}

export function start(r: Rule, extra: Partial<StartInput> = {}, directory: Directory['groups'] = {}): Transition {
  return startRequest(
    {
      id: 'req-1',
      rule: r,
      requester: REQUESTER,
      owner: null,
      urgent: false,
      urgentModeEnabled: false,
      directory: { groups: directory },
      ...extra,
    },
    T0,
  );
}

export const person = (principal: string, isApprovalAdmin = false): Actor => ({ principal, isApprovalAdmin });
export const admin = (principal: string): Actor => ({ principal, isApprovalAdmin: true });

export const approve = (principal: string, comment?: string): RequestEvent =>
  comment === undefined ? { type: 'approve', actor: person(principal) } : { type: 'approve', actor: person(principal), comment };
export const reject = (principal: string, comment?: string): RequestEvent =>
  comment === undefined ? { type: 'reject', actor: person(principal) } : { type: 'reject', actor: person(principal), comment };

const POLICY: TimePolicy = { reminderIntervalMinutes: 48 * 60, escalationAfterMinutes: null };
export const tick = (policy: Partial<TimePolicy> = {}): RequestEvent => ({ type: 'tick', policy: { ...POLICY, ...policy } });

/** Applies events one after another, each at the given minute (default: one minute apart). */
export function run(initial: Transition, events: Array<RequestEvent | [RequestEvent, number]>): Transition & { all: Effect[] } {
  let state = initial.state;
  let effects: Effect[] = [];
  const all: Effect[] = [...initial.effects];
  events.forEach((item, i) => {
    const [event, minute] = Array.isArray(item) ? item : [item, i + 1];
    const next = transition(state, event, at(minute));
    state = next.state;
    effects = next.effects;
    all.push(...effects);
  });
  return { state, effects, all };
}

/** Runs `fn` and returns the TransitionError code it threw (fails the test when it does not throw one). */
export function codeOf(fn: () => unknown): TransitionErrorCode {
  let caught: unknown = null;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TransitionError);
  return (caught as TransitionError).code;
}

export const notifies = (effects: Effect[], reason?: string): Array<Extract<Effect, { type: 'notify' }>> =>
  effects.filter((e): e is Extract<Effect, { type: 'notify' }> => e.type === 'notify' && (reason === undefined || e.reason === reason));
export const audits = (effects: Effect[]): string[] =>
  effects.filter((e): e is Extract<Effect, { type: 'audit' }> => e.type === 'audit').map((e) => e.action);
export const applies = (effects: Effect[]): number => effects.filter((e) => e.type === 'apply-change').length;

export const statuses = (state: RequestState): string[] => state.stages.map((s) => `${s.kind}:${s.status}`);
export const obligation = (state: RequestState, holder: string, stageIndex?: number) => {
  const found = state.stages
    .filter((s) => stageIndex === undefined || s.index === stageIndex)
    .flatMap((s) => s.obligations)
    .find((o) => o.holder === holder);
  expect(found).toBeDefined();
  return found as ObligationState;
};

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
