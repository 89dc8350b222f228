import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { APPROVAL_HEADERS } from '../../../../shared/constants';
import type { ExternalLinkView } from '../../../../shared/contracts/external';
import type { OpenRequestConflict, PrincipalLabel, RequestDetail, RequestListItem, RequestSummary } from '../../../../shared/contracts/requests';
import { UID } from '../../constants';
import {
  canCancel,
  canDecide,
  canDelegate,
  canRevise,
  DECISION_KINDS,
  isAwaiting,
  progressOf,
  SYSTEM_PRINCIPAL,
  TRANSITION_ERROR_MESSAGES,
  type Actor,
} from '../../domain';
import { conflict } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { createDiffView } from './diff-view';
import { instant, type RequestListRecord, type RequestRecord } from './store';
import { z } from 'zod/v4';

type Labels = Record<string, PrincipalLabel>;

/** The short form every answer about a request carries. */
export const summaryOf = (record: RequestListRecord): RequestSummary => ({
  id: record.id,
  status: record.status,
  operation: record.operation,
  uid: record.uid,
  documentId: record.targetDocumentId,
  locale: record.locale,
  urgent: record.urgent,
});

/**
 * 409 with a pointer to the request that is already open for this object and operation, and
 * whether the caller may revise it instead (they are its requester: the engine's `revise` rule).
 */
export const duplicate = (open: RequestRecord, caller: string) => {
  const details: OpenRequestConflict = {
    openRequest: { id: open.id, status: open.status, operation: open.operation, uid: open.uid, documentId: open.targetDocumentId },
    revisable: canRevise(open.state, caller),
  };
  const hint = details.revisable ? ` (send the write again with the header ${APPROVAL_HEADERS.revise}: ${open.id} to revise it)` : '';
  return conflict(`An approval request for this ${open.operation} is already open: ${open.id}${hint}`, { ...details });
};

/**
 * A content type as the content manager names it (its uid when the type is gone). Looked up by its
 * uid: `strapi.contentTypes` builds a map of every type on each read, once per list item.
 */
const contentTypeOf = (strapi: Core.Strapi, uid: string) => ({
  uid,
  displayName: strapi.contentType(uid as StrapiUID.ContentType)?.info.displayName ?? uid,
});

/**
 * A request as a list shows it, for this viewer ("awaiting me" is the engine's `isAwaiting`, the
 * stage progress its `progressOf`). Built with `Object.assign`, not a literal that starts with a
 * spread (see the store's `stepRecordOf`).
 */
export const listItemOf = (strapi: Core.Strapi, record: RequestListRecord, labels: Labels, viewer: Actor): RequestListItem =>
  Object.assign(summaryOf(record), {
    title: record.title,
    contentType: contentTypeOf(strapi, record.uid),
    progress: progressOf(record.state),
    requester: labels[record.requester],
    template: { id: record.state.rule.id, version: record.state.rule.version, name: record.state.rule.name },
    comment: record.comment,
    reason: record.reason,
    revisions: record.state.revisions,
    awaitingMe: isAwaiting(record.state, viewer),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    closedAt: record.closedAt,
  });

/** The audit details that name principals (the owner of `requested`, both ends of `delegated`): the timeline shows their labels. */
const PRINCIPAL_DETAILS = ['owner', 'from', 'to'] as const;

const principalsIn = (details: Record<string, unknown>) =>
  PRINCIPAL_DETAILS.flatMap((key) => (typeof details[key] === 'string' ? [details[key] as string] : []));

const labelled = (details: Record<string, unknown>, labels: Labels) => ({
  ...details,
  ...Object.fromEntries(PRINCIPAL_DETAILS.flatMap((key) => (typeof details[key] === 'string' ? [[key, labels[details[key] as string]]] : []))),
});

/** A decision row read back: the decisions table is where the detail's decisions come from. */
const decisionRowSchema = z.object({
  kind: z.enum(DECISION_KINDS),
  by: z.string(),
  at: instant,
  comment: z.string().nullish().transform((value) => value ?? null),
  obligations: z.array(z.string()).nullish().transform((value) => value ?? []),
  revision: z.number().int().nullish().transform((value) => value ?? 0),
});

