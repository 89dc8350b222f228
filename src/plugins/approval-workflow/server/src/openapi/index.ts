import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import { OPERATIONS as REQUEST_OPERATIONS, REQUEST_STATUSES } from '../../../shared/vocabulary';
import routes from '../routes';
import { SCHEMAS, type JsonSchema } from './schemas';

interface Route {
  method: string;
  path: string;
  handler: string;
  config: { auth?: false; policies: unknown[] };
}

interface Operation {
  summary: string;
  description?: string;
  parameters?: JsonSchema[];
  body?: string;
  response: string;
  /** Answers of this route beyond the common ones (status → description). */
  more?: Record<number, string>;
}

const PATH_PARAMETERS: Record<string, string> = {
  id: 'The request id.',
  token: 'The token of an external approver’s link (the last part of the link in the invitation mail).',
};

const LINK_NOTE =
  'Public (no authentication): the token is the credential. Limited per client IP address (429 beyond, with Retry-After). Answers never cached (Cache-Control: no-store, Referrer-Policy: no-referrer).';
const LINK_ANSWERS = {
  410: 'The link was used, revoked or has expired, or the request no longer waits for a decision (the message says which)',
  429: 'Too many calls from this address',
};

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
    description:
      'To an account, or to an external approver (`email:<address>`): one link per obligation goes to that address by mail, single use, until the earlier of `expiresInMinutes` and the stage deadline. Delegating again to the same address sends new links that replace the old ones.',
    body: 'ApprovalDelegateBody',
    response: 'ApprovalRequestSummaryResponse',
  },
  'requests.revokeLinks': {
    summary: 'Revoke external approvers’ links of a request',
    description:
      'The live links the caller sent (an approval admin: any), all or those of one address or obligation; 404 when none matches. The obligation stays with the address: delegating to it again sends a new link.',
    body: 'ApprovalRevokeLinksBody',
    response: 'ApprovalRevokeLinksResponse',
  },
  'external.show': {
    summary: 'What an external approver’s link shows',
    description: `The request, its diff (private fields hidden) and until when the link works. As HTML (the page with the Approve / Reject form) unless \`Accept: application/json\`. ${LINK_NOTE}`,
    response: 'ApprovalExternalLinkResponse',
    more: LINK_ANSWERS,
  },
  'external.approve': {
    summary: 'Approve through an external approver’s link (once)',
    description: `Decides the link’s obligation as \`email:<address>\`; the link is then used. A form post (urlencoded) gets an HTML page. ${LINK_NOTE}`,
    body: 'ApprovalExternalDecideBody',
    response: 'ApprovalRequestSummaryResponse',
    more: LINK_ANSWERS,
  },
  'external.reject': {
    summary: 'Reject through an external approver’s link (once)',
    description: `As approve. ${LINK_NOTE}`,
    body: 'ApprovalExternalDecideBody',
    response: 'ApprovalRequestSummaryResponse',
    more: LINK_ANSWERS,
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** `/requests/:id/approve` → `/approval-workflow/requests/{id}/approve` (paths are relative to the REST prefix, as Strapi documents them). */
const openApiPath = (path: string) => `/${PLUGIN_ID}${path.replace(/:(\w+)/g, '{$1}')}`;

const operationOf = (route: Route) => {
  const operation = DOCUMENTED[route.handler];
  if (!operation) throw new Error(`${PLUGIN_ID}: the content-API route ${route.method} ${route.path} (${route.handler}) is not documented`);
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: PATH_PARAMETERS[name] }));
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
      ...Object.fromEntries(Object.entries(operation.more ?? {}).map(([status, description]) => [status, errorResponse(description)])),
    },
    ...(route.config.auth === false ? { security: [] } : {}),
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
