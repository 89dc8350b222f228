import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import type { Settings } from '../../../shared/contracts/settings';
import type {
  PrincipalLabel,
  RequestDetail,
  RequestListItem,
  RequestSummary,
} from '../../../shared/contracts/requests';
import { UID } from '../constants';
import {
  APPROVAL_ADMINS,
  awaitingHolders,
  canDecide,
  cancellerOf,
  diffData,
  isTransitionError,
  nextDueAt,
  TRANSITION_ERROR_MESSAGES,
  TransitionError,
  resolveTemplateId,
  startRequest,
  transition,
  type Actor,
  type Effect,
  type Operation,
  type Principal,
  type RequestEvent,
  type RequestState,
  type Rule,
  type TimePolicy,
  type Transition,
} from '../domain';
import type { ActingUser } from '../utils/actor';
import type { AuditEntry } from './audit';
import { conflict, forbidden, fromTransitionError, invalidField, notFound } from '../utils/errors';
import { getService } from '../utils/get-service';
import { readLocked } from '../utils/lock';
import { refuseDuplicates } from '../utils/unique-violation';
import type { PageQuery } from '../utils/pagination';
import { ApplyFailure, type ApplyParams } from './apply';
import type { ManagedObject } from './managed-objects';
import { normalize, type Snapshot } from './snapshot';
import { ownerRulesSchema } from '../domain/schema';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a database row

/** What the interceptor knows about a write that must wait for approval. */
export interface OpenInput {
  uid: string;
  operation: Operation;
  /** The target; null for a create. For clone, the document cloned. */
  documentId: string | null;
  locale: string | null;
  params: ApplyParams;
  /** Who asked: an authenticated principal, or `public` for a write nobody authenticated. */
  requester: Principal;
  managed: { entry: ManagedObject | null; collection: ManagedObject | null; parent: ManagedObject | null };
  urgent: boolean;
  comment: string | null;
}

export interface RequestFilters {
  status?: string;
  awaitingMe?: boolean;
  mine?: boolean;
  uid?: string;
  documentId?: string;
}

/** Who is looking: the actor, and whether their role lets them see every request. */
export interface Viewer {
  actor: ActingUser;
  canReadAll: boolean;
}

/** `|a|b|` — a list that a `$contains: '|a|'` filter (LIKE) can search on every database. */
const encodeList = (principals: string[]) => (principals.length ? `|${[...new Set(principals)].join('|')}|` : null);
const member = (principal: string) => `|${principal}|`;

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** The installation's reminder and escalation timing, as the engine takes it. */
const policyOf = (settings: Settings): TimePolicy => ({
  reminderIntervalMinutes: settings.reminderIntervalMinutes,
  escalationAfterMinutes: settings.escalationAfterMinutes,
});

/** The same object and operation may have one open request at a time (DESIGN rule 2); creates never collide. */
const openKeyOf = (uid: string, operation: Operation, documentId: string | null, locale: string | null) =>
  operation === 'create' || operation === 'clone' ? null : `${uid}|${documentId}|${locale ?? ''}|${operation}`;

const engineActor = (actor: ActingUser): Actor => ({ principal: actor.principal, isApprovalAdmin: actor.isApprovalAdmin });

/** The engine's refusal as an HTTP error with its reason (403 not an approver, 409 closed…); anything else as it is. */
const asHttpError = (error: unknown) => (isTransitionError(error) ? fromTransitionError(error) : error);

/**
 * Approval requests: opened by the interceptor, decided by approvers, applied exactly once.
 * Every event follows one path — lock the request row, run the engine, persist its state, execute
 * its effects (apply, audit) in the same transaction — so two approvals racing, an approval racing a
 * cancel, or two instances sweeping at once leave one outcome and every decision recorded.
 */