/** The read side of requests: list items and the detail page, with what the viewer may do decided by the engine. */
export const createPresenter = (strapi: Core.Strapi) => {
  const labelsOf = (principals: string[]) => getService(strapi, 'directory').labels(principals);

  const decisionsOf = async (requestId: string) => {
    const rows = await strapi.db.query(UID.decision).findMany({ where: { requestId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    return rows.map((row) => decisionRowSchema.parse(row));
  };

  const proposalOf = (record: RequestRecord) => (record.params.data ?? null) as Record<string, unknown> | null;

  /** Base → proposal, private fields hidden. An update that also publishes (REST's default) changes the published version: diff it as a publish. */
  const diffOf = (record: RequestRecord) =>
    createDiffView(strapi).of(
      record.uid,
      record.operation === 'update' && record.params.status === 'published' ? 'publish' : record.operation,
      record.base,
      proposalOf(record)
    );

  return {
    /**
     * What an external approver's link shows: the request as far as deciding it needs and its diff,
     * nothing else (no proposal beyond the diff, no timeline, no e-mail address).
     */
    async external(record: RequestRecord, obligationId: string, expiresAt: Date): Promise<ExternalLinkView> {
      const item = listItemOf(strapi, record, await labelsOf([record.requester]), { principal: SYSTEM_PRINCIPAL, isApprovalAdmin: false });
      const stage = record.state.stages.find((s) => s.obligations.some((o) => o.id === obligationId));
      return {
        request: {
          ...summaryOf(record),
          title: item.title,
          contentType: item.contentType,
          requester: { name: item.requester.name },
          comment: record.comment,
          stage: { name: stage?.name ?? '' },
        },
        diff: await diffOf(record),
        expiresAt: expiresAt.toISOString(),
      };
    },

    async list(records: RequestListRecord[], viewer: Actor): Promise<RequestListItem[]> {
      const labels = await labelsOf(records.map((record) => record.requester));
      return records.map((record) => listItemOf(strapi, record, labels, viewer));
    },

    /** One request with its diff, stages, decisions and timeline. */
    async detail(record: RequestRecord, viewer: Actor): Promise<RequestDetail> {
      const { state } = record;
      const [{ data: events }, decisions] = await Promise.all([
        getService(strapi, 'audit').list({ requestId: record.id }, { page: 1, pageSize: 500 }),
        decisionsOf(record.id),
      ]);
      const labels = await labelsOf([
        record.requester,
        ...(record.owner ? [record.owner] : []),
        ...state.stages.flatMap((s) => s.obligations.flatMap((o) => [o.holder, o.delegatedFrom, o.decidedBy].filter((p): p is string => Boolean(p)))),
        ...decisions.map((d) => d.by),
        ...events.flatMap((e) => [e.actor, ...principalsIn(e.details)]),
      ]);
      const label = (p: string | null) => (p ? labels[p] : null);
      const proposal = proposalOf(record);
      const approve = canDecide(state, viewer, 'approve');
      const reject = canDecide(state, viewer, 'reject');
      const cancel = canCancel(state, viewer);
      const delegate = canDelegate(state, viewer);
      return {
        ...listItemOf(strapi, record, labels, viewer),
        owner: label(record.owner),
        securityLevel: state.rule.securityLevel,
        applied: state.applied,
        proposal,
        base: record.base,
        diff: await diffOf(record),
        stages: state.stages.map((stage) => ({
          index: stage.index,
          name: stage.name,
          kind: stage.kind,
          status: stage.status,
          required: stage.required,
          groups: stage.groups,
          startedAt: stage.startedAt,
          deadline: stage.deadline,
          onExpiry: stage.onExpiry,
          obligations: stage.obligations.map((o) => ({
            id: o.id,
            holder: labels[o.holder],
            sources: o.sources,
            status: o.status,
            delegatedFrom: label(o.delegatedFrom),
            decidedBy: label(o.decidedBy),
            decidedAt: o.decidedAt,
            comment: o.comment,
          })),
        })),
        decisions: decisions.map((d) => ({
          kind: d.kind,
          by: labels[d.by],
          at: d.at,
          comment: d.comment,
          obligations: d.obligations,
          revision: d.revision,
          superseded: d.revision < state.revisions,
        })),
        timeline: events
          .slice()
          .reverse()
          .map((e) => ({ seq: e.seq, action: e.action, actor: labels[e.actor], at: e.at, details: labelled(e.details, labels) })),
        result: record.result,
        viewer: {
          canApprove: approve.ok,
          canReject: reject.ok,
          canCancel: cancel,
          canDelegate: delegate,
          // Why the viewer can do nothing at all (else null): the engine's reason they may not approve.
          reason: approve.ok || reject.ok || cancel || delegate ? null : TRANSITION_ERROR_MESSAGES[approve.code],
        },
      };
    },
  };
};

export type Presenter = ReturnType<typeof createPresenter>;
