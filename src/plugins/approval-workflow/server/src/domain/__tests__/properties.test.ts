import fc from 'fast-check';
import { TransitionError } from '../errors';
import { awaitingHolders, isAwaiting, isClosed, mayRead, nextDueAt, readScope } from '../queries';
import { startRequest } from '../start';
import { transition } from '../transition';
import type { Effect, ObligationRule, RequestEvent, RequestState, Rule, StageRule, StartInput, TimePolicy, Transition } from '../types';
import { T0, deepFreeze } from './helpers';

const PEOPLE = ['admin:1', 'admin:2', 'admin:3', 'admin:4', 'admin:5', 'admin:6'];
const APPROVAL_ADMIN_PEOPLE = new Set(['admin:1', 'admin:2']);
const GROUP_KEYS = ['role:1', 'role:2', 'group:1', 'group:2'];
const EXTERNAL = ['email:e1@example.org', 'email:e2@example.org'];

const principal = fc.constantFrom(...PEOPLE);
const actorOf = (p: string) => ({ principal: p, isApprovalAdmin: APPROVAL_ADMIN_PEOPLE.has(p) });

const obligationRule: fc.Arbitrary<ObligationRule> = fc.oneof(
  principal.map((p): ObligationRule => ({ kind: 'user', principal: p })),
  fc
    .record({ kind: fc.constantFrom('role' as const, 'group' as const), id: fc.constantFrom('1', '2'), minApprovals: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) })
    .map((o): ObligationRule => (o.minApprovals === undefined ? { kind: o.kind, id: o.id } : o)),
);

const stageRule: fc.Arbitrary<StageRule> = fc.record({
  name: fc.constantFrom('A', 'B', 'C'),
  criteria: fc.integer({ min: 0, max: 4 }),
  obligations: fc.uniqueArray(obligationRule, { minLength: 1, maxLength: 3, selector: (o) => (o.kind === 'user' ? o.principal : `${o.kind}:${o.id}`) }),
  timeSpanMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
  onExpiry: fc.constantFrom('approve' as const, 'deny' as const),
});

const ruleArb: fc.Arbitrary<Rule> = fc.record({
  id: fc.constant('rule'),
  version: fc.constant(1),
  name: fc.constant('Random rule'),
  securityLevel: fc.constantFrom('simple' as const, 'password' as const),
  urgentAllowed: fc.boolean(),
  rejectionPolicy: fc.constantFrom('decline' as const, 'when-unfulfillable' as const),
  ownerRules: fc.record({
    ownerApproval: fc.boolean(),
    separateOwnerApproval: fc.boolean(),
    separateGroupApproval: fc.boolean(),
    enforceApprovalOrder: fc.boolean(),
    enforceInitialOwnerApproval: fc.boolean(),
  }),
  stages: fc.array(stageRule, { minLength: 1, maxLength: 3 }),
});

const startArb: fc.Arbitrary<StartInput> = fc.record({
  id: fc.constant('req'),
  rule: ruleArb,
  requester: principal,
  owner: fc.option(principal, { nil: null }),
  urgent: fc.boolean(),
  urgentModeEnabled: fc.boolean(),
  directory: fc.record({ groups: fc.record(Object.fromEntries(GROUP_KEYS.map((key) => [key, fc.subarray(PEOPLE)]))) }),
  comment: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
});

const policyArb: fc.Arbitrary<TimePolicy> = fc.record({
  reminderIntervalMinutes: fc.integer({ min: 0, max: 200 }),
  escalationAfterMinutes: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
});

const eventArb: fc.Arbitrary<RequestEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('approve' as const), actor: principal.map(actorOf) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reject' as const), actor: principal.map(actorOf) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), actor: principal.map(actorOf) }) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        actor: principal.map(actorOf),
        to: fc.constantFrom(...PEOPLE, ...EXTERNAL),
        obligationId: fc.option(fc.constantFrom('s1.o1', 's1.o2', 's2.o1', 's2.o2', 's3.o1', 's9.o9'), { nil: undefined }),
      })
      .map((d): RequestEvent => (d.obligationId === undefined ? { type: 'delegate', actor: d.actor, to: d.to } : { type: 'delegate', ...d })),
  },
  { weight: 3, arbitrary: policyArb.map((policy): RequestEvent => ({ type: 'tick', policy })) },
  { weight: 1, arbitrary: fc.constant<RequestEvent>({ type: 'apply-failed', reason: 'target changed' }) },
);

/** Events with the minutes elapsed before each. */
const stepsArb = fc.array(fc.tuple(eventArb, fc.integer({ min: 0, max: 90 })), { maxLength: 25 });

interface Step {
  event: RequestEvent;
  now: number;
  before: RequestState;
  result: Transition | null;
  error: string | null;
}

/** Runs a request through the events, freezing every input so that any mutation throws. */
function simulate(input: StartInput, steps: Array<[RequestEvent, number]>): { begun: Transition; trace: Step[]; final: RequestState } | null {
  let begun: Transition;
  try {
    begun = startRequest(deepFreeze(structuredClone(input)), T0);
  } catch (error) {
    expect(error).toBeInstanceOf(TransitionError);
    return null;
  }
  const trace: Step[] = [];
  let state = begun.state;
  let now = T0;
  for (const [event, minutes] of steps) {
    now += minutes * 60_000;
    const before = deepFreeze(state);
    const snapshot = structuredClone(before);
    let result: Transition | null = null;
    let error: string | null = null;
    try {
      result = transition(before, deepFreeze(structuredClone(event)), now);
      state = result.state;
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(TransitionError);
      error = (thrown as TransitionError).code;
    }
    expect(before).toEqual(snapshot);
    trace.push({ event, now, before, result, error });
  }
  return { begun, trace, final: state };
}

