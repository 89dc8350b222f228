/**
 * An integration with the approval workflow from outside Strapi: list what awaits me and approve
 * one request with a comment — over REST with @strapi/client, and over GraphQL with a plain fetch.
 *
 * Credentials: a users-permissions user's JWT (POST /api/auth/local) whose role has the actions
 * `approval-workflow.requests.find` and `.approve` (Settings → Users & Permissions), or an API
 * token with them (Settings → API Tokens: custom, or full access). "Awaiting me" means the caller
 * holds an open obligation in a template's active stage: templates name users (`user:<id>`,
 * `admin:<id>`), so a decider is a user; an API token sees and cancels the requests it opened.
 *
 * Run: STRAPI_URL=http://localhost:1337 STRAPI_TOKEN=… npx ts-node examples/integrator/index.ts [requestId] [comment]
 */
import type { ApproveRequest, ListRequests, RequestListItem, RequestSummary } from 'strapi-plugin-approval-workflow/server';

// This app's tsconfig resolves modules as Node 10 did, without package `exports`, where
// @strapi/client declares its types: the value comes from `require`, typed by the declaration file.
// With `moduleResolution: "node16"` or `"bundler"`, write `import { strapi, HTTPError } from '@strapi/client'`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { strapi, HTTPError } = require('@strapi/client') as typeof import('@strapi/client/dist/exports');

export interface Connection {
  /** The server, e.g. http://localhost:1337 (the REST prefix /api is added). */
  url: string;
  /** A users-permissions JWT or an API token. */
  token: string;
}

/** Strapi's error shape, as every refusal answers. */
interface StrapiErrorBody {
  error?: { status: number; name: string; message: string; details?: unknown };
}

const client = ({ url, token }: Connection) => strapi({ baseURL: `${url}/api`, auth: token });

/** Runs a client call; a refusal becomes an Error with Strapi's message (`HTTPError` keeps the response). */
const call = async <T>(send: () => Promise<Response>): Promise<T> => {
  try {
    return (await (await send()).json()) as T;
  } catch (error) {
    if (error instanceof HTTPError) {
      const body = (await error.response.json().catch(() => ({}))) as StrapiErrorBody;
      throw new Error(`${error.response.status} ${body.error?.message ?? error.message}`);
    }
    throw error;
  }
};

/** REST: the requests waiting for my decision (GET /api/approval-workflow/requests?awaiting=me). */
export const listAwaitingMe = async (connection: Connection, pageSize = 25): Promise<ListRequests.Response> =>
  call(() => client(connection).fetch(`/approval-workflow/requests?awaiting=me&pageSize=${pageSize}`, { method: 'GET' }));

/** REST: approve one request with a comment (POST /api/approval-workflow/requests/:id/approve). */
export const approve = async (connection: Connection, id: string, comment: string): Promise<RequestSummary> => {
  const body: ApproveRequest.Request['body'] = { comment };
  const answer = await call<ApproveRequest.Response>(() =>
    client(connection).fetch(`/approval-workflow/requests/${encodeURIComponent(id)}/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  );
  return answer.data;
};

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** GraphQL over a plain fetch: a refusal becomes an Error with its code (FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT). */
const graphql = async <T>({ url, token }: Connection, query: string, variables: Record<string, unknown>): Promise<T> => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as GraphqlAnswer<T>;
  if (answer.errors?.length) {
    const [first] = answer.errors;
    throw new Error(`${first.extensions?.code ?? 'ERROR'} ${first.message}`);
  }
  if (!answer.data) throw new Error(`GraphQL answered ${response.status} without data`);
  return answer.data;
};

type AwaitingItem = Pick<RequestListItem, 'id' | 'status' | 'operation' | 'uid' | 'documentId' | 'title' | 'awaitingMe'> & {
  requester: Pick<RequestListItem['requester'], 'principal' | 'name'>;
};

/** GraphQL: the requests waiting for my decision. */
export const listAwaitingMeGraphql = async (connection: Connection, pageSize = 25) =>
  (
    await graphql<{ approvalRequests: { data: AwaitingItem[]; meta: ListRequests.Response['meta'] } }>(
      connection,
      `query AwaitingMe($pageSize: Int) {
        approvalRequests(filters: { awaitingMe: true }, pagination: { pageSize: $pageSize }) {
          data { id status operation uid documentId title awaitingMe requester { principal name } }
          meta { pagination { page pageSize pageCount total } }
        }
      }`,
      { pageSize }
    )
  ).approvalRequests;

/** GraphQL: approve one request with a comment. */
export const approveGraphql = async (connection: Connection, id: string, comment: string): Promise<RequestSummary> =>
  (
    await graphql<{ approveApprovalRequest: RequestSummary }>(
      connection,
      `mutation Approve($id: ID!, $comment: String) {
        approveApprovalRequest(id: $id, comment: $comment) { id status operation uid documentId locale urgent }
      }`,
      { id, comment }
    )
  ).approveApprovalRequest;

/** From a shell: lists what awaits the token's owner; with a request id, approves it. */
const main = async () => {
  const connection = { url: process.env.STRAPI_URL ?? 'http://localhost:1337', token: process.env.STRAPI_TOKEN ?? '' };
  if (!connection.token) throw new Error('Set STRAPI_TOKEN (a users-permissions JWT or an API token)');
  const [id, comment = 'Approved by the integration'] = process.argv.slice(2);
  const { data, meta } = await listAwaitingMe(connection);
  console.log(`${meta.pagination.total} request(s) await you:`);
  for (const item of data) console.log(`- ${item.id} ${item.operation} ${item.uid} ${item.title ?? ''} (by ${item.requester.name})`);
  if (id) console.log('approved:', await approve(connection, id, comment));
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
