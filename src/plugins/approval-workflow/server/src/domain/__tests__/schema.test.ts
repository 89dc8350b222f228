import type { Rule } from '../types';
import { formatPath, problemsOf, requestListStateSchema, requestStateSchema, ruleSchema, stageFieldsSchema, validateRule } from '../schema';
import { startRequest } from '../start';
import { group, role, rule, stage, user } from './helpers';

const valid = rule([stage([user('admin:1'), role('2', 1)], { criteria: 1, timeSpanMinutes: 60 })]);

describe('validateRule (seed 003: a name, at least one stage, at least one obligation per stage)', () => {
  it('accepts a valid rule', () => {
    expect(validateRule(valid)).toEqual([]);
  });

  it('accepts criteria 0, no time span and a group without minimum', () => {
    expect(validateRule(rule([stage([group('g')], { criteria: 0, timeSpanMinutes: null })]))).toEqual([]);
  });

  const broken = (patch: (r: Rule) => unknown): Rule => {
    const copy = JSON.parse(JSON.stringify(valid)) as Rule;
    patch(copy);
    return copy;
  };

  it.each<[string, (r: Rule) => unknown, string]>([
    ['empty name', (r) => (r.name = '  '), 'name'],
    ['missing name', (r) => delete (r as Partial<Rule>).name, 'name'],
    ['unknown security level', (r) => ((r as { securityLevel: string }).securityLevel = 'mfa'), 'securityLevel'],
    ['unknown rejection policy', (r) => ((r as { rejectionPolicy: string }).rejectionPolicy = 'never'), 'rejectionPolicy'],
    ['missing owner rules', (r) => ((r as { ownerRules: unknown }).ownerRules = null), 'ownerRules'],
    ['owner rules not an object', (r) => ((r as { ownerRules: unknown }).ownerRules = 'yes'), 'ownerRules'],
    ['no stage', (r) => (r.stages = []), 'stages'],
    ['stages not a list', (r) => ((r as { stages: unknown }).stages = null), 'stages'],
    ['no obligation', (r) => (r.stages[0].obligations = []), 'stages[0].obligations'],
    ['obligations not a list', (r) => ((r.stages[0] as { obligations: unknown }).obligations = undefined), 'stages[0].obligations'],
    ['negative criteria', (r) => (r.stages[0].criteria = -1), 'stages[0].criteria'],
    ['fractional criteria', (r) => (r.stages[0].criteria = 1.5), 'stages[0].criteria'],
    ['zero time span', (r) => (r.stages[0].timeSpanMinutes = 0), 'stages[0].timeSpanMinutes'],
    ['fractional time span', (r) => (r.stages[0].timeSpanMinutes = 2.5), 'stages[0].timeSpanMinutes'],
    ['unknown expiry', (r) => ((r.stages[0] as { onExpiry: string }).onExpiry = 'ignore'), 'stages[0].onExpiry'],
    ['user step without user', (r) => (r.stages[0].obligations[0] = user('')), 'stages[0].obligations[0].principal'],
    ['group without id', (r) => (r.stages[0].obligations[1] = role('')), 'stages[0].obligations[1].id'],
    ['minApprovals 0', (r) => (r.stages[0].obligations[1] = role('2', 0)), 'stages[0].obligations[1].minApprovals'],
    ['fractional minApprovals', (r) => (r.stages[0].obligations[1] = role('2', 1.5)), 'stages[0].obligations[1].minApprovals'],
    ['unknown obligation kind', (r) => (r.stages[0].obligations[1] = { kind: 'team', id: 'x' } as never), 'stages[0].obligations[1].kind'],
    ['same user twice', (r) => r.stages[0].obligations.push(user('admin:1')), 'stages[0].obligations[2]'],
    ['same group twice', (r) => r.stages[0].obligations.push(role('2')), 'stages[0].obligations[2]'],
  ])('refuses %s', (_label, patch, path) => {
    const problems = validateRule(broken(patch));
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message).toEqual(expect.any(String));
  });

  it('treats minApprovals null as absent (rows read back from JSON)', () => {
    expect(validateRule(broken((r) => (r.stages[0].obligations[1] = { kind: 'role', id: '2', minApprovals: null as never })))).toEqual([]);
  });

  it('reports every problem at once, stage by stage', () => {
    const r = rule([stage([], { criteria: -1 }), stage([user('a')], { timeSpanMinutes: -5 })], { name: '' });
    expect(validateRule(r).map((p) => p.path)).toEqual(['name', 'stages[0].criteria', 'stages[0].obligations', 'stages[1].timeSpanMinutes']);
  });
});

