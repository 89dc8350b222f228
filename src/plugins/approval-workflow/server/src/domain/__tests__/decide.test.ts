import { transition } from '../transition';
import { APPROVAL_ADMINS, type RequestEvent } from '../types';
import {
  OWNER,
  REQUESTER,
  admin,
  applies,
  approve,
  at,
  audits,
  codeOf,
  group,
  iso,
  notifies,
  obligation,
  person,
  reject,
  role,
  rule,
  run,
  stage,
  start,
  statuses,
  user,
} from './helpers';

describe('approve: stages close on their criteria and the next starts', () => {
  it('one approver: approved, the change applied once, the requester told', () => {
    const begun = start(rule([stage([user('admin:x')])]));
    const { state, effects } = run(begun, [approve('admin:x', 'fine')]);
    expect(state).toMatchObject({ status: 'approved', closedAt: iso(1), applied: true });
    expect(state.decisions).toEqual([{ kind: 'approve', by: 'admin:x', at: iso(1), comment: 'fine', obligations: ['s1.o1'] }]);
    expect(obligation(state, 'admin:x')).toMatchObject({ status: 'approved', decidedBy: 'admin:x', decidedAt: iso(1), comment: 'fine' });
    expect(effects).toEqual([
      { type: 'audit', action: 'approved', actor: 'admin:x', at: iso(1), details: { obligations: ['s1.o1'], comment: 'fine' } },
      { type: 'audit', action: 'stage-fulfilled', actor: 'admin:x', at: iso(1), details: { stageIndex: 0 } },
      { type: 'audit', action: 'approved', actor: 'admin:x', at: iso(1), details: { status: 'approved' } },
      { type: 'apply-change' },
      { type: 'audit', action: 'apply', actor: 'admin:x', at: iso(1), details: {} },
      { type: 'notify', to: [REQUESTER], reason: 'decided' },
    ]);
  });

  it('seed 003: two of group A close stage 1, stage 2 starts then, and needs everyone', () => {
    const r = rule([stage([group('A')], { criteria: 2, timeSpanMinutes: 10 }), stage([user('admin:boss'), user('admin:cfo')], { timeSpanMinutes: 30 })]);
    const begun = start(r, {}, { 'group:A': ['admin:a1', 'admin:a2', 'admin:a3'] });
    const one = run(begun, [approve('admin:a1')]);
    expect(statuses(one.state)).toEqual(['rule:active', 'rule:waiting']);
    const two = run(one, [[approve('admin:a3'), 5]]);
    expect(statuses(two.state)).toEqual(['rule:fulfilled', 'rule:active']);
    expect(two.state.stages[1]).toMatchObject({ startedAt: iso(5), deadline: iso(35) });
    expect(two.state.stages[0].closedAt).toBe(iso(5));
    expect(notifies(two.effects, 'stage-started')).toEqual([{ type: 'notify', to: ['admin:boss', 'admin:cfo'], reason: 'stage-started', stageIndex: 1 }]);
    expect(codeOf(() => transition(two.state, approve('admin:a2'), at(6)))).toBe('already-decided');
    const three = run(two, [[approve('admin:boss'), 7]]);
    expect(three.state.status).toBe('pending');
    expect(run(three, [[approve('admin:cfo'), 8]]).state.status).toBe('approved');
  });

  it('an approval counts for every open obligation of the approver in the active stages', () => {
    const r = rule([stage([user('admin:x')]), stage([user('admin:x'), user('admin:y')])], { ownerRules: { enforceApprovalOrder: false } });
    const { state } = run(start(r), [approve('admin:x')]);
    expect(state.decisions[0].obligations).toEqual(['s1.o1', 's2.o1']);
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:active']);
  });

  it('a user approving twice counts once', () => {
    const begun = start(rule([stage([user('admin:x'), user('admin:y')])]));
    const once = run(begun, [approve('admin:x')]);
    expect(codeOf(() => transition(once.state, approve('admin:x'), at(2)))).toBe('already-decided');
    expect(once.state.stages[0].status).toBe('active');
  });
});

