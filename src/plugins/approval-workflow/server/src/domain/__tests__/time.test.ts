import { cancellerOf, nextDueAt } from '../queries';
import { transition } from '../transition';
import { APPROVAL_ADMINS, PUBLIC_PRINCIPAL, type Actor, type RequestEvent } from '../types';
import {
  MIN,
  REQUESTER,
  T0,
  admin,
  applies,
  approve,
  at,
  audits,
  codeOf,
  iso,
  notifies,
  obligation,
  person,
  reject,
  rule,
  run,
  stage,
  start,
  statuses,
  tick,
  user,
} from './helpers';

const NO_REMINDERS = { reminderIntervalMinutes: 0 };

describe('tick: a stage that runs out of time (seed 003)', () => {
  const r = rule([
    stage([user('admin:x'), user('admin:y')], { timeSpanMinutes: 30, onExpiry: 'approve', name: 'Quick' }),
    stage([user('admin:z')], { timeSpanMinutes: 60, onExpiry: 'deny', name: 'Legal' }),
  ]);
  const begun = start(r);

  it('before the deadline nothing happens', () => {
    const { state, effects } = run(begun, [[tick(NO_REMINDERS), 29]]);
    expect(effects).toEqual([]);
    expect(state).toEqual(begun.state);
  });

  it('auto-approve: every open obligation is automatically approved, the stage closes, the next starts now', () => {
    const { state, effects } = run(begun, [[approve('admin:x'), 10], [tick(NO_REMINDERS), 31]]);
    expect(obligation(state, 'admin:x')).toMatchObject({ status: 'approved', decidedBy: 'admin:x' });
    expect(obligation(state, 'admin:y')).toMatchObject({ status: 'auto-approved', decidedBy: 'system', decidedAt: iso(31) });
    expect(state.decisions[1]).toEqual({ kind: 'auto-approve', by: 'system', at: iso(31), comment: null, obligations: ['s1.o2'] });
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:active']);
    expect(state.stages[1]).toMatchObject({ startedAt: iso(31), deadline: iso(91) });
    expect(audits(effects)).toEqual(['stage-expired', 'auto-approved', 'stage-fulfilled']);
    expect(effects[0]).toMatchObject({ actor: 'system', at: iso(31), details: { stageIndex: 0, onExpiry: 'approve' } });
    expect(notifies(effects)).toEqual([{ type: 'notify', to: ['admin:z'], reason: 'stage-started', stageIndex: 1 }]);
  });

  it('deny: the request closes as expired, saying which stage ran out of time', () => {
    const { state, effects } = run(begun, [[tick(NO_REMINDERS), 30], [tick(NO_REMINDERS), 90]]);
    expect(state).toMatchObject({ status: 'expired', closedAt: iso(90), reason: 'Stage "Legal" ran out of time' });
    expect(state.stages[1]).toMatchObject({ status: 'expired', closedAt: iso(90) });
    expect(audits(effects)).toEqual(['stage-expired', 'expired']);
    expect(notifies(effects)).toEqual([{ type: 'notify', to: [REQUESTER], reason: 'decided' }]);
    expect(applies(effects)).toBe(0);
  });

  it('a tick on a closed request is a no-op', () => {
    const closed = run(begun, [reject('admin:x')]);
    const next = transition(closed.state, tick(), at(10_000));
    expect(next.state).toBe(closed.state);
    expect(next.effects).toEqual([]);
  });

  it('parallel stages expire in the same tick, in stage order', () => {
    const parallel = rule(r.stages, { ownerRules: { enforceApprovalOrder: false } });
    const { state } = run(start(parallel), [[tick(NO_REMINDERS), 100]]);
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:expired']);
    expect(state.status).toBe('expired');
  });
});

