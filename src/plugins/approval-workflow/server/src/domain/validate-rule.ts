import { EXPIRY_ACTIONS, GROUP_KINDS, REJECTION_POLICIES, SECURITY_LEVELS, type Rule } from './types';

/** One reason an approval rule cannot be saved or started, with where it is (`stages[1].criteria`). */
export interface RuleProblem {
  path: string;
  message: string;
}

const includes = (list: readonly string[], value: unknown): boolean => typeof value === 'string' && list.includes(value);

const isNonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * Checks an approval rule (template) before it is saved or a request starts with it (seed 003):
 * a rule has a name and at least one stage; every stage has at least one obligation; the fulfillment
 * criteria is an integer ≥ 0 (0 = every obligation); a group's minimum approvals, when given, is an
 * integer ≥ 1; the time span is a positive integer number of minutes or null (no limit).
 * Also refused, because the engine could not run them: an unknown security level, rejection policy,
 * expiry action or obligation kind, missing owner rules, a user step without a principal, a group
 * without an id, and the same user or group listed twice in one stage.
 * Returns every problem found (empty = valid); never throws, even on malformed input.
 */
export function validateRule(rule: Rule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isNonEmptyString(rule.name)) add('name', 'A rule needs a name.');
  if (!includes(SECURITY_LEVELS, rule.securityLevel)) add('securityLevel', `Security level must be one of ${SECURITY_LEVELS.join(', ')}.`);
  if (!includes(REJECTION_POLICIES, rule.rejectionPolicy)) {
    add('rejectionPolicy', `Rejection policy must be one of ${REJECTION_POLICIES.join(', ')}.`);
  }
  if (typeof rule.ownerRules !== 'object' || rule.ownerRules === null) add('ownerRules', 'A rule needs its owner rules.');
  if (!Array.isArray(rule.stages) || rule.stages.length === 0) {
    add('stages', 'A rule needs at least one stage.');
    return problems;
  }
  rule.stages.forEach((stage, s) => {
    const at = `stages[${s}]`;
    if (!Number.isInteger(stage.criteria) || stage.criteria < 0) {
      add(`${at}.criteria`, 'The fulfillment criteria must be a whole number, 0 or more (0 = every obligation).');
    }
    const span = stage.timeSpanMinutes;
    if (span !== null && (!Number.isInteger(span) || span <= 0)) {
      add(`${at}.timeSpanMinutes`, 'The time span must be a positive whole number of minutes, or empty for no limit.');
    }
    if (!includes(EXPIRY_ACTIONS, stage.onExpiry)) add(`${at}.onExpiry`, `Expiry must be one of ${EXPIRY_ACTIONS.join(', ')}.`);
    if (!Array.isArray(stage.obligations) || stage.obligations.length === 0) {
      add(`${at}.obligations`, 'A stage needs at least one obligation.');
      return;
    }
    const seen = new Set<string>();
    stage.obligations.forEach((obligation, o) => {
      const path = `${at}.obligations[${o}]`;
      let key: string;
      if (obligation.kind === 'user') {
        if (!isNonEmptyString(obligation.principal)) add(`${path}.principal`, 'A user step needs a user.');
        key = `user:${obligation.principal}`;
      } else if (includes(GROUP_KINDS, obligation.kind)) {
        if (!isNonEmptyString(obligation.id)) add(`${path}.id`, 'A group step needs a role or group.');
        const min = obligation.minApprovals;
        if (min !== undefined && min !== null && (!Number.isInteger(min) || min < 1)) {
          add(`${path}.minApprovals`, 'The minimum number of approvals must be a whole number, 1 or more.');
        }
        key = `${obligation.kind}:${obligation.id}`;
      } else {
        add(`${path}.kind`, `An obligation names a user, a role or a group.`);
        return;
      }
      if (seen.has(key)) add(path, 'The same user or group is listed twice in this stage.');
      seen.add(key);
    });
  });
  return problems;
}
