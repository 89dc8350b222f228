import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import type { ZodError } from 'zod';

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

/** An HTTP error of any status, for statuses decided elsewhere (the engine's error codes). */
export const httpError = (status: number, message: string, details: Record<string, unknown> = {}) => {
  if (status === 400) return badRequest(message, details);
  if (status === 404) return notFound(message, details);
  return createHttpError(status, message, { details });
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
