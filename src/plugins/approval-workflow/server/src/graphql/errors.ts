import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { GraphQLError } from 'graphql';
import createHttpError from 'http-errors';

type GraphQLErrorClass = typeof GraphQLError;

/**
 * The GraphQLError class of the `graphql` package that @strapi/plugin-graphql runs on: its error
 * formatter passes a GraphQLError through as it is (with our code) and only recognises that very
 * class. Loaded from the graphql plugin's own location, so that this plugin needs no `graphql`
 * of its own and still loads in a project without GraphQL.
 */
const graphqlErrorClass = (strapi: Core.Strapi): GraphQLErrorClass => {
  const fromApp = createRequire(path.join(strapi.dirs.app.root, 'package.json'));
  const fromGraphqlPlugin = createRequire(fromApp.resolve('@strapi/plugin-graphql/strapi-server'));
  return (fromGraphqlPlugin('graphql') as { GraphQLError: GraphQLErrorClass }).GraphQLError;
};

/**
 * The GraphQL code of an error the services throw, as Strapi's GraphQL codes go:
 * 400 → BAD_USER_INPUT, 401/403 → FORBIDDEN, 404 → NOT_FOUND, 409 → CONFLICT. The REST answer's
 * status is the key, so both transports classify a refusal the same way.
 */
const codeOf = (error: unknown): string | null => {
  const status =
    error instanceof errors.ValidationError
      ? 400
      : error instanceof errors.ForbiddenError || error instanceof errors.UnauthorizedError
        ? 403
        : error instanceof errors.NotFoundError
          ? 404
          : createHttpError.isHttpError(error)
            ? error.status
            : null;
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    default:
      return null;
  }
};

/**
 * Turns what a service throws into the GraphQL error a client reads: the REST message, the code in
 * `extensions.code`, and Strapi's `{ name, message, details }` in `extensions.error` (as Strapi's
 * own GraphQL errors carry it). Anything else is rethrown untouched (Strapi answers it as an
 * INTERNAL_SERVER_ERROR without leaking it).
 */
export const createErrorMapper = (strapi: Core.Strapi) => {
  let GraphQLErrorClass: GraphQLErrorClass | undefined;
  return (error: unknown): unknown => {
    const code = codeOf(error);
    if (!code || !(error instanceof Error)) return error;
    GraphQLErrorClass ??= graphqlErrorClass(strapi);
    const details = (error as { details?: unknown }).details ?? {};
    return new GraphQLErrorClass(error.message, {
      originalError: error,
      extensions: { code, error: { name: error.name, message: error.message, details } },
    });
  };
};
