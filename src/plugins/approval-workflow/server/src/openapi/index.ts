import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import { OPERATIONS as REQUEST_OPERATIONS, REQUEST_STATUSES } from '../../../shared/vocabulary';
import routes from '../routes';
import { SCHEMAS, type JsonSchema } from './schemas';

interface Route {
  method: string;
  path: string;
  handler: string;
}

interface Operation {
  summary: string;
  description?: string;
  parameters?: JsonSchema[];
  body?: string;
  response: string;
}

const query = (name: string, schema: JsonSchema, description: string): JsonSchema => ({ name, in: 'query', required: false, schema, description });

const DECIDE_NOTE = 'Only a holder of an open obligation in the active stage (403 with the reason otherwise); 409 when the request is closed or already decided by the caller.';

/** What each content-API handler does, for the document (a route without an entry fails the plugin's start). */
export const DOCUMENTED: Record<string, Operation> = {
  'requests.find': {
    summary: 'List the approval requests the caller may see',
    description: 'The caller’s own requests and those they are a party to. `awaiting=me`: only those waiting for the caller’s decision.',
    parameters: [
      query('status', { type: 'string', enum: [...REQUEST_STATUSES] }, 'Only requests in this status.'),
      query('awaiting', { type: 'string', enum: ['me'] }, 'Only requests where the caller holds an open obligation in an active stage.'),
      query('mine', { type: 'boolean' }, 'Only the caller’s own requests.'),
      query('uid', { type: 'string' }, 'Only requests on this content type.'),
      query('documentId', { type: 'string' }, 'Only requests on this entry.'),
      query('operation', { type: 'string', enum: [...REQUEST_OPERATIONS] }, 'Only requests for this operation.'),
      query('q', { type: 'string', maxLength: 200 }, 'Title search (case-insensitive, contains).'),
      query('page', { type: 'integer', minimum: 1, default: 1 }, 'The page (also pagination[page]).'),
      query('pageSize', { type: 'integer', minimum: 1, maximum: 100, default: 25 }, 'Requests per page (also pagination[pageSize]).'),
    ],
    response: 'ApprovalRequestListResponse',
  },
  'requests.findOne': {
    summary: 'One approval request with its diff, stages, decisions and what the caller may do',
    description: 'For the request’s parties (403 with the reason otherwise).',
    response: 'ApprovalRequestDetailResponse',
  },
  'requests.approve': { summary: 'Approve a request', description: DECIDE_NOTE, body: 'ApprovalDecideBody', response: 'ApprovalRequestSummaryResponse' },
  'requests.reject': { summary: 'Reject a request', description: DECIDE_NOTE, body: 'ApprovalDecideBody', response: 'ApprovalRequestSummaryResponse' },
  'requests.cancel': {
    summary: 'Cancel a pending request (its requester)',
    body: 'ApprovalCancelBody',
    response: 'ApprovalRequestSummaryResponse',
  },
  'requests.delegate': {
    summary: 'Hand the caller’s open obligations on a request to someone else',
    body: 'ApprovalDelegateBody',
    response: 'ApprovalRequestSummaryResponse',
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** `/requests/:id/approve` → `/approval-workflow/requests/{id}/approve` (paths are relative to the REST prefix, as Strapi documents them). */
const openApiPath = (path: string) => `/${PLUGIN_ID}${path.replace(/:(\w+)/g, '{$1}')}`;

const operationOf = (route: Route) => {
  const operation = DOCUMENTED[route.handler];
  if (!operation) throw new Error(`${PLUGIN_ID}: the content-API route ${route.method} ${route.path} (${route.handler}) is not documented`);
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: 'The request id.' }));
  return {
    tags: ['Approval workflow'],
    operationId: `approvalWorkflow_${route.handler.replace('.', '_')}`,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    parameters: [...pathParameters, ...(operation.parameters ?? [])],
    ...(operation.body
      ? { requestBody: { required: false, content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.body}` } } } } }
      : {}),
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.response}` } } } },
      400: errorResponse('Bad input: error.details.errors names the fields'),
      401: errorResponse('Not authenticated'),
      403: errorResponse('The role or token lacks the action, or the request refuses the caller (the message says why)'),
      404: errorResponse('No such request'),
      ...(route.method === 'POST' ? { 409: errorResponse('The request is closed, or the caller already decided') } : {}),
    },
  };
};

/** The OpenAPI part of the plugin: its content-API routes with their request and response schemas. */
export const openApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes['content-api'].routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    tags: [{ name: 'Approval workflow', description: 'Approval requests: follow, decide, cancel, delegate.' }],
    paths,
    components: { schemas: SCHEMAS },
  };
};

/**
 * Registers the plugin's routes with @strapi/plugin-documentation when it is installed (and lists
 * this plugin in `x-strapi-config.plugins`): generated in development, shipped for production.
 */
export const registerOpenApi = (strapi: Core.Strapi) => {
  const documentation = strapi.plugin('documentation');
  if (!documentation) return;
  documentation.service('override').registerOverride(openApiDocument(), { pluginOrigin: PLUGIN_ID, excludeFromGeneration: [PLUGIN_ID] });
};
