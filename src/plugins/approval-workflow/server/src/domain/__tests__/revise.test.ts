import { canRevise } from '../queries';
import { transition } from '../transition';
import type { RequestEvent } from '../types';
import { REQUESTER, admin, approve, at, audits, codeOf, iso, notifies, obligation, person, reject, rule, run, stage, start, statuses, user } from './helpers';

const revise = (principal = REQUESTER, extra: Partial<Extract<RequestEvent, { type: 'revise' }>> = {}): RequestEvent => ({
  type: 'revise',
  actor: person(principal),
  ...extra,
});

describe('revise (issue 9): the requester replaces the proposal of their pending request', () => {
  const r = rule([stage([user('admin:x')], { name: 'Legal', timeSpanMinutes: 60 }), stage([user('admin:y'), user('admin:z')], { criteria: 1 })]);

  it('resets every decision, restarts the stage order from now and counts the revision', () => {
    const { state, effects } = run(start(r), [approve('admin:x', 'fine'), [revise(REQUESTER, { comment: 'typo', baseHash: { previous: 'h1', next: 'h2' } }), 5]]);
    expect(statuses(state)).toEqual(['rule:active', 'rule:waiting']);
    expect(state.stages[0]).toMatchObject({ startedAt: iso(5), deadline: iso(65), closedAt: null });
    expect(obligation(state, 'admin:x')).toMatchObject({ status: 'open', decidedBy: null, decidedAt: null, comment: null, countedFor: [] });
    expect(state.decisions).toEqual([]);
    expect(state.revisions).toBe(1);
    expect(effects).toEqual([
      {
        type: 'audit',
        action: 'revised',
        actor: REQUESTER,
        at: iso(5),
        details: { revision: 1, decisionsReset: 1, previousBaseHash: 'h1', baseHash: 'h2', comment: 'typo' },
      },
      { type: 'notify', to: ['admin:x'], reason: 'stage-started', stageIndex: 0 },
    ]);
    // The approver who approved stage 1 is awaited again; approving twice more closes the request.
    const done = run({ state, effects: [] }, [[approve('admin:x'), 6], [approve('admin:y'), 7]]);
    expect(done.state.status).toBe('approved');
  });

  it('without hashes or comment the audit says so with nulls; a second revise counts 2', () => {
    const { state, effects } = run(start(r), [revise(), revise()]);
    expect(state.revisions).toBe(2);
    expect(effects[0]).toMatchObject({ details: { revision: 2, decisionsReset: 0, previousBaseHash: null, baseHash: null, comment: null } });
  });

  it('keeps delegations and drops the four-eyes stage of the approval admins (added again when needed)', () => {
    const self = rule([stage([user(REQUESTER), user('admin:x')], { criteria: 1 })]);
    const delegated = run(start(self), [{ type: 'delegate', actor: person('admin:x'), to: 'admin:d' }, revise()]);
    expect(obligation(delegated.state, 'admin:d')).toMatchObject({ delegatedFrom: 'admin:x', status: 'open' });
    const withAdmins = run(start(rule([stage([user('admin:x')], { onExpiry: 'approve', timeSpanMinutes: 1 })])), [[{ type: 'tick', policy: { reminderIntervalMinutes: 0, escalationAfterMinutes: null } }, 2]]);
    expect(statuses(withAdmins.state)).toEqual(['rule:fulfilled', 'admins:active']);
    const revised = run(withAdmins, [[revise(), 3]]);
    expect(statuses(revised.state)).toEqual(['rule:active']);
  });

  it('only the requester, only while pending, never an urgent request', () => {
    const begun = start(r);
    expect(codeOf(() => transition(begun.state, revise('admin:x'), at(1)))).toBe('only-requester-can-revise');
    expect(codeOf(() => transition(begun.state, { type: 'revise', actor: admin('admin:boss') }, at(1)))).toBe('only-requester-can-revise');
    const declined = run(begun, [reject('admin:x')]);
    expect(codeOf(() => transition(declined.state, revise(), at(2)))).toBe('request-closed');
    const urgent = start(rule([stage([user('admin:x')])], { urgentAllowed: true }), { urgent: true, urgentModeEnabled: true });
    expect(codeOf(() => transition(urgent.state, revise(), at(1)))).toBe('urgent-cannot-revise');
    expect(canRevise(begun.state, REQUESTER)).toBe(true);
    expect(canRevise(begun.state, 'admin:x')).toBe(false);
    expect(canRevise({ ...begun.state, requester: 'public' }, 'public')).toBe(false);
  });
});

describe('a closed request has no running stage', () => {
  it('declined: the active and waiting stages are closed', () => {
    const r = rule([stage([user('admin:x')]), stage([user('admin:y')])]);
    const { state } = run(start(r), [reject('admin:x')]);
    expect(statuses(state)).toEqual(['rule:closed', 'rule:closed']);
    expect(state.stages[0].closedAt).toBe(iso(1));
  });

  it('cancelled: the same; fulfilled stages stay fulfilled', () => {
    const r = rule([stage([user('admin:x')]), stage([user('admin:y')])]);
    const { state, effects } = run(start(r), [approve('admin:x'), { type: 'cancel', actor: person(REQUESTER) }]);
    expect(statuses(state)).toEqual(['rule:fulfilled', 'rule:closed']);
    expect(audits(effects)).toEqual(['cancelled']);
    expect(notifies(effects)).toEqual([]);
  });
});