describe('who may decide', () => {
  const r = rule([stage([user('admin:x'), user('admin:x2')], { criteria: 1 }), stage([user('admin:y')])]);
  const begun = start(r);

  it.each<[string, RequestEvent, string]>([
    ['the requester', approve(REQUESTER), 'requester-cannot-decide'],
    ['the requester, even as an approval admin', { type: 'approve', actor: admin(REQUESTER) }, 'requester-cannot-decide'],
    ['the requester rejecting', reject(REQUESTER), 'requester-cannot-decide'],
    ['a holder of a later stage', approve('admin:y'), 'stage-not-started'],
    ['a stranger', approve('admin:nobody'), 'not-an-approver'],
    ['a stranger rejecting', reject('admin:nobody'), 'not-an-approver'],
  ])('refuses %s', (_label, event, code) => {
    expect(codeOf(() => transition(begun.state, event, at(1)))).toBe(code);
  });

  it('a holder whose stage was fulfilled without them has nothing left to decide', () => {
    const { state } = run(begun, [approve('admin:x')]);
    expect(codeOf(() => transition(state, approve('admin:x2'), at(2)))).toBe('already-decided');
  });

  it.each(['approved', 'declined', 'cancelled'])('a %s request accepts no decision', (how) => {
    const closing: RequestEvent[] = {
      approved: [approve('admin:x'), approve('admin:y')],
      declined: [reject('admin:x')],
      cancelled: [{ type: 'cancel', actor: person(REQUESTER) }],
    }[how] as RequestEvent[];
    const { state } = run(begun, closing);
    for (const event of [approve('admin:y'), reject('admin:y'), { type: 'approve', actor: admin('admin:boss') } as RequestEvent]) {
      expect(codeOf(() => transition(state, event, at(9)))).toBe('request-closed');
    }
  });

  it('approval-admins obligations are fulfilled by any approval admin as a normal decision', () => {
    const fallen = start(rule([stage([user(REQUESTER)]), stage([user('admin:y')])]));
    expect(codeOf(() => transition(fallen.state, approve('admin:plain'), at(1)))).toBe('not-an-approver');
    const { state } = run(fallen, [{ type: 'approve', actor: admin('admin:boss') }]);
    expect(state.decisions).toEqual([{ kind: 'approve', by: 'admin:boss', at: iso(1), comment: null, obligations: ['s1.o1'] }]);
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:active']);
    expect(codeOf(() => transition(state, { type: 'approve', actor: person('admin:boss') }, at(2)))).toBe('already-decided');
  });

  it('an approval admin holding an obligation decides as a holder', () => {
    const { state } = run(begun, [{ type: 'approve', actor: admin('admin:x') }]);
    expect(state.decisions[0].kind).toBe('approve');
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:active']);
  });
});

describe('approval admin override', () => {
  const r = rule([stage([user('admin:x')]), stage([user('admin:y')])]);

  it('override-approve fulfills every remaining stage and approves', () => {
    const { state, effects } = run(start(r), [{ type: 'approve', actor: admin('admin:boss'), comment: 'hotfix' }]);
    expect(state.status).toBe('approved');
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:fulfilled']);
    expect(state.decisions).toEqual([{ kind: 'override-approve', by: 'admin:boss', at: iso(1), comment: 'hotfix', obligations: [] }]);
    expect(audits(effects)).toEqual(['stage-fulfilled', 'stage-fulfilled', 'approved', 'approved', 'apply']);
    expect(applies(effects)).toBe(1);
  });

  it('an admin whose own obligation waits in a later stage overrides too', () => {
    const { state } = run(start(r), [{ type: 'approve', actor: admin('admin:y') }]);
    expect(state.decisions[0].kind).toBe('override-approve');
  });

  it('override-reject declines', () => {
    const { state, effects } = run(start(r), [{ type: 'reject', actor: admin('admin:boss') }]);
    expect(state).toMatchObject({ status: 'declined', reason: 'Declined by an approval admin', closedAt: iso(1) });
    expect(state.decisions[0]).toMatchObject({ kind: 'override-reject', comment: null });
    expect(audits(effects)).toEqual(['rejected', 'declined']);
    expect(notifies(effects, 'decided')[0].to).toEqual([REQUESTER]);
    expect(applies(effects)).toBe(0);
  });
});

