import { z } from 'zod/v4';
import {
  DECISION_KINDS,
  EXPIRY_ACTIONS,
  OBLIGATION_STATUSES,
  REJECTION_POLICIES,
  REQUEST_STATUSES,
  SECURITY_LEVELS,
  STAGE_STATUSES,
  type ObligationRule,
  type OwnerRules,
  type RequestListState,
  type RequestState,
  type Rule,
  type StageRule,
} from './types';

/**
 * The one schema of an approval rule (template) and of the engine's request state. The HTTP
 * boundary builds its template body on these pieces, template rows and request rows read back are
 * parsed with them, and `startRequest` refuses a rule they refuse: a rule is checked by one set of
 * rules, and a problem's field path is the schema's path.
 */

const nonEmpty = (message: string) => z.string({ error: message }).refine((value) => value.trim() !== '', message);

const MIN_APPROVALS = 'The minimum number of approvals must be a whole number, 1 or more.';
/** A group's minimum approvals (seed 002): absent, or an integer ≥ 1; null (JSON read back) is absent. */
const minApprovals = z
  .number({ error: MIN_APPROVALS })
  .int(MIN_APPROVALS)
  .min(1, MIN_APPROVALS)
  .nullish()
  .transform((value) => value ?? undefined);

const OBLIGATION_KIND = 'An obligation names a user, a role or a group.';
const GROUP_ID = 'A group step needs a role or group.';

/** One obligation of a stage as a rule writes it: a user, or a role / plugin group with an optional minimum. */
export const obligationRuleSchema: z.ZodType<ObligationRule, unknown> = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('user'), principal: nonEmpty('A user step needs a user.') }),
    z.object({ kind: z.literal('role'), id: nonEmpty(GROUP_ID), minApprovals }),
    z.object({ kind: z.literal('group'), id: nonEmpty(GROUP_ID), minApprovals }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? OBLIGATION_KIND : undefined) }
);

const CRITERIA = 'The fulfillment criteria must be a whole number, 0 or more (0 = every obligation).';
const TIME_SPAN = 'The time span must be a positive whole number of minutes, or empty for no limit.';
const NO_OBLIGATION = 'A stage needs at least one obligation.';

/** The key that makes two steps of a stage the same user or group. */
const stepKey = (step: ObligationRule) => (step.kind === 'user' ? `user:${step.principal}` : `${step.kind}:${step.id}`);

/**
 * A stage's fields (seed 003): a name, at least one obligation; criteria N ≥ 0 (0 =
 * every obligation, default 1); a time span in whole minutes or null (no limit, the default); what
 * expiry does (default `deny`).
 */
export const stageFieldsSchema: z.ZodType<StageRule, unknown> = z.object({
  name: z.string(),
  criteria: z.number({ error: CRITERIA }).int(CRITERIA).min(0, CRITERIA).default(1),
  obligations: z.array(obligationRuleSchema, { error: NO_OBLIGATION }).min(1, NO_OBLIGATION),
  timeSpanMinutes: z.number({ error: TIME_SPAN }).int(TIME_SPAN).positive(TIME_SPAN).nullable().default(null),
  onExpiry: z.enum(EXPIRY_ACTIONS, { error: () => `Expiry must be one of ${EXPIRY_ACTIONS.join(', ')}.` }).default('deny'),
});

/**
 * A stage with its rule across obligations: none listed twice. (The template body checks the
 * fields with `stageFieldsSchema`; the template service reports a step listed twice with the
 * whole rule, as `stages[0].obligations[1]`.)
 */
export const stageRuleSchema: z.ZodType<StageRule, unknown> = stageFieldsSchema.superRefine((stage, ctx) => {
  const seen = new Set<string>();
  stage.obligations.forEach((step, index) => {
    const key = stepKey(step);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['obligations', index], message: 'The same user or group is listed twice in this stage.' });
    seen.add(key);
  });
});

const OWNER_RULES = 'A rule needs its owner rules.';

/** The owner rules of seed 002; a missing flag takes its default (stages in order, nothing else). */
export const ownerRulesSchema: z.ZodType<OwnerRules, unknown> = z.object(
  {
    ownerApproval: z.boolean().default(false),
    separateOwnerApproval: z.boolean().default(false),
    separateGroupApproval: z.boolean().default(false),
    enforceApprovalOrder: z.boolean().default(true),
    enforceInitialOwnerApproval: z.boolean().default(false),
  },
  { error: OWNER_RULES }
);

const NO_STAGE = 'A rule needs at least one stage.';

