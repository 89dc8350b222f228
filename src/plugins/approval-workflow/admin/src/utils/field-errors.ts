import { isFetchError } from '@strapi/strapi/admin';

interface ErrorBody {
  message?: string;
  details?: { errors?: Array<{ path?: string[]; message?: string }> } & Record<string, unknown>;
}

/** The error body of a failed admin API call (Strapi's `{ error: { status, name, message, details } }`), if it is one. */
export const errorBodyOf = (error: unknown): ErrorBody | undefined =>
  isFetchError(error) ? (error.response?.data?.error as ErrorBody | undefined) : undefined;

/**
 * A server validation error's messages by the top field it names (`details.errors[].path[0]`),
 * so that each shows next to its field; the first message of a field wins.
 */
export const fieldErrorsOf = (error: unknown): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const item of errorBodyOf(error)?.details?.errors ?? []) {
    const field = item.path?.[0];
    if (field && item.message && !(field in errors)) errors[field] = item.message;
  }
  return errors;
};