describe('four eyes: automatic approval alone never approves', () => {
  const auto = rule([stage([user('admin:x')], { timeSpanMinutes: 10, onExpiry: 'approve' }), stage([user('admin:y')], { timeSpanMinutes: 10, onExpiry: 'approve' })]);

  it('when every stage closed by expiry, a final stage falls to the approval admins', () => {
    const { state, effects } = run(start(auto), [[tick(NO_REMINDERS), 10], [tick(NO_REMINDERS), 20]]);
    expect(state.status).toBe('pending');
    expect(state.stages[2]).toMatchObject({
      index: 2,
      kind: 'admins',
      name: 'Approval admins',
      status: 'active',
      required: 1,
      startedAt: iso(20),
      deadline: null,
      obligations: [{ id: 's3.o1', holder: APPROVAL_ADMINS }],
    });
    expect(audits(effects)).toEqual(['stage-expired', 'auto-approved', 'stage-fulfilled', 'fell-to-admins']);
    expect(notifies(effects)).toEqual([{ type: 'notify', to: [APPROVAL_ADMINS], reason: 'stage-started', stageIndex: 2 }]);
    expect(applies(effects)).toBe(0);
    expect(codeOf(() => transition(state, approve('admin:x'), at(21)))).toBe('already-decided');
    const done = run({ state, effects: [] }, [[{ type: 'approve', actor: admin('admin:boss') }, 21]]);
    expect(done.state.status).toBe('approved');
    expect(applies(done.effects)).toBe(1);
  });

  it('one human approval is enough: the remaining stages may close by expiry', () => {
    const { state, effects } = run(start(auto), [[approve('admin:x'), 5], [tick(NO_REMINDERS), 15]]);
    expect(state.status).toBe('approved');
    expect(applies(effects)).toBe(1);
    expect(effects.find((e) => e.type === 'audit' && e.action === 'apply')).toMatchObject({ actor: 'system' });
  });
});

describe('urgent requests never expire as denied: they escalate', () => {
  const urgent = rule([stage([user('admin:x')], { timeSpanMinutes: 30, onExpiry: 'deny' })], { urgentAllowed: true });
  const begun = start(urgent, { urgent: true, urgentModeEnabled: true });

  it('expiry escalates to the approval admins once', () => {
    const first = run(begun, [[tick(NO_REMINDERS), 30]]);
    expect(first.state.status).toBe('pending');
    expect(first.state.stages[0]).toMatchObject({ status: 'active', escalatedAt: iso(30) });
    expect(first.effects).toEqual([
      { type: 'notify', to: [APPROVAL_ADMINS], reason: 'escalation', stageIndex: 0 },
      { type: 'audit', action: 'escalated', actor: 'system', at: iso(30), details: { stageIndex: 0, reason: 'stage-expired' } },
    ]);
    const second = run(first, [[tick(NO_REMINDERS), 60]]);
    expect(second.effects).toEqual([]);
    expect(run(second, [[approve('admin:x'), 61]]).state.status).toBe('approved');
  });

  it('auto-approve expiry still auto-approves (and falls to the admins for four eyes)', () => {
    const autoUrgent = rule([stage([user('admin:x')], { timeSpanMinutes: 30, onExpiry: 'approve' })], { urgentAllowed: true });
    const { state, effects } = run(start(autoUrgent, { urgent: true, urgentModeEnabled: true }), [[tick(NO_REMINDERS), 30]]);
    expect(statuses(state)).toEqual(['rule:fulfilled', 'admins:active']);
    expect(applies(effects)).toBe(0);
  });
});

describe('reminders: once per interval after the request opened (seed 000: 48 hours)', () => {
  const begun = start(rule([stage([user('admin:x'), user('admin:y')], { criteria: 0 })]));
  const remind = tick({ reminderIntervalMinutes: 60 });

  it.each<[string, number[], number, number]>([
    ['not before the first interval', [59], 0, 0],
    ['the first at createdAt + interval', [60], 1, 1],
    ['once per interval', [60, 90, 119], 1, 1],
    ['the second at createdAt + 2 intervals', [60, 120], 2, 2],
    ['a late tick sends one and catches the count up', [250], 1, 4],
    ['a late tick after an earlier reminder', [60, 250], 2, 4],
  ])('%s', (_label, minutes, sent, count) => {
    const { state, all } = run(begun, minutes.map((m) => [remind, m] as [RequestEvent, number]));
    expect(notifies(all, 'reminder')).toHaveLength(sent);
    expect(state.remindersSent).toBe(count);
  });

  it('go to the holders of open obligations in active stages, with an audit', () => {
    const { effects } = run(begun, [[approve('admin:x'), 1], [remind, 60]]);
    expect(effects).toEqual([
      { type: 'notify', to: ['admin:y'], reason: 'reminder' },
      { type: 'audit', action: 'reminded', actor: 'system', at: iso(60), details: { count: 1 } },
    ]);
  });

  it.each([0, -5])('interval %i switches reminders off', (reminderIntervalMinutes) => {
    const { all } = run(begun, [[tick({ reminderIntervalMinutes }), 10_000]]);
    expect(notifies(all, 'reminder')).toEqual([]);
  });

  it('no reminder once a tick closed the request', () => {
    const expiring = start(rule([stage([user('admin:x')], { timeSpanMinutes: 60, onExpiry: 'deny' })]));
    const { effects } = run(expiring, [[remind, 60]]);
    expect(notifies(effects, 'reminder')).toEqual([]);
  });
});