/** An approval rule as a request freezes it: a name, the template's settings, at least one stage. */
const ruleObject = z.object({
  id: z.string(),
  version: z.number().int(),
  name: nonEmpty('A rule needs a name.'),
  securityLevel: z.enum(SECURITY_LEVELS, { error: () => `Security level must be one of ${SECURITY_LEVELS.join(', ')}.` }),
  urgentAllowed: z.boolean(),
  rejectionPolicy: z.enum(REJECTION_POLICIES, { error: () => `Rejection policy must be one of ${REJECTION_POLICIES.join(', ')}.` }),
  ownerRules: ownerRulesSchema,
  stages: z.array(stageRuleSchema, { error: NO_STAGE }).min(1, NO_STAGE),
});
export const ruleSchema: z.ZodType<Rule, unknown> = ruleObject;

const isoString = z.string();
const principal = z.string();

const obligationSourceSchema = z.union([
  z.object({ kind: z.enum(['user', 'owner', 'admins']) }),
  z.object({ kind: z.enum(['role', 'group']), id: z.string() }),
]);

const obligationStateSchema = z.object({
  id: z.string(),
  holder: principal,
  sources: z.array(obligationSourceSchema),
  status: z.enum(OBLIGATION_STATUSES),
  countedFor: z.array(z.string()),
  delegatedFrom: principal.nullable(),
  linkedTo: z.string().nullish(),
  decidedBy: principal.nullable(),
  decidedAt: isoString.nullable(),
  comment: z.string().nullable(),
});

const stageStateSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  kind: z.enum(['owner', 'rule', 'admins']),
  status: z.enum(STAGE_STATUSES),
  required: z.number().int(),
  groups: z.array(z.object({ key: z.string(), min: z.number().int() })),
  obligations: z.array(obligationStateSchema),
  startedAt: isoString.nullable(),
  deadline: isoString.nullable(),
  timeSpanMinutes: z.number().int().nullable(),
  onExpiry: z.enum(EXPIRY_ACTIONS),
  closedAt: isoString.nullable(),
  escalatedAt: isoString.nullable(),
});

const decisionSchema = z.object({
  kind: z.enum(DECISION_KINDS),
  by: principal,
  at: isoString,
  comment: z.string().nullable(),
  obligations: z.array(z.string()),
});

const requestStateObject = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  requester: principal,
  owner: principal.nullable(),
  urgent: z.boolean(),
  applied: z.boolean(),
  rule: ruleSchema,
  stages: z.array(stageStateSchema),
  decisions: z.array(decisionSchema),
  createdAt: isoString,
  closedAt: isoString.nullable(),
  reason: z.string().nullable(),
  remindersSent: z.number().int(),
  escalatedAt: isoString.nullable(),
  // Rows written before revise existed have no count.
  revisions: z.number().int().min(0).default(0),
});

/** The engine's state of one request, as it is stored with the request and read back. */
export const requestStateSchema: z.ZodType<RequestState, unknown> = requestStateObject;

/**
 * The same state as a list reads it back (`RequestListState`): the frozen rule by its id,
 * version and name, without its stages and settings, and without the decisions. The rule was
 * checked whole when the request started; checking it again for every row of every page was
 * most of a list's parsing.
 */
export const requestListStateSchema: z.ZodType<RequestListState, unknown> = requestStateObject
  .omit({ decisions: true })
  .extend({ rule: ruleObject.pick({ id: true, version: true, name: true }) });

/** One reason an approval rule cannot be saved or started: where it is (`stages[1].criteria`, and as segments) and why. */
export interface RuleProblem {
  path: string;
  segments: Array<string | number>;
  message: string;
}

/** A segment of a schema path: an index, or a key (zod types keys as any property key; ours are strings). */
const segmentOf = (key: PropertyKey): string | number => (typeof key === 'number' ? key : String(key));

/** A schema path as the product writes it: `stages[0].obligations[1].id`. */
export const formatPath = (segments: ReadonlyArray<PropertyKey>): string =>
  segments.map(segmentOf).map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');

/** The schema's issues as rule problems, in the schema's order. */
export const problemsOf = (error: z.ZodError): RuleProblem[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path), segments: issue.path.map(segmentOf), message: issue.message }));

/**
 * Checks an approval rule (template) before it is saved or a request starts with it (seed 003),
 * with `ruleSchema`: a rule has a name and at least one stage; every stage has at least one
 * obligation, none twice; the fulfillment criteria is an integer ≥ 0 (0 = every obligation); a
 * group's minimum approvals, when given, is an integer ≥ 1; the time span is a positive integer
 * number of minutes or null (no limit); security level, rejection policy, expiry action and
 * obligation kind are known values. Returns every problem found (empty = valid); never throws.
 */
export function validateRule(rule: unknown): RuleProblem[] {
  const result = ruleSchema.safeParse(rule);
  return result.success ? [] : problemsOf(result.error);
}
