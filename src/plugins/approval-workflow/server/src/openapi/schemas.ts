import type {
  CancelBody,
  DecideBody,
  DelegateBody,
  DiffEntryView,
  ObligationView,
  PrincipalLabel,
  RequestDetail,
  RequestListItem,
  RequestSummary,
  StageProgress,
  StageView,
} from '../../../shared/contracts/requests';
import { MAX_LINK_MINUTES } from '../../../shared/constants';
import type { Pagination } from '../../../shared/contracts/common';
import type { ExternalDecideBody, ExternalLinkView, RevokeLinksBody } from '../../../shared/contracts/external';
import {
  DECISION_KINDS,
  EXPIRY_ACTIONS,
  OBLIGATION_STATUSES,
  OPERATIONS,
  REQUEST_STATUSES,
  SECURITY_LEVELS,
  STAGE_STATUSES,
} from '../../../shared/vocabulary';

/** A JSON Schema object as OpenAPI 3.0 takes it. */
export type JsonSchema = { [keyword: string]: unknown };

const closed = (schema: JsonSchema): JsonSchema => ({ ...schema, additionalProperties: false });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const string: JsonSchema = { type: 'string' };
const nullableString: JsonSchema = { type: 'string', nullable: true };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullableDateTime: JsonSchema = { type: 'string', format: 'date-time', nullable: true };
const integer: JsonSchema = { type: 'integer' };
const boolean: JsonSchema = { type: 'boolean' };
const open: JsonSchema = { type: 'object', additionalProperties: true };
const nullableOpen: JsonSchema = { ...open, nullable: true };
const enumOf = (values: readonly string[], nullable = false): JsonSchema => ({ type: 'string', enum: [...values], ...(nullable ? { nullable } : {}) });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
/** The members of a string union, listed once: `tsc` fails when the contract's union changes and this does not. */
const membersOf = <U extends string>(members: Record<U, true>): U[] => Object.keys(members) as U[];

const PRINCIPAL_KINDS = membersOf<PrincipalLabel['kind']>({ admin: true, user: true, token: true, email: true, public: true, system: true, group: true });
const STAGE_KINDS = membersOf<StageView['kind']>({ owner: true, rule: true, admins: true });
const DIFF_KINDS = membersOf<DiffEntryView['kind']>({ added: true, removed: true, changed: true });

/**
 * An object schema whose properties are exactly the contract's keys (`tsc` fails when the shared
 * contract gains, loses or renames a field and this does not follow): one source, the contracts.
 */
const object = <T>(properties: { [K in keyof Required<T>]: JsonSchema }, optional: ReadonlyArray<keyof T> = [], description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties).filter((key) => !optional.includes(key as keyof T)),
  properties,
});

const summaryProperties: { [K in keyof RequestSummary]: JsonSchema } = {
  id: { type: 'string', description: 'The request id.' },
  status: enumOf(REQUEST_STATUSES),
  operation: enumOf(OPERATIONS),
  uid: { type: 'string', description: 'The content type, e.g. api::article.article.' },
  documentId: { type: 'string', nullable: true, description: 'The target entry; null for a create not applied yet.' },
  locale: nullableString,
  urgent: boolean,
};

const listItemProperties: { [K in keyof RequestListItem]: JsonSchema } = {
  ...summaryProperties,
  title: { type: 'string', nullable: true, description: "The entry's title (the content type's main field)." },
  contentType: object<RequestListItem['contentType']>({ uid: string, displayName: string }),
  progress: object<StageProgress>({ current: integer, total: integer, approvals: integer, required: integer }),
  revisions: integer,
  requester: ref('ApprovalPrincipal'),
  template: object<RequestListItem['template']>({ id: string, version: integer, name: string }),
  comment: nullableString,
  reason: nullableString,
  awaitingMe: { type: 'boolean', description: 'The caller holds an open obligation in an active stage.' },
  createdAt: dateTime,
  updatedAt: dateTime,
  closedAt: nullableDateTime,
};

/**
 * Inline rather than `$ref`: OpenAPI 3.0 ignores the siblings of a `$ref`, so a nullable reference
 * cannot be written; a principal is small.
 */
const principal = object<PrincipalLabel>({
  principal: { type: 'string', description: 'admin:3, user:5, token:2, public, system, group:…' },
  kind: enumOf(PRINCIPAL_KINDS),
  name: string,
  email: nullableString,
});
const nullablePrincipal: JsonSchema = { ...principal, nullable: true };

type Decision = RequestDetail['decisions'][number];
type TimelineEntry = RequestDetail['timeline'][number];