describe('escalation: once, after the configured delay', () => {
  const begun = start(rule([stage([user('admin:x')])]));
  const escalate = tick({ reminderIntervalMinutes: 0, escalationAfterMinutes: 120 });

  it('escalates to the approval admins once', () => {
    const early = run(begun, [[escalate, 119]]);
    expect(early.effects).toEqual([]);
    const due = run(early, [[escalate, 120]]);
    expect(due.state.escalatedAt).toBe(iso(120));
    expect(due.effects).toEqual([
      { type: 'notify', to: [APPROVAL_ADMINS], reason: 'escalation' },
      { type: 'audit', action: 'escalated', actor: 'system', at: iso(120), details: { reason: 'pending-too-long', afterMinutes: 120 } },
    ]);
    expect(run(due, [[escalate, 500]]).effects).toEqual([]);
  });

  it('never without a delay', () => {
    expect(run(begun, [[tick({ escalationAfterMinutes: null, reminderIntervalMinutes: 0 }), 100_000]]).effects).toEqual([]);
  });
});

describe('nextDueAt: when a tick would next change something', () => {
  const policy = { reminderIntervalMinutes: 60, escalationAfterMinutes: 90 };
  const timed = rule([stage([user('admin:x')], { timeSpanMinutes: 30 }), stage([user('admin:y')], { timeSpanMinutes: 5 })]);

  it.each<[string, { reminderIntervalMinutes: number; escalationAfterMinutes: number | null }, number | null]>([
    ['the active stage deadline first', policy, at(30)],
    ['the next reminder', { reminderIntervalMinutes: 20, escalationAfterMinutes: null }, at(20)],
    ['the escalation', { reminderIntervalMinutes: 0, escalationAfterMinutes: 10 }, at(10)],
  ])('%s', (_label, p, expected) => {
    expect(nextDueAt(start(timed).state, p)).toBe(expected);
  });

  it('null when nothing is due or the request is closed', () => {
    const untimed = start(rule([stage([user('admin:x')])]));
    expect(nextDueAt(untimed.state, { reminderIntervalMinutes: 0, escalationAfterMinutes: null })).toBeNull();
    expect(nextDueAt(run(untimed, [approve('admin:x')]).state, policy)).toBeNull();
  });

  it('counts reminders already sent and skips a done escalation', () => {
    const { state } = run(start(rule([stage([user('admin:x')])])), [[tick(policy), 95]]);
    expect(state).toMatchObject({ remindersSent: 1, escalatedAt: iso(95) });
    expect(nextDueAt(state, policy)).toBe(T0 + 120 * MIN);
  });

  it('ignores the deadline of an urgent stage that already escalated', () => {
    const urgent = rule([stage([user('admin:x')], { timeSpanMinutes: 30, onExpiry: 'deny' })], { urgentAllowed: true });
    const begun = start(urgent, { urgent: true, urgentModeEnabled: true });
    const quiet = { reminderIntervalMinutes: 0, escalationAfterMinutes: null };
    expect(nextDueAt(begun.state, quiet)).toBe(at(30));
    expect(nextDueAt(run(begun, [[tick(quiet), 31]]).state, quiet)).toBeNull();
  });

  it('a tick at nextDueAt changes something', () => {
    const begun = start(timed);
    const due = nextDueAt(begun.state, policy) as number;
    expect(transition(begun.state, { type: 'tick', policy }, due).effects.length).toBeGreaterThan(0);
    expect(transition(begun.state, { type: 'tick', policy }, due - 1).effects).toEqual([]);
  });
});

