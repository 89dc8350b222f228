import { transition } from '../transition';
import type { RequestEvent } from '../types';
import { OWNER, REQUESTER, approve, at, codeOf, group, iso, notifies, obligation, person, reject, rule, run, stage, start, user } from './helpers';

const delegate = (from: string, to: string, extra: { obligationId?: string; comment?: string } = {}): RequestEvent => ({
  type: 'delegate',
  actor: person(from),
  to,
  ...extra,
});

describe('delegate (seed 000): a holder hands an obligation to someone else', () => {
  const r = rule([stage([user('admin:x'), user('admin:y')]), stage([user('admin:x'), group('A')])]);
  const begun = start(r, {}, { 'group:A': ['admin:a1'] });

  it('to an internal user: the delegate holds it and decides it', () => {
    const { state, effects } = run(begun, [delegate('admin:y', 'admin:d', { comment: 'on leave' })]);
    expect(state.stages[0].obligations[1]).toMatchObject({ holder: 'admin:d', delegatedFrom: 'admin:y', status: 'open' });
    expect(effects).toEqual([
      {
        type: 'audit',
        action: 'delegated',
        actor: 'admin:y',
        at: iso(1),
        details: { obligations: ['s1.o2'], from: 'admin:y', to: 'admin:d', comment: 'on leave' },
      },
      { type: 'notify', to: ['admin:d'], reason: 'delegated', stageIndex: 0 },
    ]);
    expect(codeOf(() => transition(state, approve('admin:y'), at(2)))).toBe('not-an-approver');
    const done = run({ state, effects: [] }, [[approve('admin:x'), 2], [approve('admin:d'), 3]]);
    expect(done.state.stages[0].status).toBe('fulfilled');
  });

  it('to an external approver by email', () => {
    const { state } = run(begun, [delegate('admin:y', 'email:ext@example.org'), approve('email:ext@example.org')]);
    expect(obligation(state, 'email:ext@example.org')).toMatchObject({ status: 'approved', delegatedFrom: 'admin:y', decidedBy: 'email:ext@example.org' });
  });

  it('without an obligation id: every open obligation of the actor, waiting stages included', () => {
    const { state, effects } = run(begun, [delegate('admin:x', 'admin:d')]);
    expect([obligation(state, 'admin:d', 0).id, obligation(state, 'admin:d', 1).id]).toEqual(['s1.o1', 's2.o1']);
    expect(notifies(effects, 'delegated').map((n) => n.stageIndex)).toEqual([0, 1]);
    expect(effects[0]).toMatchObject({ details: { obligations: ['s1.o1', 's2.o1'], comment: null } });
  });

  it('with an obligation id: only that one', () => {
    const { state } = run(begun, [delegate('admin:x', 'admin:d', { obligationId: 's2.o1' })]);
    expect(obligation(state, 'admin:x', 0).id).toBe('s1.o1');
    expect(obligation(state, 'admin:d', 1).id).toBe('s2.o1');
  });

  it('the owner delegates the owner approval', () => {
    const owned = start(rule([stage([user('admin:x')])], { ownerRules: { ownerApproval: true } }), { owner: OWNER });
    const { state } = run(owned, [delegate(OWNER, 'admin:d'), approve('admin:d')]);
    expect(state.stages[0]).toMatchObject({ kind: 'owner', status: 'fulfilled' });
  });

  it.each<[string, RequestEvent, string]>([
    ['to the requester', delegate('admin:x', REQUESTER), 'invalid-delegate'],
    ['to oneself', delegate('admin:x', 'admin:x'), 'invalid-delegate'],
    ['to nobody', delegate('admin:x', '  '), 'invalid-delegate'],
    ['to the approval admins marker', delegate('admin:x', 'approval-admins'), 'invalid-delegate'],
    ['to the system', delegate('admin:x', 'system'), 'invalid-delegate'],
    ['to public (nobody)', delegate('admin:x', 'public'), 'invalid-delegate'],
    ['to someone holding an obligation in that stage', delegate('admin:x', 'admin:y'), 'delegate-already-approver'],
    ['by someone holding nothing', delegate('admin:nobody', 'admin:d'), 'not-an-approver'],
    ['by the requester', delegate(REQUESTER, 'admin:d'), 'not-an-approver'],
    ['an unknown obligation', delegate('admin:x', 'admin:d', { obligationId: 's9.o9' }), 'unknown-obligation'],
    ["someone else's obligation", delegate('admin:x', 'admin:d', { obligationId: 's1.o2' }), 'not-an-approver'],
  ])('refuses a delegation %s', (_label, event, code) => {
    expect(codeOf(() => transition(begun.state, event, at(1)))).toBe(code);
  });

  it('refuses a delegate delegating further', () => {
    const { state } = run(begun, [delegate('admin:y', 'admin:d')]);
    expect(codeOf(() => transition(state, delegate('admin:d', 'admin:e'), at(2)))).toBe('already-delegated');
    expect(codeOf(() => transition(state, delegate('admin:d', 'admin:e', { obligationId: 's1.o2' }), at(2)))).toBe('already-delegated');
  });

  it('refuses a decided obligation, or one in a closed stage', () => {
    const decided = run(begun, [approve('admin:y')]);
    expect(codeOf(() => transition(decided.state, delegate('admin:y', 'admin:d'), at(2)))).toBe('not-an-approver');
    const criteriaOne = start(rule([stage([user('admin:x'), user('admin:y')], { criteria: 1 }), stage([user('admin:z')])]));
    const closed = run(criteriaOne, [approve('admin:x')]);
    expect(codeOf(() => transition(closed.state, delegate('admin:y', 'admin:d'), at(2)))).toBe('not-an-approver');
  });

  it('refuses a step linked to the owner approval (it follows the owner approval)', () => {
    const owned = start(rule([stage([user(OWNER)])], { ownerRules: { ownerApproval: true } }), { owner: OWNER });
    expect(codeOf(() => transition(owned.state, delegate(OWNER, 'admin:d', { obligationId: 's2.o1' }), at(1)))).toBe('not-an-approver');
  });

  it('refuses on a closed request', () => {
    const { state } = run(begun, [reject('admin:x')]);
    expect(codeOf(() => transition(state, delegate('admin:y', 'admin:d'), at(2)))).toBe('request-closed');
  });
});