export const createRequestsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.request);
  const service = <K extends Parameters<typeof getService>[1]>(name: K) => getService(strapi, name);

  const timePolicy = async (): Promise<TimePolicy> => policyOf(await service('settings').get());

  const findRow = async (id: string) => {
    const row = await query().findOne({ where: { documentId: id } });
    if (!row) throw notFound(`Approval request ${id} not found`, { id });
    return row;
  };

  const lockRow = async (id: string) => {
    const row = await readLocked(strapi, UID.request, { documentId: id });
    if (!row) throw notFound(`Approval request ${id} not found`, { id });
    return row;
  };

  /** Columns derived from the engine state: what lists filter on and what the sweep selects by. */
  const derivedColumns = (state: RequestState, policy: TimePolicy, openKey: string | null) => {
    const due = nextDueAt(state, policy);
    const participants = state.stages.flatMap((stage) =>
      stage.obligations.flatMap((o) => [o.holder, ...(o.delegatedFrom ? [o.delegatedFrom] : [])])
    );
    return {
      status: state.status,
      state,
      awaiting: encodeList(awaitingHolders(state)),
      participants: encodeList([...participants, ...state.decisions.map((d) => d.by)]),
      nextDueAt: due === null ? null : new Date(due),
      openKey: state.status === 'pending' ? openKey : null,
      reason: state.reason,
      closedAt: state.closedAt ? new Date(state.closedAt) : null,
    };
  };

  /** Executes the engine's audit effects and records its new decisions (inside the transaction). */
  const record = async (requestId: string, before: RequestState | null, after: RequestState, effects: Effect[], extra: AuditEntry[]) => {
    for (const decision of after.decisions.slice(before?.decisions.length ?? 0)) {
      await strapi.db.query(UID.decision).create({
        data: { requestId, kind: decision.kind, by: decision.by, at: new Date(decision.at), comment: decision.comment, obligations: decision.obligations },
      });
    }
    const fromEngine = effects.flatMap((effect): AuditEntry[] =>
      effect.type === 'audit' ? [{ action: effect.action, actor: effect.actor, at: effect.at, requestId, details: effect.details }] : []
    );
    await service('audit').append([...fromEngine, ...extra.map((entry) => ({ ...entry, requestId }))]);
  };

  const applyTargetOf = (row: Row, parent: ManagedObject | null) => ({
    id: row.documentId as string,
    uid: row.uid as string,
    operation: row.operation as Operation,
    targetDocumentId: (row.targetDocumentId ?? null) as string | null,
    locale: (row.locale ?? null) as string | null,
    params: (row.params ?? {}) as ApplyParams,
    baseHash: (row.baseHash ?? null) as string | null,
    requester: row.requester as string,
    parent,
  });

  /**
   * Runs the effects of one transition for a locked request: when the engine says "apply", the
   * change is applied here, in this transaction. A refused apply (the target changed) and a known
   * failure (from a first attempt that threw) both turn into the engine's `apply-failed`.
   */
  const settle = async (row: Row, before: RequestState | null, step: Transition, now: number, failure: string | null, policy: TimePolicy) => {
    let { state } = step;
    const effects = [...step.effects];
    const applied: AuditEntry[] = [];
    let result: { documentId: string | null } | null = row.result ?? null;
    if (step.effects.some((effect) => effect.type === 'apply-change')) {
      const parentId = (row.context as { parentManagedObject?: string } | null)?.parentManagedObject ?? null;
      const parent = parentId ? await service('managedObjects').find(parentId) : null;
      const outcome = failure !== null ? { ok: false as const, reason: failure } : await service('apply').apply(applyTargetOf(row, parent));
      if (outcome.ok) {
        result = { documentId: outcome.documentId };
        applied.push({ action: 'applied', actor: state.requester, at: new Date(now).toISOString(), details: { documentId: outcome.documentId } });
      } else {
        const failed = transition(state, { type: 'apply-failed', reason: outcome.reason }, now);
        state = failed.state;
        effects.push(...failed.effects);
      }
    }
    const targetDocumentId = row.targetDocumentId ?? (row.operation === 'create' ? result?.documentId ?? null : null);
    const updated = await query().update({
      where: { id: row.id },
      data: { ...derivedColumns(state, policy, row.openKey ?? null), result, targetDocumentId },
    });
    await record(row.documentId, before, state, effects, applied);
    return updated;
  };

  /**
   * One event on one request, exactly once: lock, engine, persist, apply — in one transaction.
   * If applying throws, that transaction is rolled back (the target stays as it was) and a second
   * one records the same decision with the request `failed` and the error's message.
   */
  const runEvent = async (id: string, event: RequestEvent, now = Date.now()) => {
    const policy = event.type === 'tick' ? event.policy : await timePolicy();
    const attempt = (failure: string | null) =>
      strapi.db.transaction(async () => {
        const row = await lockRow(id);
        let step: Transition;
        try {
          step = transition(row.state as RequestState, event, now);
        } catch (error) {
          throw asHttpError(error);
        }
        if (event.type === 'tick' && step.effects.length === 0) {
          // Nothing was due after all: store when something will be, so the sweep does not pick it again.
          const due = nextDueAt(row.state as RequestState, policy);
          return query().update({ where: { id: row.id }, data: { nextDueAt: due === null ? null : new Date(due) } });
        }
        return settle(row, row.state as RequestState, step, now, failure, policy);
      });
    try {
      return await attempt(null);
    } catch (error) {
      if (!(error instanceof ApplyFailure)) throw error;
      return attempt(error.message);
    }
  };

  /** The template a target is under (DESIGN: template resolution), frozen for the new request. */
  const ruleFor = async (managed: OpenInput['managed'], settings: Settings): Promise<Rule> => {
    const inheritedFrom = managed.entry?.inheritedFrom ? await service('managedObjects').find(managed.entry.inheritedFrom) : null;
    const resolution = resolveTemplateId({
      entry: managed.entry?.templateId,
      parent: managed.parent?.templateId ?? inheritedFrom?.templateId,
      collection: managed.collection?.templateId,
      globalDefault: settings.defaultTemplateId,
    });
    if (resolution) return service('templates').rule(resolution.templateId);
    // Nothing assigned anywhere: the request goes to the approval admins.
    return {
      id: 'builtin:approval-admins',
      version: 1,
      name: 'Approval admins',
      securityLevel: 'simple',
      urgentAllowed: false,
      rejectionPolicy: 'decline',
      ownerRules: ownerRulesSchema.parse({}),
      stages: [
        {
          name: 'Approval admins',
          criteria: 1,
          obligations: settings.bypassRoles.map((roleId) => ({ kind: 'role' as const, id: String(roleId) })),
          timeSpanMinutes: null,
          onExpiry: 'deny',
        },
      ],
    };
  };

  /** The owner (seed 002): the admin who created the entry; for a new child, the parent's creator. */
  const ownerOf = async (uid: string, documentId: string | null) => {
    if (!documentId) return null;
    const row = await strapi.db
      .query(uid as StrapiUID.ContentType)
      .findOne({ where: { documentId }, populate: { createdBy: { select: ['id'] } }, select: ['id'] });
    const creator = row?.createdBy as { id: number } | null | undefined;
    return creator ? `admin:${creator.id}` : null;
  };

  const summaryOf = (row: Row): RequestSummary => ({
    id: row.documentId,
    status: row.status,
    operation: row.operation,
    uid: row.uid,
    documentId: row.targetDocumentId ?? null,
    locale: row.locale ?? null,
    urgent: Boolean(row.urgent),
  });

  const listItemOf = (row: Row, labels: Record<string, PrincipalLabel>, viewer: ActingUser): RequestListItem => {
    const state = row.state as RequestState;
    return {
      ...summaryOf(row),
      requester: labels[row.requester],
      template: { id: state.rule.id, version: state.rule.version, name: state.rule.name },
      comment: row.comment ?? null,
      reason: row.reason ?? null,
      awaitingMe: awaitingMe(row, viewer),
      createdAt: iso(row.createdAt) as string,
      updatedAt: iso(row.updatedAt) as string,
      closedAt: iso(row.closedAt),
    };
  };

  const awaitingMe = (row: Row, viewer: ActingUser) => {
    const awaiting = (row.awaiting ?? '') as string;
    return awaiting.includes(`|${viewer.principal}|`) || (viewer.isApprovalAdmin && awaiting.includes(`|${APPROVAL_ADMINS}|`));
  };

  const mayRead = (row: Row, viewer: Viewer) =>
    viewer.canReadAll ||
    viewer.actor.isApprovalAdmin ||
    row.requester === viewer.actor.principal ||
    ((row.participants ?? '') as string).includes(`|${viewer.actor.principal}|`);

  return {
    /**
     * Opens a request for an intercepted write (the write itself does not happen). A second open
     * request for the same object and operation is refused with 409 naming the open one.
     */
    async open(input: OpenInput): Promise<RequestSummary> {
      const { parent } = input.managed;
      const settings = await service('settings').get();
      const policy = policyOf(settings);
      const [rule, owner] = await Promise.all([
        ruleFor(input.managed, settings),
        input.documentId
          ? ownerOf(input.uid, input.documentId)
          : parent
            ? ownerOf(parent.uid, parent.entryDocumentId)
            : null,
      ]);
      const openKey = openKeyOf(input.uid, input.operation, input.documentId, input.locale);
      if (openKey) {
        const open = await query().findOne({ where: { openKey } });
        if (open) throw duplicate(open);
      }
      let base: Snapshot | null = null;
      if (input.documentId) {
        base = await service('snapshot').take(input.uid, input.documentId, input.locale);
        // Only an update (or the content manager's publish, which saves first) adds a locale the document does not have yet.
        const addsLocale = input.operation === 'update' || (input.operation === 'publish' && Boolean(input.params.data));
        if (!base || (!base.draft && !base.published && !addsLocale)) throw notFound(`Document ${input.documentId} of ${input.uid} not found`);
      }
      const directory = await service('directory').directoryFor(rule);
      const id = createId();
      const now = Date.now();
      let started: Transition;
      try {
        started = startRequest(
          { id, rule, requester: input.requester, owner, urgent: input.urgent, urgentModeEnabled: settings.urgentMode, directory, comment: input.comment },
          now
        );
      } catch (error) {
        throw asHttpError(error);
      }
      const create = (failure: string | null) =>
        strapi.db.transaction(async () => {
          const row = await query().create({
            data: {
              documentId: id,
              operation: input.operation,
              uid: input.uid,
              targetDocumentId: input.documentId,
              locale: input.locale,
              params: input.params,
              base,
              baseHash: base ? service('snapshot').hash(base) : null,
              context: { parentManagedObject: input.managed.parent?.id ?? null },
              requester: input.requester,
              owner,
              comment: input.comment,
              urgent: input.urgent,
              templateId: rule.id,
              templateVersion: rule.version,
              ...derivedColumns(started.state, policy, openKey),
            },
          });
          return settle(row, null, started, now, failure, policy);
        });
      // The same object and operation opened at the same moment: the open key's unique index refuses the second.
      const row = await refuseDuplicates(
        strapi,
        UID.request,
        async () => {
          try {
            return await create(null);
          } catch (error) {
            if (!(error instanceof ApplyFailure)) throw error;
            return create(error.message);
          }
        },
        async () => {
          const open = openKey ? await query().findOne({ where: { openKey } }) : null;
          return open ? duplicate(open) : null;
        }
      );
      return summaryOf(row);
    },

    async list(viewer: Viewer, filters: RequestFilters, { page, pageSize }: PageQuery) {
      const me = viewer.actor.principal;
      const conditions: Record<string, unknown>[] = [];
      if (filters.status) conditions.push({ status: filters.status });
      if (filters.uid) conditions.push({ uid: filters.uid });
      if (filters.documentId) conditions.push({ targetDocumentId: filters.documentId });
      if (filters.mine) conditions.push({ requester: me });
      if (filters.awaitingMe) {
        conditions.push({
          $or: [
            { awaiting: { $contains: member(me) } },
            ...(viewer.actor.isApprovalAdmin ? [{ awaiting: { $contains: member(APPROVAL_ADMINS) } }] : []),
          ],
        });
      }
      if (!viewer.canReadAll && !viewer.actor.isApprovalAdmin) {
        conditions.push({ $or: [{ requester: me }, { participants: { $contains: member(me) } }] });
      }
      const where = conditions.length ? { $and: conditions } : {};
      const [rows, total] = await Promise.all([
        query().findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        query().count({ where }),
      ]);
      const labels = await service('directory').labels(rows.map((row) => row.requester));
      return { data: rows.map((row) => listItemOf(row, labels, viewer.actor)), total };
    },

    /** One request with its diff, stages, decisions and timeline — for its parties and for admins. */
    async get(id: string, viewer: Viewer): Promise<RequestDetail> {
      const row = await findRow(id);
      if (!mayRead(row, viewer)) throw forbidden('You are not a party to this request', { id });
      const state = row.state as RequestState;
      const { data: events } = await service('audit').list({ requestId: id, page: 1, pageSize: 500 });
      const principals = [
        row.requester,
        ...(row.owner ? [row.owner] : []),
        ...state.stages.flatMap((s) => s.obligations.flatMap((o) => [o.holder, o.delegatedFrom, o.decidedBy].filter(Boolean) as string[])),
        ...state.decisions.map((d) => d.by),
        ...events.map((e) => e.actor),
      ];
      const labels = await service('directory').labels(principals);
      const label = (p: string | null) => (p ? labels[p] : null);
      const base = (row.base ?? null) as Snapshot | null;
      const proposal = ((row.params as ApplyParams | null)?.data ?? null) as Record<string, unknown> | null;
      const actor = engineActor(viewer.actor);
      const check = (decision: 'approve' | 'reject') => canDecide(state, actor, decision);
      const approve = check('approve');
      const reject = check('reject');
      const pending = state.status === 'pending';
      const holdsOpen = state.stages.some((s) => s.status !== 'fulfilled' && s.obligations.some((o) => o.holder === actor.principal && o.status === 'open'));
      return {
        ...listItemOf(row, labels, viewer.actor),
        owner: label(row.owner ?? null),
        securityLevel: state.rule.securityLevel,
        applied: state.applied,
        proposal,
        base,
        // An update that also publishes (REST's default) changes the published version: diff it as a publish.
        diff: diffFor(
          row.operation === 'update' && (row.params as ApplyParams | null)?.status === 'published' ? 'publish' : row.operation,
          base,
          proposal ? (normalize(proposal) as Record<string, unknown>) : null
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
        decisions: state.decisions.map((d) => ({ kind: d.kind, by: labels[d.by], at: d.at, comment: d.comment, obligations: d.obligations })),
        timeline: events
          .slice()
          .reverse()
          .map((e) => ({ seq: e.seq, action: e.action, actor: labels[e.actor], at: e.at, details: e.details })),
        result: row.result ?? null,
        viewer: {
          canApprove: approve.ok,
          canReject: reject.ok,
          canCancel: pending && cancellerOf(state, actor) !== null,
          canDelegate: pending && holdsOpen,
          reason: approve.ok ? null : TRANSITION_ERROR_MESSAGES[approve.code],
        },
      };
    },

    /**
     * Approve or reject. With security level `password` the decider re-enters their password
     * (seed 003): missing → 400, wrong → 403, checked before the request row is locked.
     */
    async decide(id: string, actor: ActingUser, decision: 'approve' | 'reject', body: { comment: string | null; password?: string }) {
      const row = await findRow(id);
      const state = row.state as RequestState;
      // Who may decide comes first: a stranger hears "not an approver", not "password required".
      const check = canDecide(state, engineActor(actor), decision);
      if (!check.ok) throw asHttpError(new TransitionError(check.code, { requestId: id, status: state.status, event: decision }));
      if (state.rule.securityLevel === 'password') {
        await service('directory').confirmPassword(actor.principal, body.password, 'Deciding this request');
      }
      return summaryOf(await runEvent(id, { type: decision, actor: engineActor(actor), comment: body.comment }));
    },

    async cancel(id: string, actor: ActingUser, comment: string | null) {
      await findRow(id);
      return summaryOf(await runEvent(id, { type: 'cancel', actor: engineActor(actor), comment }));
    },

    /**
     * Hands the actor's open obligations (or one of them) to another user, who must be able to
     * decide (else the request would stall). The engine's refusals come first, as for a decision.
     */
    async delegate(id: string, actor: ActingUser, body: { to: string; comment: string | null; obligationId?: string }) {
      const row = await findRow(id);
      const event: RequestEvent = { type: 'delegate', actor: engineActor(actor), to: body.to, comment: body.comment, obligationId: body.obligationId };
      try {
        transition(row.state as RequestState, event, Date.now());
      } catch (error) {
        throw asHttpError(error);
      }
      const directory = service('directory');
      const unknown = await directory.unknownPrincipals([body.to]);
      if (unknown.length) throw invalidField(['to'], `Unknown delegate: ${body.to}`, { unknown: { users: unknown } });
      if (!(await directory.deciders([body.to])).has(body.to)) {
        throw invalidField(['to'], `${body.to} can never decide approval requests: delegate to an active user whose role may decide`, {
          code: 'delegate-cannot-decide',
        });
      }
      return summaryOf(await runEvent(id, event));
    },

    /**
     * The sweep (seed 003): every pending request whose next deadline, reminder or escalation is
     * due gets a `tick`. Safe on several instances at once: each request is ticked under its row
     * lock, and a tick that finds nothing due changes nothing.
     */
    async sweep(now = Date.now(), batch = 100) {
      const policy = await timePolicy();
      const due = await query().findMany({
        where: { status: 'pending', nextDueAt: { $lte: new Date(now) } },
        select: ['documentId'],
        orderBy: { nextDueAt: 'asc' },
        limit: batch,
      });
      let ticked = 0;
      for (const { documentId } of due) {
        try {
          await runEvent(documentId, { type: 'tick', policy }, now);
          ticked += 1;
        } catch (error) {
          strapi.log.error(`[approval-workflow] sweep of request ${documentId} failed: ${(error as Error).message}`);
        }
      }
      return { due: due.length, ticked };
    },

    /**
     * After the reminder or escalation settings changed: recomputes, under each row's lock, when
     * every pending request is next due, so that the sweep (which selects by `nextDueAt`) applies
     * the new timing to requests already pending.
     */
    async reschedule(batch = 100) {
      const policy = await timePolicy();
      for (let lastId = 0; ; ) {
        const rows = await query().findMany({
          where: { status: 'pending', id: { $gt: lastId } },
          select: ['id', 'documentId'],
          orderBy: { id: 'asc' },
          limit: batch,
        });
        for (const { documentId } of rows) {
          await strapi.db.transaction(async () => {
            const row = await lockRow(documentId);
            if (row.status !== 'pending') return;
            const due = nextDueAt(row.state as RequestState, policy);
            await query().update({ where: { id: row.id }, data: { nextDueAt: due === null ? null : new Date(due) } });
          });
        }
        if (rows.length < batch) return;
        lastId = rows[rows.length - 1].id;
      }
    },

    summaryOf,
  };
};

