import * as engine from '../index';

describe('the engine\'s public API', () => {
  it('exports exactly these names, all defined', () => {
    const names = Object.keys(engine).sort();
    expect(names).toEqual(
      [
        'APPROVAL_ADMINS',
        'AUDIT_ACTIONS',
        'DECISION_KINDS',
        'EXPIRY_ACTIONS',
        'GROUP_KINDS',
        'MINUTE_MS',
        'NOTIFY_REASONS',
        'OBLIGATION_STATUSES',
        'OPERATIONS',
        'PUBLIC_PRINCIPAL',
        'REJECTION_POLICIES',
        'REQUEST_STATUSES',
        'SECURITY_LEVELS',
        'STAGE_STATUSES',
        'SYSTEM_PRINCIPAL',
        'TEMPLATE_LEVELS',
        'TRANSITION_ERROR_CODES',
        'TRANSITION_ERROR_MESSAGES',
        'TransitionError',
        'awaitingHolders',
        'buildRuleStage',
        'canDecide',
        'cancellerOf',
        'countedFor',
        'countedForApproval',
        'deepEqual',
        'diffData',
        'groupKeysOf',
        'isApprovedStatus',
        'isClosed',
        'linkExpiresAt',
        'isStageFulfilled',
        'isStageReachable',
        'isTransitionError',
        'isUserStep',
        'nextDueAt',
        'resolveTemplateId',
        'startRequest',
        'transition',
        'validateRule',
        'awaitedAs',
        'canCancel',
        'canDelegate',
        'canRevise',
        'isAwaiting',
        'mayRead',
        'partiesOf',
        'progressOf',
        'readScope',
        'requestListStateSchema',
        'PARTY_ROLES',
        'ruleSchema',
        'requestStateSchema',
        'stageRuleSchema',
        'obligationRuleSchema',
        'ownerRulesSchema',
        'formatPath',
        'problemsOf',
      ].sort(),
    );
    for (const name of names) expect(engine[name as keyof typeof engine]).toBeDefined();
  });

  it('defines the vocabulary once', () => {
    expect(engine.REQUEST_STATUSES).toEqual(['pending', 'approved', 'declined', 'cancelled', 'failed', 'expired']);
    expect(engine.OPERATIONS).toContain('publish');
    expect(engine.STAGE_STATUSES).toEqual(['waiting', 'active', 'fulfilled', 'expired', 'closed']);
    expect(engine.OBLIGATION_STATUSES).toEqual(['open', 'approved', 'auto-approved', 'rejected']);
    expect(engine.DECISION_KINDS).toContain('override-approve');
    expect(engine.NOTIFY_REASONS).toContain('urgent-applied');
    expect(engine.AUDIT_ACTIONS).toContain('fell-to-admins');
    expect(engine.TEMPLATE_LEVELS).toEqual(['entry', 'parent', 'collection', 'global']);
    expect(engine.MINUTE_MS).toBe(60_000);
    expect([engine.APPROVAL_ADMINS, engine.SYSTEM_PRINCIPAL]).toEqual(['approval-admins', 'system']);
  });

  it('exposes the stage rules used to display a stage', () => {
    const begun = engine.startRequest(
      {
        id: 'r',
        rule: {
          id: 'x',
          version: 1,
          name: 'R',
          securityLevel: 'simple',
          urgentAllowed: false,
          rejectionPolicy: 'decline',
          ownerRules: { ownerApproval: false, separateOwnerApproval: false, separateGroupApproval: false, enforceApprovalOrder: true, enforceInitialOwnerApproval: false },
          stages: [{ name: 'S', criteria: 1, obligations: [{ kind: 'group', id: 'g', minApprovals: 1 }, { kind: 'user', principal: 'admin:u' }], timeSpanMinutes: null, onExpiry: 'deny' }],
        },
        requester: 'admin:req',
        owner: null,
        urgent: false,
        urgentModeEnabled: false,
        directory: { groups: { 'group:g': ['admin:g'] } },
      },
      0,
    );
    const [stage] = begun.state.stages;
    const [member, named] = stage.obligations;
    expect(engine.groupKeysOf(member)).toEqual(['group:g']);
    expect(engine.isUserStep(named)).toBe(true);
    expect(engine.countedForApproval(stage, member, false)).toEqual(['group:g']);
    expect(engine.countedFor(stage, 'group:g')).toBe(0);
    expect(engine.isApprovedStatus('auto-approved')).toBe(true);
    expect(engine.isApprovedStatus('rejected')).toBe(false);
    expect(engine.isStageFulfilled(stage)).toBe(false);
    expect(engine.isStageReachable(stage)).toBe(true);
    expect(engine.buildRuleStage(begun.state.rule.stages[0], 0, 'admin:g', {}).obligations.map((o) => o.holder)).toEqual(['admin:u']);
  });
});