describe('an external approver (seed 000): a link decides one obligation, and the audit names the delegator', () => {
  // Two stages that run together (no enforced order): the same address holds an obligation in each.
  const parallel = rule([stage([user('admin:x')]), stage([user('admin:y')])], { ownerRules: { enforceApprovalOrder: false } });
  const EXT = 'email:ext@example.org';
  const both = run(start(parallel), [delegate('admin:x', EXT), delegate('admin:y', EXT)]);
  const decideOne = (type: 'approve' | 'reject', obligationId: string): RequestEvent => ({ type, actor: person(EXT), comment: 'via link', obligationId });

  it('approving with an obligation id decides that obligation only, audited with its delegator', () => {
    const { state, effects } = transition(both.state, decideOne('approve', 's2.o1'), at(5));
    expect(state.stages.map((s) => s.obligations[0].status)).toEqual(['open', 'approved']);
    expect(effects).toContainEqual({
      type: 'audit',
      action: 'approved',
      actor: EXT,
      at: iso(5),
      details: { obligations: ['s2.o1'], comment: 'via link', delegatedBy: ['admin:y'] },
    });
  });

  it('rejecting with an obligation id: audited with its delegator', () => {
    const { state, effects } = transition(both.state, decideOne('reject', 's1.o1'), at(5));
    expect(state.status).toBe('declined');
    expect(effects).toContainEqual(expect.objectContaining({ action: 'rejected', details: { obligations: ['s1.o1'], comment: 'via link', delegatedBy: ['admin:x'] } }));
  });

  it('the same obligation twice → already-decided; an obligation of someone else → not-an-approver', () => {
    const once = transition(both.state, decideOne('approve', 's1.o1'), at(5));
    expect(codeOf(() => transition(once.state, decideOne('approve', 's1.o1'), at(6)))).toBe('already-decided');
    const internal = run(start(parallel), [delegate('admin:x', EXT)]);
    expect(codeOf(() => transition(internal.state, decideOne('approve', 's2.o1'), at(6)))).toBe('not-an-approver');
  });

  it('an obligation in a stage not started yet → stage-not-started; never an admin override', () => {
    const ordered = run(start(rule([stage([user('admin:x')]), stage([user('admin:y')])])), [delegate('admin:y', EXT)]);
    expect(codeOf(() => transition(ordered.state, decideOne('approve', 's2.o1'), at(5)))).toBe('stage-not-started');
    const override: RequestEvent = { type: 'approve', actor: { principal: 'admin:boss', isApprovalAdmin: true }, obligationId: 's1.o1' };
    expect(codeOf(() => transition(ordered.state, override, at(5)))).toBe('not-an-approver');
  });

  it('an internal delegate decides without an obligation id: every obligation held, the delegator named', () => {
    const { effects } = run(start(rule([stage([user('admin:x'), user('admin:y')])])), [delegate('admin:y', 'admin:d'), approve('admin:d')]);
    expect(effects).toContainEqual(expect.objectContaining({ action: 'approved', details: { obligations: ['s1.o2'], comment: null, delegatedBy: ['admin:y'] } }));
  });
});
