import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import type { ZodError } from 'zod/v4';
import type { TransitionError, TransitionErrorCode } from '../domain';

/**
 * Strapi answers an ApplicationError with its class's status (400 by default) and an http-errors
 * error with its own status, both in Strapi's `{ data: null, error: { status, name, message, details } }`.
 */
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  createHttpError(409, message, { details });

/**
 * 403 with its reason. Not Strapi's ForbiddenError: the route's authorize step turns that into a
 * bare "Forbidden", and the reason (who may decide, and why not) is the point of the answer.
 */
export const forbidden = (message: string, details: Record<string, unknown> = {}) =>
  createHttpError(403, message, { details });

export const notFound = (message: string, details: Record<string, unknown> = {}) =>
  new errors.NotFoundError(message, details);

export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new errors.ValidationError(message, details);

/** A 400 about one field: the message says what is wrong, `details.errors` points at the field (as for zod's). */
export const invalidField = (path: string[], message: string, details: Record<string, unknown> = {}) =>
  badRequest(message, { ...details, errors: [{ path, message, name: 'ValidationError' }] });

/** A step that asks for the actor's password (security level `password`, an item-level template) without one: 400 on `password`. */
export const passwordRequired = (what: string) => invalidField(['password'], `${what} requires your password`, { code: 'password-required' });

/**
 * How the HTTP layer answers each engine refusal (the engine only names the reason): its status,
 * and for a refusal of bad input the field it is about — the delegate `to`, or `urgent` (the
 * header `X-Approval-Urgent`).
 */
export const TRANSITION_ERROR_ANSWERS: Readonly<Record<TransitionErrorCode, { status: 400 | 403 | 404 | 409; field?: string }>> = {
  'not-an-approver': { status: 403 },
  'requester-cannot-decide': { status: 403 },
  'only-requester-can-cancel': { status: 403 },
  'only-requester-can-revise': { status: 403 },
  'urgent-cannot-revise': { status: 409 },
  'stage-not-started': { status: 403 },
  'request-closed': { status: 409 },
  'already-decided': { status: 409 },
  'urgent-approve-only': { status: 409 },
  'urgent-not-allowed': { status: 400, field: 'urgent' },
  'invalid-delegate': { status: 400, field: 'to' },
  'already-delegated': { status: 403 },
  'delegate-already-approver': { status: 409 },
  'unknown-obligation': { status: 404 },
  'invalid-rule': { status: 400 },
};

/**
 * One conversion from an engine refusal to Strapi's error shape: `details.code` is the stable
 * reason clients switch on, a refusal of bad input names its field in `details.errors`, and the
 * engine's facts about the refusal (the rule problems of `invalid-rule`) come along. Nothing of the
 * engine's bookkeeping leaks: not the request status, not the event, not the id of a request that
 * was never opened.
 */
export const fromTransitionError = (error: TransitionError) => {
  const { status, field } = TRANSITION_ERROR_ANSWERS[error.code];
  const details = { code: error.code, ...error.details };
  if (field) return invalidField([field], error.message, details);
  if (status === 400) return badRequest(error.message, details);
  if (status === 404) return notFound(error.message, details);
  return createHttpError(status, error.message, { details });
};

/** One conversion from zod to Strapi's ValidationError, naming every field that is wrong. */
export const fromZod = (error: ZodError, what = 'body') => {
  // An unknown key is reported by zod on the object; point at the key itself.
  const issues = error.issues.flatMap((issue) =>
    (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]).map((path) => ({
      path: path.map(String),
      message: issue.message,
      name: 'ValidationError',
    }))
  );
  const summary = issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return new errors.ValidationError(`Invalid ${what}: ${summary}`, { errors: issues });
};

/**
 * The write was turned into an approval request. GraphQL answers it as an error with the stable
 * code `STRAPI_APPROVAL_REQUIRED_ERROR` and the request in `extensions.error.details.approvalRequest`.
 */
export class ApprovalRequiredError extends errors.ApplicationError<'ApprovalRequiredError', string, Record<string, unknown>> {
  constructor(message: string, details: Record<string, unknown>) {
    super(message, details);
    this.name = 'ApprovalRequiredError';
  }
}
