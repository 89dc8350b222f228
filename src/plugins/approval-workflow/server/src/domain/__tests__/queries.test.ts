import { awaitedAs, awaitingHolders, canCancel, canDecide, canDelegate, isAwaiting, isClosed, linkExpiresAt, mayRead, partiesOf, progressOf, readScope } from '../queries';
import { REQUEST_STATUSES } from '../types';
import { APPROVAL_ADMINS } from '../types';
import { admin, approve, at, group, person, reject, REQUESTER, role, rule, run, stage, start, user } from './helpers';

describe('isClosed', () => {
  it.each(REQUEST_STATUSES.map((status) => [status, status !== 'pending']))('%s → %p', (status, closed) => {
    expect(isClosed(status)).toBe(closed);
  });
});

describe('awaitingHolders: who the request waits for', () => {
  it('holders of open obligations in active stages, each once, in stage order', () => {
    const r = rule([stage([user('admin:x'), user('admin:y')]), stage([user('admin:y'), user('admin:z')]), stage([user('admin:w')])], {
      ownerRules: { enforceApprovalOrder: false },
    });
    const begun = start(r);
    expect(awaitingHolders(begun.state)).toEqual(['admin:x', 'admin:y', 'admin:z', 'admin:w']);
    expect(awaitingHolders(run(begun, [approve('admin:y')]).state)).toEqual(['admin:x', 'admin:z', 'admin:w']);
  });

  it('not the holders of waiting stages; nobody once closed', () => {
    const begun = start(rule([stage([user('admin:x')]), stage([user('admin:y')])]));
    expect(awaitingHolders(begun.state)).toEqual(['admin:x']);
    expect(awaitingHolders(run(begun, [reject('admin:x')]).state)).toEqual([]);
  });

  it('the approval admins when a stage can no longer be fulfilled (separate group approval)', () => {
    // 'both' counts for rnd (the first group not reached); qm then has no member left who could count.
    const r = rule([stage([role('rnd', 1), role('qm', 1)], { criteria: 1 })], { ownerRules: { separateGroupApproval: true } });
    const begun = start(r, {}, { 'role:rnd': ['admin:both', 'admin:r1'], 'role:qm': ['admin:both'] });
    const { state } = run(begun, [approve('admin:both')]);
    expect(state.status).toBe('pending');
    expect(awaitingHolders(state)).toEqual(['admin:r1', APPROVAL_ADMINS]);
    const stuck = run({ state, effects: [] }, [[approve('admin:r1'), 2]]);
    expect(awaitingHolders(stuck.state)).toEqual([APPROVAL_ADMINS]);
    expect(run(stuck, [[{ type: 'approve', actor: admin('admin:boss') }, 3]]).state.status).toBe('approved');
  });
});

describe('canDecide', () => {
  const begun = start(rule([stage([user('admin:x'), group('A')]), stage([user('admin:y')])], { urgentAllowed: true }), {}, { 'group:A': ['admin:a'] });

  it.each([
    ['a holder', person('admin:x'), undefined, { ok: true, as: 'holder', obligations: ['s1.o1'] }],
    ['a holder rejecting', person('admin:a'), 'reject' as const, { ok: true, as: 'holder', obligations: ['s1.o2'] }],
    ['an approval admin without obligation', admin('admin:boss'), 'approve' as const, { ok: true, as: 'override' }],
    ['a later stage', person('admin:y'), undefined, { ok: false, code: 'stage-not-started' }],
    ['a stranger', person('admin:z'), undefined, { ok: false, code: 'not-an-approver' }],
  ])('%s', (_label, actor, decision, expected) => {
    expect(canDecide(begun.state, actor, decision)).toEqual(expected);
  });

  it('says what transition would refuse for urgent rejections', () => {
    const urgent = start(rule([stage([user('admin:x')])], { urgentAllowed: true }), { urgent: true, urgentModeEnabled: true });
    expect(canDecide(urgent.state, person('admin:x'), 'reject')).toEqual({ ok: false, code: 'urgent-approve-only' });
    expect(canDecide(urgent.state, person('admin:x'))).toEqual({ ok: true, as: 'holder', obligations: ['s1.o1'] });
  });
});

describe('parties: who has a part in a request, and which', () => {
  it('the requester, every holder, who delegated, who decided, and who it waits for', () => {
    const begun = start(rule([stage([user('admin:x'), user('admin:y')], { criteria: 2 }), stage([user('admin:z')])]));
    const delegated = run(begun, [{ type: 'delegate', actor: person('admin:y'), to: 'admin:d' }, approve('admin:x')]);
    expect(partiesOf(delegated.state)).toEqual([
      { principal: REQUESTER, role: 'requester' },
      { principal: 'admin:x', role: 'holder' },
      { principal: 'admin:d', role: 'holder' },
      { principal: 'admin:z', role: 'holder' },
      { principal: 'admin:y', role: 'delegated-from' },
      { principal: 'admin:x', role: 'decided' },
      { principal: 'admin:d', role: 'awaiting' },
    ]);
    const closed = run(delegated, [approve('admin:d'), approve('admin:z')]);
    expect(closed.state.status).toBe('approved');
    expect(partiesOf(closed.state).filter((p) => p.role === 'awaiting')).toEqual([]);
    expect(partiesOf(closed.state).filter((p) => p.role === 'decided').map((p) => p.principal)).toEqual(['admin:x', 'admin:d', 'admin:z']);
  });

  it('the approval admins marker when a stage fell to them', () => {
    const begun = start(rule([stage([user(REQUESTER)])]));
    expect(partiesOf(begun.state)).toContainEqual({ principal: APPROVAL_ADMINS, role: 'awaiting' });
    expect(isAwaiting(begun.state, admin('admin:a'))).toBe(true);
    expect(isAwaiting(begun.state, person('admin:a'))).toBe(false);
    expect(awaitedAs(admin('admin:a'))).toEqual(['admin:a', APPROVAL_ADMINS]);
    expect(awaitedAs(person('admin:a'))).toEqual(['admin:a']);
  });
});