describe('cancel (seed 004): the requester, while pending', () => {
  const begun = start(rule([stage([user('admin:x')])]));

  it.each<[string, string | undefined, string]>([
    ['with a comment', 'not needed', 'not needed'],
    ['without a comment', undefined, 'Cancelled by the requester'],
  ])('cancels %s', (_label, comment, reason) => {
    const event: RequestEvent = comment === undefined ? { type: 'cancel', actor: person(REQUESTER) } : { type: 'cancel', actor: person(REQUESTER), comment };
    const { state, effects } = run(begun, [event]);
    expect(state).toMatchObject({ status: 'cancelled', reason, closedAt: iso(1) });
    expect(effects).toEqual([
      { type: 'audit', action: 'cancelled', actor: REQUESTER, at: iso(1), details: { status: 'cancelled', comment: comment ?? null } },
    ]);
  });

  it('refuses anyone else, approval admins included', () => {
    expect(codeOf(() => transition(begun.state, { type: 'cancel', actor: person('admin:x') }, at(1)))).toBe('only-requester-can-cancel');
    expect(codeOf(() => transition(begun.state, { type: 'cancel', actor: admin('admin:boss') }, at(1)))).toBe('only-requester-can-cancel');
  });

  describe('a request by public (an anonymous HTTP write): nobody can come back as its requester', () => {
    const anonymous = start(rule([stage([user('admin:x')])]), { requester: PUBLIC_PRINCIPAL });

    it.each<[string, Actor, 'requester' | 'approval-admin' | null]>([
      ['an approval admin may cancel it', admin('admin:boss'), 'approval-admin'],
      ['public may not (no one is authenticated as public)', person(PUBLIC_PRINCIPAL), null],
      ['its approver may not', person('admin:x'), null],
      ['another person may not', person('user:7'), null],
    ])('%s', (_label, actor, canceller) => {
      expect(cancellerOf(anonymous.state, actor)).toBe(canceller);
      expect(cancellerOf(begun.state, actor)).toBeNull();
    });

    it('an approval admin cancels it; the reason says so (without the raw principal)', () => {
      const { state, effects } = run(anonymous, [{ type: 'cancel', actor: admin('admin:boss') }]);
      expect(state).toMatchObject({ status: 'cancelled', reason: 'Cancelled by an approval admin', closedAt: iso(1) });
      expect(effects).toEqual([
        { type: 'audit', action: 'cancelled', actor: 'admin:boss', at: iso(1), details: { status: 'cancelled', comment: null } },
      ]);
    });

    it('refuses its approver and anyone who is not an approval admin', () => {
      for (const actor of [person('admin:x'), person(PUBLIC_PRINCIPAL), person('user:7')]) {
        expect(codeOf(() => transition(anonymous.state, { type: 'cancel', actor }, at(1)))).toBe('only-requester-can-cancel');
      }
    });

    it('keeps four eyes: public is nobody, so an approver still decides, and public never decides', () => {
      expect(codeOf(() => transition(anonymous.state, approve(PUBLIC_PRINCIPAL), at(1)))).toBe('requester-cannot-decide');
      const { state, effects } = run(anonymous, [approve('admin:x')]);
      expect(state.status).toBe('approved');
      expect(applies(effects)).toBe(1);
    });

    it('a closed one cannot be cancelled, not even by an approval admin', () => {
      const { state } = run(anonymous, [approve('admin:x')]);
      expect(codeOf(() => transition(state, { type: 'cancel', actor: admin('admin:boss') }, at(2)))).toBe('request-closed');
    });
  });

  it('refuses a closed request', () => {
    const { state } = run(begun, [approve('admin:x')]);
    expect(codeOf(() => transition(state, { type: 'cancel', actor: person(REQUESTER) }, at(2)))).toBe('request-closed');
  });

  it('cancelling an urgent request does not undo the change already applied', () => {
    const urgent = start(rule([stage([user('admin:x')])], { urgentAllowed: true }), { urgent: true, urgentModeEnabled: true });
    const { state, effects } = run(urgent, [{ type: 'cancel', actor: person(REQUESTER) }]);
    expect(state).toMatchObject({ status: 'cancelled', applied: true });
    expect(applies(effects)).toBe(0);
  });
});

describe('apply-failed: applying the change raised an error', () => {
  const r = rule([stage([user('admin:x')])], { urgentAllowed: true });

  it.each<[string, RequestEvent[], boolean]>([
    ['an approved request', [approve('admin:x')], false],
    ['an urgent request, applied at start', [], true],
  ])('%s becomes failed with the reason', (_label, events, urgent) => {
    const { state, effects } = run(run(start(r, { urgent, urgentModeEnabled: urgent }), events), [[{ type: 'apply-failed', reason: 'target changed' }, 5]]);
    expect(state).toMatchObject({ status: 'failed', reason: 'target changed', closedAt: iso(5) });
    expect(effects).toEqual([
      { type: 'audit', action: 'failed', actor: 'system', at: iso(5), details: { status: 'failed', reason: 'target changed' } },
      { type: 'notify', to: [REQUESTER], reason: 'decided' },
    ]);
  });

  it.each<[string, RequestEvent[]]>([
    ['a pending request that was not applied', []],
    ['a declined request', [reject('admin:x')]],
    ['a failed request', [approve('admin:x'), { type: 'apply-failed', reason: 'x' }]],
  ])('is refused for %s', (_label, events) => {
    const { state } = run(start(r), events);
    expect(codeOf(() => transition(state, { type: 'apply-failed', reason: 'boom' }, at(9)))).toBe('request-closed');
  });
});