const countApplies = (effects: Effect[]): number => effects.filter((e) => e.type === 'apply-change').length;
const humanApproval = (state: RequestState): boolean =>
  state.decisions.some((d) => (d.kind === 'approve' || d.kind === 'override-approve') && d.by !== state.requester);

const RUNS = { numRuns: 400 };

describe('engine properties over random rules, directories and event sequences', () => {
  it('(a) outside urgent mode, the change is applied only after an approval by someone other than the requester', () => {
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        const run = simulate({ ...input, urgent: false }, steps);
        if (run === null) return;
        expect(countApplies(run.begun.effects)).toBe(0);
        for (const step of run.trace) {
          if (step.result && countApplies(step.result.effects) > 0) {
            expect(humanApproval(step.result.state)).toBe(true);
            expect(step.result.state.status).toBe('approved');
          }
        }
      }),
      RUNS,
    );
  });

  it('(b) the change is applied at most once per request', () => {
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        const run = simulate(input, steps);
        if (run === null) return;
        const total = run.trace.reduce((n, step) => n + (step.result ? countApplies(step.result.effects) : 0), countApplies(run.begun.effects));
        expect(total).toBeLessThanOrEqual(1);
        expect(run.final.applied).toBe(total === 1);
      }),
      RUNS,
    );
  });

  it('(c) a closed request accepts no decision and never changes afterwards (but for a failed apply)', () => {
    fc.assert(
      fc.property(startArb, stepsArb, principal, (input, steps, who) => {
        const run = simulate(input, steps);
        if (run === null) return;
        for (const step of run.trace) {
          if (!isClosed(step.before.status)) continue;
          const decisions: RequestEvent[] = [
            { type: 'approve', actor: actorOf(who) },
            { type: 'reject', actor: actorOf(who) },
            { type: 'cancel', actor: actorOf(step.before.requester) },
            { type: 'delegate', actor: actorOf(who), to: 'email:e1@example.org' },
          ];
          for (const event of decisions) {
            expect(() => transition(step.before, event, step.now)).toThrow(expect.objectContaining({ code: 'request-closed' }) as Error);
          }
          if (step.event.type === 'apply-failed' && step.before.status === 'approved') {
            expect(step.result?.state.status).toBe('failed');
            continue;
          }
          if (step.result) {
            expect(step.event.type).toBe('tick');
            expect(step.result.state).toEqual(step.before);
            expect(step.result.effects).toEqual([]);
          } else {
            expect(step.error).toBe('request-closed');
          }
        }
      }),
      RUNS,
    );
  });

  it('(d) determinism: the same start, events and times give the same states and effects', () => {
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        expect(simulate(input, steps)).toEqual(simulate(input, steps));
      }),
      { numRuns: 150 },
    );
  });

  it('(e) the input state is never mutated (frozen inputs, compared before and after)', () => {
    // simulate() freezes every state and event it passes and compares each with its snapshot.
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        const copy = structuredClone(input);
        simulate(input, steps);
        expect(input).toEqual(copy);
      }),
      { numRuns: 150 },
    );
  });

  it('(f) a pending request always waits for someone, with a stage active', () => {
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        const run = simulate(input, steps);
        if (run === null) return;
        for (const state of [run.begun.state, ...run.trace.flatMap((s) => (s.result ? [s.result.state] : []))]) {
          if (state.status !== 'pending') continue;
          expect(awaitingHolders(state).length).toBeGreaterThan(0);
          expect(state.stages.some((stage) => stage.status === 'active')).toBe(true);
          expect(awaitingHolders(state)).not.toContain(state.requester);
        }
      }),
      RUNS,
    );
  });

  it('(h) awaiting implies may read: an "awaiting me" list needs no read scope', () => {
    fc.assert(
      fc.property(startArb, stepsArb, (input, steps) => {
        const run = simulate(input, steps);
        if (run === null) return;
        for (const state of [run.begun.state, ...run.trace.flatMap((s) => (s.result ? [s.result.state] : []))]) {
          for (const reader of PEOPLE.map((p) => ({ ...actorOf(p), canReadAll: false }))) {
            expect(readScope(reader, { awaitingMe: true })).toBeNull();
            if (isAwaiting(state, reader)) expect(mayRead(state, reader)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('(g) nextDueAt: a tick just before it changes nothing, a tick at it changes something', () => {
    fc.assert(
      fc.property(startArb, stepsArb, policyArb, (input, steps, policy) => {
        const run = simulate(input, steps);
        if (run === null) return;
        const state = run.final;
        const due = nextDueAt(state, policy);
        if (due === null) {
          expect(isClosed(state.status) || policy.reminderIntervalMinutes <= 0).toBe(true);
          return;
        }
        expect(transition(state, { type: 'tick', policy }, due - 1).effects).toEqual([]);
        expect(transition(state, { type: 'tick', policy }, due).effects.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});
