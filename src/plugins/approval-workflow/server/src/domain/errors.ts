import type { RequestEvent, RequestStatus } from './types';

/** Every reason the engine refuses an event or a start, defined once. */
export const TRANSITION_ERROR_CODES = [
  'not-an-approver',
  'requester-cannot-decide',
  'only-requester-can-cancel',
  'only-requester-can-revise',
  'urgent-cannot-revise',
  'stage-not-started',
  'request-closed',
  'already-decided',
  'urgent-approve-only',
  'urgent-not-allowed',
  'invalid-delegate',
  'already-delegated',
  'delegate-already-approver',
  'unknown-obligation',
  'invalid-rule',
] as const;
export type TransitionErrorCode = (typeof TRANSITION_ERROR_CODES)[number];

/** A human message for each refusal, in the product's words. */
export const TRANSITION_ERROR_MESSAGES: Readonly<Record<TransitionErrorCode, string>> = {
  'not-an-approver': 'You hold no open obligation on this request.',
  'requester-cannot-decide': 'The requester cannot decide their own request.',
  'only-requester-can-cancel': 'Only the requester can cancel a request (an approval admin, when the requester is public).',
  'only-requester-can-revise': 'Only the requester can revise a request.',
  'urgent-cannot-revise': 'An urgent request was applied at once: it cannot be revised (cancel it and make a new one).',
  'stage-not-started': 'Your obligation is in a stage that has not started yet.',
  'request-closed': 'The request is closed.',
  'already-decided': 'You have already decided on this request.',
  'urgent-approve-only': 'An urgent request was already applied: it can only be approved.',
  'urgent-not-allowed': 'Urgent requests are not allowed by this installation or rule.',
  'invalid-delegate': 'The obligation cannot be delegated to this principal.',
  'already-delegated': 'A delegated obligation cannot be delegated again.',
  'delegate-already-approver': 'The delegate already holds an obligation in this stage.',
  'unknown-obligation': 'No obligation with this id on this request.',
  'invalid-rule': 'The approval rule is not valid.',
};

/** The event a TransitionError refers to: an event type, or `start` for startRequest. */
export type TransitionErrorEvent = RequestEvent['type'] | 'start';

/**
 * An illegal event: the engine refuses it and the state stays as it was. Carries the refusal code
 * (what callers switch on), the request id, the request status at the time (null when the request
 * was never started) and the event type. How a refusal is answered over HTTP is not the engine's
 * business: the HTTP layer maps the code.
 */
export class TransitionError extends Error {
  readonly code: TransitionErrorCode;
  readonly requestId: string;
  readonly status: RequestStatus | null;
  readonly event: TransitionErrorEvent;
  /** Extra facts (e.g. the rule problems of `invalid-rule`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: TransitionErrorCode,
    context: { requestId: string; status: RequestStatus | null; event: TransitionErrorEvent },
    message: string = TRANSITION_ERROR_MESSAGES[code],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TransitionError';
    this.code = code;
    this.requestId = context.requestId;
    this.status = context.status;
    this.event = context.event;
    this.details = details;
  }
}

/** True when `value` is a TransitionError. */
export function isTransitionError(value: unknown): value is TransitionError {
  return value instanceof TransitionError;
}
