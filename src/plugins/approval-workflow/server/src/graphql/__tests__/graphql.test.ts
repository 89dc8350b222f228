import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { GraphQLError } from 'graphql';
import createHttpError from 'http-errors';
import { registerGraphql } from '..';
import { createErrorMapper } from '../errors';

describe('registerGraphql', () => {
  it('does nothing in a project without the graphql plugin (the plugin still loads)', () => {
    const plugin = jest.fn(() => undefined);
    expect(() => registerGraphql({ plugin } as unknown as Core.Strapi)).not.toThrow();
    expect(plugin).toHaveBeenCalledWith('graphql');
  });
});

describe('createErrorMapper', () => {
  const toGraphqlError = createErrorMapper({ dirs: { app: { root: process.cwd() } } } as unknown as Core.Strapi);

  it.each([
    ['a ValidationError', 'BAD_USER_INPUT', new errors.ValidationError('Invalid body', { errors: [] })],
    ['a 403 with its reason', 'FORBIDDEN', createHttpError(403, 'You are not a party to this request', { details: { id: 'a' } })],
    ['an UnauthorizedError', 'FORBIDDEN', new errors.UnauthorizedError('Authentication is required')],
    ['a NotFoundError', 'NOT_FOUND', new errors.NotFoundError('Approval request not found')],
    ['a 409', 'CONFLICT', createHttpError(409, 'The request is closed', { details: { code: 'request-closed' } })],
  ])('%s becomes a GraphQLError of graphql’s own class with code %s, the message and the details', (_name, code, error) => {
    const mapped = toGraphqlError(error);
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect((mapped as GraphQLError).message).toBe(error.message);
    expect((mapped as GraphQLError).extensions).toEqual({
      code,
      error: { name: error.name, message: error.message, details: (error as { details?: unknown }).details ?? {} },
    });
  });

  it('leaves anything else as it is (Strapi answers it as an internal error)', () => {
    const error = new Error('database is gone');
    expect(toGraphqlError(error)).toBe(error);
    const teapot = createHttpError(418, 'teapot');
    expect(toGraphqlError(teapot)).toBe(teapot);
  });
});