describe('the rule schema: one set of rules for templates, rows read back and startRequest', () => {
  it('names a malformed obligation by its schema path, with zod\'s own message when it is not an object', () => {
    const r = JSON.parse(JSON.stringify(valid));
    r.stages[0].obligations[1] = null;
    const [problem] = validateRule(r);
    expect(problem).toMatchObject({ path: 'stages[0].obligations[1]', segments: ['stages', 0, 'obligations', 1] });
    expect(problem.message).not.toMatch(/names a user/);
  });

  it('fills the defaults of a stage and of the owner rules, and reads minApprovals null as absent', () => {
    const parsed = ruleSchema.parse({
      ...valid,
      ownerRules: {},
      stages: [{ name: 'Review', obligations: [{ kind: 'role', id: '2', minApprovals: null }] }],
    });
    expect(parsed.ownerRules).toEqual({
      ownerApproval: false,
      separateOwnerApproval: false,
      separateGroupApproval: false,
      enforceApprovalOrder: true,
      enforceInitialOwnerApproval: false,
    });
    expect(parsed.stages[0]).toEqual({ name: 'Review', criteria: 1, obligations: [{ kind: 'role', id: '2', minApprovals: undefined }], timeSpanMinutes: null, onExpiry: 'deny' });
  });

  it("names the expiry choices when a stage's onExpiry is unknown", () => {
    const result = stageFieldsSchema.safeParse({ name: 'S', obligations: [role('2')], onExpiry: 'ignore' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['onExpiry'], 'Expiry must be one of approve, deny.']]);
  });

  it('formats paths as the product writes them', () => {
    expect(formatPath(['stages', 1, 'obligations', 0, 'id'])).toBe('stages[1].obligations[0].id');
    expect(formatPath([])).toBe('');
  });
});

describe('the request state schema', () => {
  const started = startRequest(
    { id: 'r1', rule: valid, requester: 'admin:9', owner: null, urgent: false, urgentModeEnabled: false, directory: { groups: { 'role:2': ['admin:5'] } } },
    Date.UTC(2026, 0, 1)
  ).state;

  it('reads back what the engine wrote', () => {
    expect(requestStateSchema.parse(JSON.parse(JSON.stringify(started)))).toEqual(started);
  });

  it('reads a state written before revise existed with 0 revisions, and a closed stage', () => {
    const { revisions: _revisions, ...old } = JSON.parse(JSON.stringify(started));
    old.stages[0].status = 'closed';
    expect(requestStateSchema.parse(old)).toMatchObject({ revisions: 0, stages: [expect.objectContaining({ status: 'closed' })] });
  });

  it.each<[string, (s: Record<string, unknown>) => void, string]>([
    ['a status the engine does not know', (s) => (s.status = 'lost'), 'status'],
    ['stages that are not a list', (s) => (s.stages = 'none'), 'stages'],
    ['a frozen rule without stages', (s) => ((s.rule as Record<string, unknown>).stages = []), 'rule.stages'],
  ])('refuses %s, naming where', (_label, patch, path) => {
    const copy = JSON.parse(JSON.stringify(started));
    patch(copy);
    const result = requestStateSchema.safeParse(copy);
    expect(result.success).toBe(false);
    if (!result.success) expect(problemsOf(result.error).map((p) => p.path)).toEqual([path]);
  });

  it('as a list reads it: everything but the decisions, and of the rule its id, version and name', () => {
    const { decisions: _decisions, rule: frozen, ...rest } = started;
    expect(requestListStateSchema.parse(JSON.parse(JSON.stringify(started)))).toEqual({ ...rest, rule: { id: frozen.id, version: frozen.version, name: frozen.name } });
    const corrupt = JSON.parse(JSON.stringify(started));
    corrupt.stages = 'none';
    const result = requestListStateSchema.safeParse(corrupt);
    expect(result.success).toBe(false);
    if (!result.success) expect(problemsOf(result.error).map((p) => p.path)).toEqual(['stages']);
  });
});
