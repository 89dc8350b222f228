/**
 * The approval engine: pure functions over request states. No Strapi, no database, no clock
 * (`now` is always a parameter), no randomness.
 */
export * from './types';
export {
  TRANSITION_ERROR_CODES,
  TRANSITION_ERROR_MESSAGES,
  TransitionError,
  isTransitionError,
  type TransitionErrorCode,
  type TransitionErrorEvent,
} from './errors';
export { startRequest, buildRuleStage } from './start';
export { transition } from './transition';
export {
  awaitedAs,
  awaitingHolders,
  canCancel,
  canDecide,
  canDelegate,
  cancellerOf,
  canRevise,
  isAwaiting,
  isClosed,
  linkExpiresAt,
  mayRead,
  progressOf,
  nextDueAt,
  partiesOf,
  PARTY_ROLES,
  readScope,
  type DecideCheck,
  type Party,
  type PartyRole,
  type Reader,
} from './queries';
export {
  countedFor,
  countedForApproval,
  groupKeysOf,
  isApprovedStatus,
  isStageFulfilled,
  isStageReachable,
  isUserStep,
} from './stage-rules';
export { resolveTemplateId, TEMPLATE_LEVELS, type TemplateCandidates, type TemplateLevel, type TemplateResolution } from './resolve';
export { diffData, deepEqual, type DiffEntry, type DiffKind } from './diff';
export { validateRule, ruleSchema, requestStateSchema, requestListStateSchema, stageRuleSchema, obligationRuleSchema, ownerRulesSchema, formatPath, problemsOf, type RuleProblem } from './schema';
export { MINUTE_MS } from './time';