/** 409 with a pointer to the request that is already open for this object and operation. */
const duplicate = (open: Row) =>
  conflict(`An approval request for this ${open.operation} is already open: ${open.documentId}`, {
    openRequest: {
      id: open.documentId,
      status: open.status,
      operation: open.operation,
      uid: open.uid,
      documentId: open.targetDocumentId ?? null,
    },
  });

/** What approving would change: base → proposal for the operation's kind. */
const diffFor = (operation: Operation, base: Snapshot | null, proposal: Record<string, unknown> | null) => {
  const current = base?.draft ?? base?.published ?? {};
  switch (operation) {
    case 'create':
      return diffData({}, proposal ?? {});
    case 'clone':
    case 'update':
      return diffData(pick(current, proposal), proposal ?? {});
    case 'delete':
      return diffData(current, {});
    case 'publish':
      return diffData(base?.published ?? {}, { ...(base?.draft ?? {}), ...(proposal ?? {}) });
    case 'unpublish':
      return diffData(base?.published ?? {}, {});
    case 'discardDraft':
      return diffData(base?.draft ?? {}, base?.published ?? {});
  }
};

/** The base's values for the fields the proposal touches (an update sends only what changes). */
const pick = (base: Record<string, unknown>, proposal: Record<string, unknown> | null) =>
  Object.fromEntries(Object.keys(proposal ?? {}).map((key) => [key, base[key]]));

export type RequestsService = ReturnType<typeof createRequestsService>;