describe('what a viewer may do', () => {
  const begun = start(rule([stage([user('admin:x')]), stage([user('admin:z')])]));

  it.each<[string, boolean, boolean]>([
    [REQUESTER, false, true],
    ['admin:x', false, true],
    ['admin:z', false, true],
    ['admin:stranger', false, false],
    ['admin:stranger', true, true],
  ])('mayRead %s (read all: %p) → %p', (principal, canReadAll, expected) => {
    expect(mayRead(begun.state, { principal, isApprovalAdmin: false, canReadAll })).toBe(expected);
  });

  it('an approval admin reads every request', () => {
    expect(mayRead(begun.state, { principal: 'admin:a', isApprovalAdmin: true, canReadAll: false })).toBe(true);
  });

  it.each<[string, { isApprovalAdmin: boolean; canReadAll: boolean }, boolean, string | null]>([
    ['a reader of everything', { isApprovalAdmin: false, canReadAll: true }, false, null],
    ['an approval admin', { isApprovalAdmin: true, canReadAll: false }, false, null],
    ['anyone else', { isApprovalAdmin: false, canReadAll: false }, false, 'admin:x'],
    ['anyone else, awaiting me (awaited ⇒ party)', { isApprovalAdmin: false, canReadAll: false }, true, null],
  ])('readScope: %s → %p', (_who, reader, awaitingMe, expected) => {
    expect(readScope({ principal: 'admin:x', ...reader }, { awaitingMe })).toBe(expected);
  });

  it('the requester cancels while pending; nobody once closed', () => {
    expect(canCancel(begun.state, person(REQUESTER))).toBe(true);
    expect(canCancel(begun.state, person('admin:x'))).toBe(false);
    expect(canCancel(run(begun, [reject('admin:x')]).state, person(REQUESTER))).toBe(false);
  });

  it('a holder of an open obligation in a stage not fulfilled delegates, also before the stage starts', () => {
    expect(canDelegate(begun.state, person('admin:x'))).toBe(true);
    expect(canDelegate(begun.state, person('admin:z'))).toBe(true);
    expect(canDelegate(begun.state, person('admin:stranger'))).toBe(false);
    const first = run(begun, [approve('admin:x')]);
    expect(canDelegate(first.state, person('admin:x'))).toBe(false);
    expect(canDelegate(run(begun, [reject('admin:x')]).state, person('admin:z'))).toBe(false);
  });
});

describe('parties: each principal and role once', () => {
  it('a holder in two stages is one holder', () => {
    const begun = start(rule([stage([user('admin:x')]), stage([user('admin:x')])]));
    expect(partiesOf(begun.state).filter((p) => p.role === 'holder')).toEqual([{ principal: 'admin:x', role: 'holder' }]);
  });
});

describe('progressOf: where the request stands in its stages', () => {
  const twoStages = () => start(rule([stage([user('admin:x'), user('admin:y')], { criteria: 2 }), stage([user('admin:z')])]));

  it('the active stage while pending, with its approvals so far', () => {
    const begun = twoStages();
    expect(progressOf(begun.state)).toEqual({ current: 1, total: 2, approvals: 0, required: 2 });
    expect(progressOf(run(begun, [approve('admin:x')]).state)).toEqual({ current: 1, total: 2, approvals: 1, required: 2 });
    expect(progressOf(run(begun, [approve('admin:x'), approve('admin:y')]).state)).toEqual({ current: 2, total: 2, approvals: 0, required: 1 });
  });

  it('the last stage that ran once closed', () => {
    const begun = twoStages();
    expect(progressOf(run(begun, [reject('admin:x')]).state)).toEqual({ current: 1, total: 2, approvals: 0, required: 2 });
    const approved = run(begun, [approve('admin:x'), approve('admin:y'), approve('admin:z')]).state;
    expect(approved.status).toBe('approved');
    expect(progressOf(approved)).toEqual({ current: 2, total: 2, approvals: 1, required: 1 });
  });

  it('0 of 0 without a stage', () => {
    const { state } = twoStages();
    expect(progressOf({ ...state, stages: [] })).toEqual({ current: 0, total: 0, approvals: 0, required: 0 });
  });
});

describe('linkExpiresAt: an external link lasts its lifetime, and never beyond its stage deadline', () => {
  const timed = start(rule([stage([user('admin:x')], { timeSpanMinutes: 60 }), stage([user('admin:y')], { timeSpanMinutes: 600 })]));
  it.each([
    ['lifetime shorter than the stage deadline', 's1.o1', 10, 30, at(40)],
    ['stage deadline first (60 minutes after start)', 's1.o1', 10, 600, at(60)],
    ['a stage not started yet has no deadline: the lifetime', 's2.o1', 10, 6000, at(6010)],
  ])('%s', (_label, obligationId, now, lifetime, expected) => {
    expect(linkExpiresAt(timed.state, obligationId, at(now), lifetime)).toBe(expected);
  });
  it('an unknown obligation → null', () => {
    expect(linkExpiresAt(timed.state, 's9.o9', at(0), 10)).toBeNull();
  });
});