describe('reject', () => {
  it('policy "decline": the request is declined at once', () => {
    const r = rule([stage([user('admin:x'), user('admin:y')], { criteria: 1 })]);
    const { state, effects } = run(start(r), [reject('admin:x', 'no')]);
    expect(state).toMatchObject({ status: 'declined', reason: 'Rejected in stage "Review"', closedAt: iso(1) });
    expect(obligation(state, 'admin:x')).toMatchObject({ status: 'rejected', comment: 'no', countedFor: [] });
    expect(state.decisions).toEqual([{ kind: 'reject', by: 'admin:x', at: iso(1), comment: 'no', obligations: ['s1.o1'] }]);
    expect(audits(effects)).toEqual(['rejected', 'declined']);
    expect(applies(effects)).toBe(0);
  });

  const unfulfillable = (criteria: number, obligations = [user('admin:x'), user('admin:y'), user('admin:z')]) =>
    start(rule([stage(obligations, { criteria, name: 'Legal' })], { rejectionPolicy: 'when-unfulfillable' }), {}, {
      'group:A': ['admin:a1', 'admin:a2', 'admin:a3'],
    });

  it.each<[string, number, string[], string]>([
    ['criteria 2 of 3, one rejection', 2, ['admin:x'], 'pending'],
    ['criteria 2 of 3, two rejections', 2, ['admin:x', 'admin:y'], 'declined'],
    ['criteria 1 of 3, two rejections', 1, ['admin:x', 'admin:y'], 'pending'],
    ['criteria 0 (everyone), one rejection', 0, ['admin:x'], 'declined'],
  ])('policy "when-unfulfillable": %s → %s', (_label, criteria, rejecting, status) => {
    const { state } = run(unfulfillable(criteria), rejecting.map((p) => reject(p)));
    expect(state.status).toBe(status);
    if (status === 'declined') expect(state.reason).toBe('Rejected in stage "Legal": it can no longer be fulfilled');
  });

  it('policy "when-unfulfillable": a group minimum out of reach declines', () => {
    const begun = unfulfillable(1, [group('A', 2)]);
    expect(run(begun, [reject('admin:a1')]).state.status).toBe('pending');
    expect(run(begun, [reject('admin:a1'), reject('admin:a2')]).state.status).toBe('declined');
  });

  it('policy "when-unfulfillable": the stage can still close with the approvals left', () => {
    const { state } = run(unfulfillable(2), [reject('admin:x'), approve('admin:y'), approve('admin:z')]);
    expect(state.status).toBe('approved');
  });
});

describe('urgent requests (seed 001): approvers can only approve', () => {
  const r = rule([stage([user('admin:x')], { timeSpanMinutes: 10 })], { urgentAllowed: true, rejectionPolicy: 'when-unfulfillable' });
  const begun = start(r, { urgent: true, urgentModeEnabled: true });

  it.each<[string, RequestEvent]>([
    ['a holder', reject('admin:x')],
    ['an approval admin (override)', { type: 'reject', actor: admin('admin:boss') }],
  ])('%s cannot reject', (_label, event) => {
    expect(codeOf(() => transition(begun.state, event, at(1)))).toBe('urgent-approve-only');
  });

  it('approval closes it without applying again', () => {
    const { state, effects } = run(begun, [approve('admin:x')]);
    expect(state.status).toBe('approved');
    expect(applies(effects)).toBe(0);
    expect(audits(effects)).not.toContain('apply');
  });

  it('an admin override approves it without applying again', () => {
    const { state, effects } = run(begun, [{ type: 'approve', actor: admin('admin:boss') }]);
    expect(state.status).toBe('approved');
    expect(applies(effects)).toBe(0);
  });
});