/** The components every documented route refers to (Strapi's own `Error` comes with the documentation plugin). */
export const SCHEMAS: Record<string, JsonSchema> = {
  ApprovalPrincipal: principal,
  ApprovalRequestSummary: object<RequestSummary>(summaryProperties),
  ApprovalRequestListItem: object<RequestListItem>(listItemProperties),
  ApprovalObligation: object<ObligationView>({
    id: string,
    holder: ref('ApprovalPrincipal'),
    sources: arrayOf(open),
    status: enumOf(OBLIGATION_STATUSES),
    delegatedFrom: nullablePrincipal,
    decidedBy: nullablePrincipal,
    decidedAt: nullableDateTime,
    comment: nullableString,
  }),
  ApprovalStage: object<StageView>({
    index: integer,
    name: string,
    kind: enumOf(STAGE_KINDS),
    status: enumOf(STAGE_STATUSES),
    required: integer,
    groups: arrayOf(open),
    startedAt: nullableDateTime,
    deadline: nullableDateTime,
    onExpiry: enumOf(EXPIRY_ACTIONS),
    obligations: arrayOf(ref('ApprovalObligation')),
  }),
  ApprovalDiffEntry: object<DiffEntryView>(
    {
      path: { type: 'string', description: 'title, seo.metaTitle, tags[documentId=…], blocks[id=3].body' },
      labels: arrayOf(string),
      type: string,
      kind: enumOf(DIFF_KINDS),
      before: { description: 'Any JSON value (relations and media as objects).' },
      after: { description: 'Any JSON value (relations and media as objects).' },
    },
    ['before', 'after']
  ),
  ApprovalRequestDetail: object<RequestDetail>({
    ...listItemProperties,
    owner: nullablePrincipal,
    securityLevel: enumOf(SECURITY_LEVELS),
    applied: boolean,
    proposal: nullableOpen,
    base: { type: 'object', nullable: true, properties: { draft: nullableOpen, published: nullableOpen } },
    diff: arrayOf(ref('ApprovalDiffEntry')),
    stages: arrayOf(ref('ApprovalStage')),
    decisions: arrayOf(
      object<Decision>({
        kind: enumOf(DECISION_KINDS),
        by: ref('ApprovalPrincipal'),
        at: dateTime,
        comment: nullableString,
        obligations: arrayOf(string),
        revision: integer,
        superseded: boolean,
      })
    ),
    timeline: arrayOf(object<TimelineEntry>({ seq: integer, action: string, actor: ref('ApprovalPrincipal'), at: dateTime, details: open })),
    result: { type: 'object', nullable: true, properties: { documentId: nullableString } },
    viewer: object<RequestDetail['viewer']>({ canApprove: boolean, canReject: boolean, canCancel: boolean, canDelegate: boolean, reason: nullableString }),
  }),
  ApprovalPagination: object<Pagination>({ page: integer, pageSize: integer, pageCount: integer, total: integer }),
  ApprovalRequestListResponse: object<{ data: unknown; meta: unknown }>({
    data: arrayOf(ref('ApprovalRequestListItem')),
    meta: { type: 'object', required: ['pagination'], properties: { pagination: ref('ApprovalPagination') } },
  }),
  ApprovalRequestDetailResponse: object<{ data: unknown }>({ data: ref('ApprovalRequestDetail') }),
  ApprovalRequestSummaryResponse: object<{ data: unknown }>({ data: ref('ApprovalRequestSummary') }),
  // Bodies are closed, as the routes' validation is (an unknown key is a 400).
  ApprovalDecideBody: closed(
    object<DecideBody>(
    {
      comment: { type: 'string', nullable: true, maxLength: 5000 },
      password: { type: 'string', minLength: 1, description: "The decider's password, when the template's security level is password." },
    },
    ['comment', 'password']
    )
  ),
  ApprovalCancelBody: closed(object<CancelBody>({ comment: { type: 'string', nullable: true, maxLength: 5000 } }, ['comment'])),
  ApprovalDelegateBody: closed(
    object<DelegateBody>(
    {
      to: {
        description:
          'An admin user id, an account principal (admin:3, user:5), or an external approver (email:<address>), who gets a link by mail; delegating again to the same address sends a new link that replaces the old one.',
        oneOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', pattern: '^(admin|user):\\d+$' },
          { type: 'string', pattern: '^email:[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 320 },
        ],
      },
      comment: { type: 'string', nullable: true, maxLength: 5000 },
      obligationId: { type: 'string', description: "One of the delegator's obligations; default: all of their open ones." },
      expiresInMinutes: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_LINK_MINUTES,
        description: 'Only for an email: delegate: how long the link lasts (default: the plugin config externalLinkMinutes, 72 hours); never beyond the stage deadline.',
      },
    },
    ['comment', 'obligationId', 'expiresInMinutes']
    )
  ),
  ApprovalExternalLink: object<ExternalLinkView>({
    request: object<ExternalLinkView['request']>({
      ...summaryProperties,
      title: nullableString,
      contentType: object<ExternalLinkView['request']['contentType']>({ uid: string, displayName: string }),
      requester: object<ExternalLinkView['request']['requester']>({ name: string }),
      comment: nullableString,
      stage: object<ExternalLinkView['request']['stage']>({ name: string }),
    }),
    diff: arrayOf(ref('ApprovalDiffEntry')),
    expiresAt: { ...dateTime, description: 'Until when the link works (the earlier of its lifetime and the stage deadline).' },
  }),
  ApprovalExternalLinkResponse: object<{ data: unknown }>({ data: ref('ApprovalExternalLink') }),
  ApprovalExternalDecideBody: closed(object<ExternalDecideBody>({ comment: { type: 'string', nullable: true, maxLength: 5000 } }, ['comment'])),
  ApprovalRevokeLinksBody: closed(
    object<RevokeLinksBody>(
      {
        to: { type: 'string', pattern: '^email:[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 320, description: 'Only the links sent to this address.' },
        obligationId: { type: 'string', description: 'Only the link of this obligation.' },
      },
      ['to', 'obligationId']
    )
  ),
  ApprovalRevokeLinksResponse: object<{ data: unknown }>({ data: object<{ revoked: number }>({ revoked: { type: 'integer', description: 'How many live links were revoked.' } }) }),
};
