import type { Core } from '@strapi/strapi';
import type { PrincipalLabel, RequestDetail, RequestListItem, RequestSummary } from '../../../../shared/contracts/requests';
import { UID } from '../../constants';
import {
  canCancel,
  canDecide,
  canDelegate,
  DECISION_KINDS,
  isAwaiting,
  progressOf,
  TRANSITION_ERROR_MESSAGES,
  type Actor,
} from '../../domain';
import { conflict } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { createDiffView } from './diff-view';
import { instant, type RequestRecord } from './store';
import { z } from 'zod';

type Labels = Record<string, PrincipalLabel>;

/** The short form every answer about a request carries. */
export const summaryOf = (record: RequestRecord): RequestSummary => ({
  id: record.id,
  status: record.status,
  operation: record.operation,
  uid: record.uid,
  documentId: record.targetDocumentId,
  locale: record.locale,
  urgent: record.urgent,
});

/** 409 with a pointer to the request that is already open for this object and operation. */
export const duplicate = (open: RequestRecord) =>
  conflict(`An approval request for this ${open.operation} is already open: ${open.id}`, {
    openRequest: { id: open.id, status: open.status, operation: open.operation, uid: open.uid, documentId: open.targetDocumentId },
  });

/** A content type as the content manager names it (its uid when the type is gone). */
const contentTypeOf = (strapi: Core.Strapi, uid: string) => ({
  uid,
  displayName: strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info.displayName ?? uid,
});

/** A request as a list shows it, for this viewer ("awaiting me" is the engine's `isAwaiting`, the stage progress its `progressOf`). */
export const listItemOf = (strapi: Core.Strapi, record: RequestRecord, labels: Labels, viewer: Actor): RequestListItem => ({
  ...summaryOf(record),
  title: record.title,
  contentType: contentTypeOf(strapi, record.uid),
  progress: progressOf(record.state),
  requester: labels[record.requester],
  template: { id: record.state.rule.id, version: record.state.rule.version, name: record.state.rule.name },
  comment: record.comment,
  reason: record.reason,
  awaitingMe: isAwaiting(record.state, viewer),
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  closedAt: record.closedAt,
});

/** A decision row read back: the decisions table is where the detail's decisions come from. */
const decisionRowSchema = z.object({
  kind: z.enum(DECISION_KINDS),
  by: z.string(),
  at: instant,
  comment: z.string().nullish().transform((value) => value ?? null),
  obligations: z.array(z.string()).nullish().transform((value) => value ?? []),
});

/** The read side of requests: list items and the detail page, with what the viewer may do decided by the engine. */
export const createPresenter = (strapi: Core.Strapi) => {
  const labelsOf = (principals: string[]) => getService(strapi, 'directory').labels(principals);

  const decisionsOf = async (requestId: string) => {
    const rows = await strapi.db.query(UID.decision).findMany({ where: { requestId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    return rows.map((row) => decisionRowSchema.parse(row));
  };

  return {
    async list(records: RequestRecord[], viewer: Actor): Promise<RequestListItem[]> {
      const labels = await labelsOf(records.map((record) => record.requester));
      return records.map((record) => listItemOf(strapi, record, labels, viewer));
    },

    /** One request with its diff, stages, decisions and timeline. */
    async detail(record: RequestRecord, viewer: Actor): Promise<RequestDetail> {
      const { state } = record;
      const [{ data: events }, decisions] = await Promise.all([
        getService(strapi, 'audit').list({ requestId: record.id, page: 1, pageSize: 500 }),
        decisionsOf(record.id),
      ]);
      const labels = await labelsOf([
        record.requester,
        ...(record.owner ? [record.owner] : []),
        ...state.stages.flatMap((s) => s.obligations.flatMap((o) => [o.holder, o.delegatedFrom, o.decidedBy].filter((p): p is string => Boolean(p)))),
        ...decisions.map((d) => d.by),
        ...events.map((e) => e.actor),
      ]);
      const label = (p: string | null) => (p ? labels[p] : null);
      const proposal = (record.params.data ?? null) as Record<string, unknown> | null;
      const approve = canDecide(state, viewer, 'approve');
      const reject = canDecide(state, viewer, 'reject');
      return {
        ...listItemOf(strapi, record, labels, viewer),
        owner: label(record.owner),
        securityLevel: state.rule.securityLevel,
        applied: state.applied,
        proposal,
        base: record.base,
        // An update that also publishes (REST's default) changes the published version: diff it as a publish.
        diff: await createDiffView(strapi).of(
          record.uid,
          record.operation === 'update' && record.params.status === 'published' ? 'publish' : record.operation,
          record.base,
          proposal
        ),
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
        decisions: decisions.map((d) => ({ kind: d.kind, by: labels[d.by], at: d.at, comment: d.comment, obligations: d.obligations })),
        timeline: events
          .slice()
          .reverse()
          .map((e) => ({ seq: e.seq, action: e.action, actor: labels[e.actor], at: e.at, details: e.details })),
        result: record.result,
        viewer: {
          canApprove: approve.ok,
          canReject: reject.ok,
          canCancel: canCancel(state, viewer),
          canDelegate: canDelegate(state, viewer),
          reason: approve.ok ? null : TRANSITION_ERROR_MESSAGES[approve.code],
        },
      };
    },
  };
};

export type Presenter = ReturnType<typeof createPresenter>;