describe('group requirements and counting (seed 002)', () => {
  const groups = { 'role:rnd': ['admin:test', 'admin:r1', 'admin:both'], 'role:qm': ['admin:test', 'admin:q1', 'admin:both'] };

  it('the "Test User" example: a user step counts for that step only, never for the groups', () => {
    const r = rule([stage([user('admin:test'), role('rnd', 1), role('qm', 1)], { criteria: 1 })]);
    const begun = start(r, {}, groups);
    const tested = run(begun, [approve('admin:test')]);
    expect(obligation(tested.state, 'admin:test').countedFor).toEqual([]);
    expect(tested.state.stages[0].status).toBe('active');
    const rnd = run(tested, [[approve('admin:r1'), 2]]);
    expect(obligation(rnd.state, 'admin:r1').countedFor).toEqual(['role:rnd']);
    expect(rnd.state.status).toBe('pending');
    expect(run(rnd, [[approve('admin:q1'), 3]]).state.status).toBe('approved');
  });

  it.each<[boolean, string[][], string]>([
    [false, [['role:rnd', 'role:qm']], 'approved'],
    [true, [['role:rnd']], 'pending'],
  ])('separate group approval %p: one approval by a member of both groups counts for %j', (separateGroupApproval, counted, status) => {
    const r = rule([stage([role('rnd', 1), role('qm', 1)], { criteria: 1 })], { ownerRules: { separateGroupApproval } });
    const { state } = run(start(r, {}, groups), [approve('admin:both')]);
    expect(state.stages[0].obligations.filter((o) => o.status === 'approved').map((o) => o.countedFor)).toEqual(counted);
    expect(state.status).toBe(status);
  });

  it('separate group approval: the first group not yet reached, else the first', () => {
    const r = rule([stage([role('rnd', 1), role('qm', 1)], { criteria: 0 })], { ownerRules: { separateGroupApproval: true } });
    const { state } = run(start(r, {}, { 'role:rnd': ['admin:r1', 'admin:both', 'admin:b2'], 'role:qm': ['admin:both', 'admin:b2'] }), [
      approve('admin:r1'),
      approve('admin:both'),
      approve('admin:b2'),
    ]);
    expect(state.stages[0].obligations.map((o) => [o.holder, o.countedFor])).toEqual([
      ['admin:r1', ['role:rnd']],
      ['admin:both', ['role:qm']],
      ['admin:b2', ['role:rnd']],
    ]);
    expect(state.status).toBe('approved');
  });

  it('a group with one requirement counts for it, even with separate group approval; groups without minimum are not recorded', () => {
    const r = rule([stage([role('rnd', 2), group('free')], { criteria: 1 })], { ownerRules: { separateGroupApproval: true } });
    const begun = start(r, {}, { 'role:rnd': ['admin:r1', 'admin:r2'], 'group:free': ['admin:r1', 'admin:f'] });
    const { state } = run(begun, [approve('admin:f'), approve('admin:r1')]);
    expect(state.stages[0].obligations.map((o) => o.countedFor)).toEqual([['role:rnd'], [], []]);
    expect(state.status).toBe('pending');
    expect(run({ state, effects: [] }, [[approve('admin:r2'), 3]]).state.status).toBe('approved');
  });

  it('a stage needs its criteria and every group minimum', () => {
    const r = rule([stage([role('rnd', 2), user('admin:u')], { criteria: 1 })]);
    const begun = start(r, {}, { 'role:rnd': ['admin:r1', 'admin:r2'] });
    expect(run(begun, [approve('admin:u')]).state.status).toBe('pending');
    expect(run(begun, [approve('admin:u'), approve('admin:r1')]).state.status).toBe('pending');
    expect(run(begun, [approve('admin:r2'), approve('admin:r1')]).state.status).toBe('approved');
  });
});

