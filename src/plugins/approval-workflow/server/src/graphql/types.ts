import type * as Nexus from 'nexus';

type ObjectDefinition = Nexus.blocks.ObjectDefinitionBlock<string>;

/**
 * The GraphQL types of approval requests: the content API's JSON field for field (see
 * `shared/contracts/requests.ts`), `JSON` where the shape is open (diff values, proposal, base,
 * timeline details, content-type and progress records).
 */
export const requestTypes = (nexus: typeof Nexus) => {
  const principal = nexus.objectType({
    name: 'ApprovalPrincipal',
    description: 'A person or actor: `principal` (admin:3, user:5, token:2, group:…), `kind`, display name, e-mail.',
    definition(t) {
      t.nonNull.string('principal');
      t.nonNull.string('kind');
      t.nonNull.string('name');
      t.string('email');
    },
  });

  const summaryFields = (t: ObjectDefinition) => {
    t.nonNull.id('id', { description: 'The request id (a document id).' });
    t.nonNull.string('status', { description: 'pending, approved, declined, cancelled, expired, failed' });
    t.nonNull.string('operation', { description: 'create, update, delete, publish, unpublish, discardDraft, clone' });
    t.nonNull.string('uid', { description: 'The content type.' });
    t.string('documentId', { description: 'The target entry; null for a create not applied yet.' });
    t.string('locale');
    t.nonNull.boolean('urgent');
  };

  const summary = nexus.objectType({
    name: 'ApprovalRequestSummary',
    description: 'What a decision, cancellation or delegation answers (as the REST routes do).',
    definition: summaryFields,
  });

  const template = nexus.objectType({
    name: 'ApprovalTemplateRef',
    definition(t) {
      t.nonNull.id('id');
      t.nonNull.int('version');
      t.nonNull.string('name');
    },
  });

  const listFields = (t: ObjectDefinition) => {
    summaryFields(t);
    t.string('title', { description: "The entry's title (the content type's main field)." });
    t.nonNull.field('contentType', { type: 'JSON', description: '{ uid, displayName }' });
    t.nonNull.field('progress', { type: 'JSON', description: '{ current, total, approvals, required }' });
    t.nonNull.int('revisions');
    t.nonNull.field('requester', { type: principal });
    t.nonNull.field('template', { type: template });
    t.string('comment');
    t.string('reason');
    t.nonNull.boolean('awaitingMe', { description: 'The viewer holds an open obligation in an active stage.' });
    t.nonNull.string('createdAt');
    t.nonNull.string('updatedAt');
    t.string('closedAt');
  };

  const listItem = nexus.objectType({ name: 'ApprovalRequestListItem', definition: listFields });

  const obligation = nexus.objectType({
    name: 'ApprovalObligation',
    definition(t) {
      t.nonNull.id('id');
      t.nonNull.field('holder', { type: principal });
      t.nonNull.field('sources', { type: 'JSON' });
      t.nonNull.string('status');
      t.field('delegatedFrom', { type: principal });
      t.field('decidedBy', { type: principal });
      t.string('decidedAt');
      t.string('comment');
    },
  });

  const stage = nexus.objectType({
    name: 'ApprovalStage',
    definition(t) {
      t.nonNull.int('index');
      t.nonNull.string('name');
      t.nonNull.string('kind');
      t.nonNull.string('status');
      t.nonNull.int('required');
      t.nonNull.field('groups', { type: 'JSON' });
      t.string('startedAt');
      t.string('deadline');
      t.nonNull.string('onExpiry');
      t.nonNull.list.nonNull.field('obligations', { type: obligation });
    },
  });

  const decision = nexus.objectType({
    name: 'ApprovalDecision',
    definition(t) {
      t.nonNull.string('kind');
      t.nonNull.field('by', { type: principal });
      t.nonNull.string('at');
      t.string('comment');
      t.nonNull.list.nonNull.string('obligations');
      t.nonNull.int('revision');
      t.nonNull.boolean('superseded');
    },
  });

  const viewer = nexus.objectType({
    name: 'ApprovalViewer',
    description: 'What the viewer may do now, and why not.',
    definition(t) {
      t.nonNull.boolean('canApprove');
      t.nonNull.boolean('canReject');
      t.nonNull.boolean('canCancel');
      t.nonNull.boolean('canDelegate');
      t.string('reason');
    },
  });

  const detail = nexus.objectType({
    name: 'ApprovalRequest',
    definition(t) {
      listFields(t);
      t.field('owner', { type: principal });
      t.nonNull.string('securityLevel', { description: 'simple, or password (approve and reject need the password)' });
      t.nonNull.boolean('applied');
      t.field('proposal', { type: 'JSON' });
      t.field('base', { type: 'JSON', description: '{ draft, published }' });
      t.nonNull.field('diff', { type: 'JSON', description: 'Base → proposal: [{ path, labels, type, kind, before, after }]' });
      t.nonNull.list.nonNull.field('stages', { type: stage });
      t.nonNull.list.nonNull.field('decisions', { type: decision });
      t.nonNull.field('timeline', { type: 'JSON' });
      t.field('result', { type: 'JSON' });
      t.nonNull.field('viewer', { type: viewer });
    },
  });

  const pagination = nexus.objectType({
    name: 'ApprovalPagination',
    definition(t) {
      t.nonNull.int('page');
      t.nonNull.int('pageSize');
      t.nonNull.int('pageCount');
      t.nonNull.int('total');
    },
  });

  const list = nexus.objectType({
    name: 'ApprovalRequestList',
    description: 'One page of requests, as the REST list answers: { data, meta { pagination } }.',
    definition(t) {
      t.nonNull.list.nonNull.field('data', { type: listItem });
      t.nonNull.field('meta', {
        type: nexus.objectType({
          name: 'ApprovalRequestListMeta',
          definition(m) {
            m.nonNull.field('pagination', { type: pagination });
          },
        }),
      });
    },
  });

  const filters = nexus.inputObjectType({
    name: 'ApprovalRequestFiltersInput',
    description: 'The filters of the REST list; `awaitingMe: true` is `?awaiting=me`.',
    definition(t) {
      t.string('status');
      t.boolean('awaitingMe');
      t.boolean('mine');
      t.string('uid');
      t.string('documentId');
      t.string('operation');
      t.string('q', { description: 'Title search (case-insensitive, contains).' });
    },
  });

  const page = nexus.inputObjectType({
    name: 'ApprovalPaginationInput',
    definition(t) {
      t.int('page', { description: 'Default 1.' });
      t.int('pageSize', { description: 'Default 25, at most 100.' });
    },
  });

  return { types: [principal, summary, template, listItem, obligation, stage, decision, viewer, detail, pagination, list, filters, page], summary, detail, list, filters, page };
};
