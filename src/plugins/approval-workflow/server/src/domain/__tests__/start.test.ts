import { TransitionError } from '../errors';
import { APPROVAL_ADMINS } from '../types';
import { OWNER, REQUESTER, applies, audits, codeOf, group, iso, notifies, role, rule, stage, start, statuses, user } from './helpers';

const A = ['admin:a1', 'admin:a2', 'admin:a3', 'admin:a4'];

describe('startRequest: refusals', () => {
  it.each([
    [false, false, true],
    [false, true, true],
    [true, false, true],
    [true, true, false],
  ])('urgent with urgent mode %p and rule allowing %p → refused %p', (modeOn, ruleAllows, refused) => {
    const r = rule([stage([user('admin:x')])], { urgentAllowed: ruleAllows });
    const go = () => start(r, { urgent: true, urgentModeEnabled: modeOn });
    if (refused) expect(codeOf(go)).toBe('urgent-not-allowed');
    else expect(go().state.urgent).toBe(true);
  });

  it('a non-urgent request ignores urgent mode', () => {
    expect(start(rule([stage([user('admin:x')])]), { urgentModeEnabled: true }).state.urgent).toBe(false);
  });

  it('refuses a rule that validateRule rejects, listing the problems', () => {
    let thrown: unknown;
    try {
      start(rule([], { name: '' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TransitionError);
    const error = thrown as TransitionError;
    expect(error).toMatchObject({ code: 'invalid-rule', requestId: 'req-1', status: null, event: 'start' });
    expect(error.message).toContain('name: A rule needs a name.');
    expect(error.details.problems).toHaveLength(2);
  });
});

describe('startRequest: stages, obligations and criteria (seed 003)', () => {
  it('expands users, roles and groups to one obligation per distinct principal, with every step it stands for', () => {
    const r = rule([stage([user('admin:u'), role('editors'), group('legal'), group('nobody')])]);
    const { state } = start(r, {}, { 'role:editors': ['admin:u', 'admin:e', 'admin:e'], 'group:legal': ['admin:e', 'email:l@x.org'] });
    expect(state.stages[0].obligations.map((o) => [o.id, o.holder, o.sources])).toEqual([
      ['s1.o1', 'admin:u', [{ kind: 'user' }, { kind: 'role', id: 'editors' }]],
      ['s1.o2', 'admin:e', [{ kind: 'role', id: 'editors' }, { kind: 'group', id: 'legal' }]],
      ['s1.o3', 'email:l@x.org', [{ kind: 'group', id: 'legal' }]],
    ]);
    expect(state.stages[0]).toMatchObject({ required: 3, groups: [], kind: 'rule', status: 'active', name: 'Review' });
  });

  it('seed 003: "at least 2 users out of group A", then a stage where everyone approves', () => {
    const r = rule([stage([group('A')], { criteria: 2, name: 'Two of A' }), stage([user('admin:boss'), user('admin:cfo')], { criteria: 0 })]);
    const { state } = start(r, {}, { 'group:A': A });
    expect(state.stages.map((s) => [s.name, s.required, s.obligations.length, s.status])).toEqual([
      ['Two of A', 2, 4, 'active'],
      ['Review', 2, 2, 'waiting'],
    ]);
  });

  it.each([
    [0, 3, 3],
    [1, 3, 1],
    [3, 3, 3],
    [5, 3, 3],
    [9, 1, 1],
  ])('criteria %i with %i obligations → %i required', (criteria, members, required) => {
    const r = rule([stage([group('A')], { criteria })]);
    expect(start(r, {}, { 'group:A': A.slice(0, members) }).state.stages[0].required).toBe(required);
  });

  it('removes the requester everywhere (four eyes) and reduces criteria to the obligations left', () => {
    const r = rule([stage([user(REQUESTER), group('A')], { criteria: 3 }), stage([group('A')], { criteria: 0 })]);
    const { state } = start(r, {}, { 'group:A': [REQUESTER, 'admin:a1', 'admin:a2'] });
    expect(state.stages.map((s) => s.obligations.map((o) => o.holder))).toEqual([
      ['admin:a1', 'admin:a2'],
      ['admin:a1', 'admin:a2'],
    ]);
    expect(state.stages.map((s) => s.required)).toEqual([2, 2]);
  });

  it.each([
    ['only the requester', [user(REQUESTER)], { 'role:x': [] }],
    ['an empty group', [role('x', 2)], { 'role:x': [] }],
    ['an unknown group', [group('ghost')], {}],
    ['a group of the requester alone', [role('x', 1)], { 'role:x': [REQUESTER] }],
  ])('a stage left with no obligation (%s) falls to the approval admins', (_label, obligations, directory) => {
    const r = rule([stage(obligations, { criteria: 2, timeSpanMinutes: 30, onExpiry: 'approve' })]);
    const { state, effects } = start(r, {}, directory);
    expect(state.stages[0]).toMatchObject({
      kind: 'rule',
      required: 1,
      groups: [],
      timeSpanMinutes: 30,
      onExpiry: 'approve',
      obligations: [{ id: 's1.o1', holder: APPROVAL_ADMINS, sources: [{ kind: 'admins' }], status: 'open' }],
    });
    expect(audits(effects)).toEqual(['requested', 'fell-to-admins']);
    expect(notifies(effects, 'request-opened')[0].to).toEqual([APPROVAL_ADMINS]);
  });

  it('group minimums: kept, reduced to the members left, absent without minApprovals', () => {
    const r = rule([stage([role('big', 2), role('small', 3), group('free'), user('admin:u')])]);
    const { state } = start(r, {}, {
      'role:big': A,
      'role:small': [REQUESTER, 'admin:s1', 'admin:s2'],
      'group:free': ['admin:f'],
    });
    expect(state.stages[0].groups).toEqual([
      { key: 'role:big', min: 2 },
      { key: 'role:small', min: 2 },
    ]);
  });

  it('a member named as a user step of the stage does not count toward the group minimum', () => {
    const r = rule([stage([user('admin:a1'), group('A', 4)])]);
    expect(start(r, {}, { 'group:A': A }).state.stages[0].groups).toEqual([{ key: 'group:A', min: 3 }]);
  });

  it('freezes group membership at start: the state keeps the members it was built with', () => {
    const groups = { 'group:A': ['admin:a1'] };
    const { state } = start(rule([stage([group('A')])]), {}, groups);
    groups['group:A'].push('admin:late');
    expect(state.stages[0].obligations.map((o) => o.holder)).toEqual(['admin:a1']);
  });
});

describe('startRequest: owner approval (seed 002)', () => {
  const stages = [stage([user(OWNER), user('admin:x')], { criteria: 0 }), stage([group('A')])];
  const groups = { 'group:A': [OWNER, 'admin:a1'] };

  it('adds an implicit first stage "Owner approval" and links a user step naming the owner to it', () => {
    const { state } = start(rule(stages, { ownerRules: { ownerApproval: true } }), { owner: OWNER }, groups);
    expect(state.stages[0]).toMatchObject({
      index: 0,
      name: 'Owner approval',
      kind: 'owner',
      required: 1,
      timeSpanMinutes: null,
      obligations: [{ id: 's1.o1', holder: OWNER, sources: [{ kind: 'owner' }] }],
    });
    expect(state.stages[1].obligations.map((o) => [o.id, o.holder, o.linkedTo])).toEqual([
      ['s2.o1', OWNER, 's1.o1'],
      ['s2.o2', 'admin:x', null],
    ]);
    // A group obligation of the owner is not linked: it is covered (or not) by separate owner approval.
    expect(state.stages[2].obligations.map((o) => [o.holder, o.linkedTo])).toEqual([
      [OWNER, null],
      ['admin:a1', null],
    ]);
  });

  it.each([
    ['owner approval off', false, OWNER],
    ['no owner', true, null],
    ['the owner is the requester', true, REQUESTER],
  ])('no owner stage when %s', (_label, ownerApproval, owner) => {
    const { state } = start(rule(stages, { ownerRules: { ownerApproval } }), { owner }, groups);
    expect(state.stages.map((s) => s.kind)).toEqual(['rule', 'rule']);
    expect(state.stages.flatMap((s) => s.obligations).every((o) => o.linkedTo === null)).toBe(true);
  });
});

describe('startRequest: approval order', () => {
  const stages = [stage([user('admin:x')], { timeSpanMinutes: 60 }), stage([user('admin:y')])];
  it.each([
    ['enforced order: one stage at a time, owner first', true, false, true, ['owner:active', 'rule:waiting', 'rule:waiting']],
    ['enforced order wins over initial owner', true, true, true, ['owner:active', 'rule:waiting', 'rule:waiting']],
    ['initial owner approval: the owner first, then all stages together', false, true, true, ['owner:active', 'rule:waiting', 'rule:waiting']],
    ['no order: every stage starts with the request', false, false, true, ['owner:active', 'rule:active', 'rule:active']],
    ['initial owner approval without owner stage: all at once', false, true, false, ['rule:active', 'rule:active']],
    ['enforced order without owner stage', true, false, false, ['rule:active', 'rule:waiting']],
  ])('%s', (_label, enforceApprovalOrder, enforceInitialOwnerApproval, ownerApproval, expected) => {
    const r = rule(stages, { ownerRules: { enforceApprovalOrder, enforceInitialOwnerApproval, ownerApproval } });
    expect(statuses(start(r, { owner: OWNER }).state)).toEqual(expected);
  });

  it('records start and deadline (start + time span) of the stages that start', () => {
    const r = rule(stages, { ownerRules: { enforceApprovalOrder: false } });
    const { state } = start(r);
    expect(state.stages.map((s) => [s.startedAt, s.deadline])).toEqual([
      [iso(0), iso(60)],
      [iso(0), null],
    ]);
  });
});

describe('startRequest: effects', () => {
  it('audits "requested" and tells the holders of the active stages', () => {
    const r = rule([stage([user('admin:x'), group('A')]), stage([user('admin:later')])]);
    const { state, effects } = start(r, { comment: 'please' }, { 'group:A': ['admin:a1'] });
    expect(state).toMatchObject({ status: 'pending', applied: false, createdAt: iso(0), requester: REQUESTER, decisions: [] });
    expect(effects).toEqual([
      {
        type: 'audit',
        action: 'requested',
        actor: REQUESTER,
        at: iso(0),
        details: { ruleId: 'rule-1', ruleVersion: 1, owner: null, urgent: false, comment: 'please', stages: 2 },
      },
      { type: 'notify', to: ['admin:x', 'admin:a1'], reason: 'request-opened' },
    ]);
    expect(applies(effects)).toBe(0);
  });

  it('urgent (allowed): applied at start, still pending for approval', () => {
    const r = rule([stage([user('admin:x')])], { urgentAllowed: true });
    const { state, effects } = start(r, { urgent: true, urgentModeEnabled: true });
    expect(state).toMatchObject({ status: 'pending', applied: true, urgent: true });
    expect(applies(effects)).toBe(1);
    expect(audits(effects)).toEqual(['requested', 'apply']);
    expect(notifies(effects, 'urgent-applied')[0].to).toEqual(['admin:x', APPROVAL_ADMINS]);
  });

  it('urgent on a stage that fell to the admins tells the admins once', () => {
    const r = rule([stage([user(REQUESTER)])], { urgentAllowed: true });
    const { effects } = start(r, { urgent: true, urgentModeEnabled: true });
    expect(notifies(effects, 'urgent-applied')[0].to).toEqual([APPROVAL_ADMINS]);
  });
});