describe('owner approval (seed 002): the four options', () => {
  const groups = { 'group:A': [OWNER, 'admin:a1'] };
  const ownerStages = [stage([user('admin:x')]), stage([group('A', 1)], { criteria: 1 })];
  const make = (ownerRules: Record<string, boolean>) =>
    start(rule(ownerStages, { ownerRules: { ownerApproval: true, ...ownerRules } }), { owner: OWNER }, groups);

  it('enforce approval order: the owner approves first, then each stage in turn', () => {
    const begun = make({ enforceApprovalOrder: true });
    expect(codeOf(() => transition(begun.state, approve('admin:x'), at(1)))).toBe('stage-not-started');
    const owned = run(begun, [approve(OWNER)]);
    expect(statuses(owned.state)).toEqual(['owner:fulfilled', 'rule:active', 'rule:waiting']);
    expect(notifies(owned.effects, 'stage-started')[0]).toMatchObject({ to: ['admin:x'], stageIndex: 1 });
  });

  it('separate owner approval off: the owner approval also counts for the owner\'s groups when their stage starts', () => {
    const begun = make({ enforceApprovalOrder: true, separateOwnerApproval: false });
    const { state, effects } = run(begun, [approve(OWNER), [approve('admin:x'), 5]]);
    expect(state.status).toBe('approved');
    expect(obligation(state, OWNER, 2)).toMatchObject({ status: 'approved', decidedBy: OWNER, decidedAt: iso(5), countedFor: ['group:A'] });
    expect(state.decisions.map((d) => [d.kind, d.by, d.obligations])).toEqual([
      ['approve', OWNER, ['s1.o1']],
      ['approve', 'admin:x', ['s2.o1']],
      ['approve', OWNER, ['s3.o1']],
    ]);
    expect(effects).toContainEqual({
      type: 'audit',
      action: 'approved',
      actor: 'admin:x',
      at: iso(5),
      details: { stageIndex: 2, obligations: ['s3.o1'], fromOwnerApproval: true },
    });
  });

  it('separate owner approval on: the owner approval is only the owner approval', () => {
    const begun = make({ enforceApprovalOrder: true, separateOwnerApproval: true });
    const { state } = run(begun, [approve(OWNER), approve('admin:x')]);
    expect(statuses(state)).toEqual(['owner:fulfilled', 'rule:fulfilled', 'rule:active']);
    expect(obligation(state, OWNER, 2).status).toBe('open');
    expect(run({ state, effects: [] }, [[approve(OWNER), 3]]).state.status).toBe('approved');
  });

  it('enforce initial owner approval: the owner first, then the stages in any order', () => {
    const begun = make({ enforceApprovalOrder: false, enforceInitialOwnerApproval: true, separateOwnerApproval: true });
    expect(codeOf(() => transition(begun.state, approve('admin:a1'), at(1)))).toBe('stage-not-started');
    const owned = run(begun, [approve(OWNER)]);
    expect(statuses(owned.state)).toEqual(['owner:fulfilled', 'rule:active', 'rule:active']);
    expect(notifies(owned.effects, 'stage-started').map((n) => n.stageIndex)).toEqual([1, 2]);
    const { state } = run(owned, [[approve('admin:a1'), 2], [approve('admin:x'), 3]]);
    expect(state.status).toBe('approved');
  });

  it('no order, separate owner approval off: the owner approval counts at once in the active stages', () => {
    const begun = make({ enforceApprovalOrder: false, separateOwnerApproval: false });
    expect(statuses(begun.state)).toEqual(['owner:active', 'rule:active', 'rule:active']);
    const { state } = run(begun, [approve(OWNER)]);
    expect(state.decisions).toEqual([{ kind: 'approve', by: OWNER, at: iso(1), comment: null, obligations: ['s1.o1', 's3.o1'] }]);
    expect(statuses(state)).toEqual(['owner:fulfilled', 'rule:active', 'rule:fulfilled']);
  });

  it('no order, separate owner approval on: the owner decides the owner approval first, then their group obligation', () => {
    const begun = make({ enforceApprovalOrder: false, separateOwnerApproval: true });
    const first = run(begun, [approve(OWNER)]);
    expect(first.state.decisions[0].obligations).toEqual(['s1.o1']);
    expect(obligation(first.state, OWNER, 2).status).toBe('open');
    const second = run(first, [[approve(OWNER), 2]]);
    expect(second.state.decisions[1].obligations).toEqual(['s3.o1']);
  });

  it('a user step naming the owner is fulfilled by the owner approval and cannot be approved on its own', () => {
    const r = rule([stage([user(OWNER), user('admin:x')], { criteria: 0 }), stage([user(OWNER)])], { ownerRules: { ownerApproval: true } });
    const begun = start(r, { owner: OWNER });
    const { state, effects } = run(begun, [approve(OWNER, 'mine')]);
    expect(state.decisions[0].obligations).toEqual(['s1.o1', 's2.o1', 's3.o1']);
    expect(obligation(state, OWNER, 1)).toMatchObject({ status: 'approved', countedFor: [], comment: 'mine' });
    // Stage 3 holds only the owner's linked step: it starts and is fulfilled as soon as stage 2 is.
    expect(statuses(state)).toEqual(['owner:fulfilled', 'rule:active', 'rule:waiting']);
    expect(notifies(effects, 'stage-started')[0].to).toEqual(['admin:x']);
    const done = run({ state, effects: [] }, [[approve('admin:x'), 2]]);
    expect(done.state.status).toBe('approved');
    expect(notifies(done.effects, 'stage-started')).toEqual([]);
    expect(codeOf(() => transition(state, approve(OWNER), at(3)))).toBe('already-decided');
  });

  it('the owner approval marks a linked step approved even when its stage closed first (no order)', () => {
    const r = rule([stage([user(OWNER), user('admin:x')], { criteria: 1 })], { ownerRules: { ownerApproval: true, enforceApprovalOrder: false } });
    const { state } = run(start(r, { owner: OWNER }), [approve('admin:x'), approve(OWNER)]);
    expect(state.status).toBe('approved');
    expect(obligation(state, OWNER, 1).status).toBe('approved');
  });

  it('the owner\'s delegate gives the owner approval: linked steps follow, group obligations do not', () => {
    const r = rule([stage([user(OWNER)]), stage([group('A', 1)], { criteria: 1 })], {
      ownerRules: { ownerApproval: true, separateOwnerApproval: false },
    });
    const begun = start(r, { owner: OWNER }, { 'group:A': [OWNER, 'admin:a1'] });
    const { state } = run(begun, [{ type: 'delegate', actor: person(OWNER), to: 'email:d@x.org', obligationId: 's1.o1' }, approve('email:d@x.org')]);
    expect(obligation(state, OWNER, 1)).toMatchObject({ status: 'approved', decidedBy: 'email:d@x.org' });
    expect(obligation(state, OWNER, 2).status).toBe('open');
    expect(statuses(state)).toEqual(['owner:fulfilled', 'rule:fulfilled', 'rule:active']);
  });

  it('the owner who delegated the owner approval holds nothing to decide', () => {
    const r = rule([stage([user(OWNER)])], { ownerRules: { ownerApproval: true, enforceApprovalOrder: false } });
    const { state } = run(start(r, { owner: OWNER }), [{ type: 'delegate', actor: person(OWNER), to: 'admin:d', obligationId: 's1.o1' }]);
    expect(codeOf(() => transition(state, approve(OWNER), at(2)))).toBe('not-an-approver');
    expect(state.stages[1].obligations[0]).toMatchObject({ holder: OWNER, linkedTo: 's1.o1', status: 'open' });
  });
});

describe('approval admins as a four-eyes fallback', () => {
  it('an admin approving a stage that fell to them counts as a human approval', () => {
    const { state, effects } = run(start(rule([stage([user(REQUESTER)])])), [{ type: 'approve', actor: admin('admin:boss') }]);
    expect(state.status).toBe('approved');
    expect(applies(effects)).toBe(1);
    expect(obligation(state, APPROVAL_ADMINS)).toMatchObject({ status: 'approved', decidedBy: 'admin:boss' });
  });
});

describe('approval admin override after some stages closed', () => {
  it('fulfills only the stages still open', () => {
    const r = rule([stage([user('admin:x')]), stage([user('admin:y')]), stage([user('admin:z')])]);
    const { state, effects } = run(start(r), [approve('admin:x'), [{ type: 'approve', actor: admin('admin:boss') }, 2]]);
    expect(state.status).toBe('approved');
    expect(state.stages.map((s) => s.closedAt)).toEqual([iso(1), iso(2), iso(2)]);
    expect(effects.filter((e) => e.type === 'audit' && e.action === 'stage-fulfilled').map((e) => e.type === 'audit' && e.details)).toEqual([
      { stageIndex: 1, override: true },
      { stageIndex: 2, override: true },
    ]);
  });
});
