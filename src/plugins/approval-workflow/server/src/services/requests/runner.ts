import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { isTransitionError, transition, type Effect, type RequestEvent, type RequestState, type TimePolicy, type Transition } from '../../domain';
import { fromTransitionError } from '../../utils/errors';
import { isEmailPrincipal } from '../../validation/common';
import { insertRows } from '../../utils/columns';
import { getService } from '../../utils/get-service';
import { ApplyFailure } from '../apply';
import { newMessage } from '../outbox';
import type { AuditEntry } from '../audit';
import type { NewRequestRow, ProposalRow, RequestStore, StateChange, StepRecord } from './store';
import { emitWebhooks, webhookEventsOf, webhookRequestOf } from './webhooks';

/** Runs a hook once the transaction commits (never after a rollback). */
type AfterCommit = (hook: () => void) => void;

/**
 * One step executed, before it is written: the request's new state with the columns it changed
 * (`StateChange`), and what it adds to the other tables.
 */
interface Settled extends StateChange {
  before: RequestState | null;
  columns: NonNullable<StateChange['columns']>;
  audit: AuditEntry[];
  notifications: Array<Extract<Effect, { type: 'notify' }>>;
  /** Whether the change was applied in this step. */
  applied: boolean;
}

/**
 * What runs with an event in its transaction: `before` under the row lock and before the engine (a
 * refusal there changes nothing), `after` once the new state is written (its writes commit with it).
 */
/** What a caller of `run` adds to the step, under the row lock, in its transaction. */
export interface RunHooks {
  /** Before the engine (an external link marked used: a used link is 410 whatever the engine says). */
  before?: (record: StepRecord) => Promise<void>;
  /** After the engine's own refusals, before anything is written (a password the template asks for). */
  check?: (record: StepRecord) => void;
  /** Once the step is persisted (an external delegate's links sent). */
  after?: (record: StepRecord) => Promise<void>;
}

/** The engine's refusal as an HTTP error with its reason (403 not an approver, 409 closed…); anything else as it is. */
export const asHttpError = (error: unknown) => (isTransitionError(error) ? fromTransitionError(error) : error);

/** Runs the engine, turning its refusal into the HTTP error that says why. */
export const engine = <T>(step: () => T): T => {
  try {
    return step();
  } catch (error) {
    throw asHttpError(error);
  }
};

/** Where a request's effects are executed: the store, the outbox, the audit trail, apply. */
export const createRunner = (strapi: Core.Strapi, store: RequestStore) => {
  const service = <K extends Parameters<typeof getService>[1]>(name: K) => getService(strapi, name);

  /**
   * The notifications the engine asked for in the steps, stored for delivery in one insert (the
   * outbox service sends them after the commit). External approvers (`email:`) are left out: they
   * have no account to open a request in, and what they get is their invitation with its link (see
   * `links`).
   */
  const enqueue = async (settled: Settled[], now: number) => {
    const messages = settled.flatMap(({ record, notifications }) =>
      notifications
        .map((effect) => ({ requestId: record.id, effect, recipients: effect.to.filter((principal) => !isEmailPrincipal(principal)) }))
        .filter(({ recipients }) => recipients.length > 0)
    );
    if (messages.length === 0) return;
    await insertRows(
      strapi,
      UID.outbox,
      messages.map(({ requestId, effect, recipients }) =>
        newMessage({ kind: 'notify', requestId, recipients, payload: { reason: effect.reason, ...(effect.stageIndex === undefined ? {} : { stageIndex: effect.stageIndex }) } }, now)
      )
    );
  };

  /** The decisions the steps added, in one insert. */
  const recordDecisions = async (settled: Settled[]) => {
    const added = settled.flatMap(({ record, before, state }) =>
      state.decisions.slice(before?.decisions.length ?? 0).map((decision) => ({
        requestId: record.id,
        kind: decision.kind,
        by: decision.by,
        at: new Date(decision.at),
        comment: decision.comment,
        obligations: decision.obligations,
        revision: state.revisions,
      }))
    );
    await insertRows(strapi, UID.decision, added);
  };

  /**
   * Executes the effects of one transition on a request, in the caller's transaction: `apply-change`
   * applies the change (a refused or failed apply becomes the engine's `apply-failed`, whose
   * effects run too); `audit` and `notify` are collected for `persist`. Every kind of effect is
   * executed or collected — the switch has no default.
   */
  const execute = async (record: StepRecord, before: RequestState | null, step: Transition, now: number, failure: string | null, proposal: Partial<ProposalRow> = {}): Promise<Settled> => {
    let { state } = step;
    const queue = [...step.effects];
    const audit: AuditEntry[] = [];
    const notifications: Array<Extract<Effect, { type: 'notify' }>> = [];
    /** The document an apply of this step wrote: the engine's `apply` entry is recorded as `applied` with it (one entry per apply). */
    let appliedTo: { documentId: string | null } | null = null;
    let result = record.result;
    for (let effect = queue.shift(); effect; effect = queue.shift()) {
      switch (effect.type) {
        case 'apply-change': {
          const parent = record.parentManagedObject ? await service('managedObjects').find(record.parentManagedObject) : null;
          const outcome =
            failure !== null
              ? { ok: false as const, reason: failure }
              : await service('apply').apply({
                  id: record.id,
                  uid: record.uid,
                  operation: record.operation,
                  targetDocumentId: record.targetDocumentId,
                  locale: record.locale,
                  params: record.params,
                  baseHash: record.baseHash,
                  requester: record.requester,
                  parent,
                });
          if (outcome.ok) {
            result = { documentId: outcome.documentId };
            appliedTo = result;
          } else {
            const failed = transition(state, { type: 'apply-failed', reason: outcome.reason }, now);
            state = failed.state;
            queue.push(...failed.effects);
          }
          break;
        }
        case 'audit':
          audit.push(
            effect.action === 'apply' && appliedTo
              ? { action: 'applied', actor: effect.actor, at: effect.at, details: { ...effect.details, ...appliedTo }, requestId: record.id }
              : { action: effect.action, actor: effect.actor, at: effect.at, details: effect.details, requestId: record.id }
          );
          break;
        case 'notify':
          notifications.push(effect);
          break;
        default: {
          const unknown: never = effect;
          throw new Error(`Unknown engine effect ${JSON.stringify(unknown)}`);
        }
      }
    }
    const targetDocumentId = record.targetDocumentId ?? (record.operation === 'create' ? result?.documentId ?? null : null);
    return { record, before, state, columns: { result, targetDocumentId, ...proposal }, audit, notifications, applied: appliedTo !== null };
  };

  /**
   * Writes what the steps left, in the caller's transaction: the requests' new states (one UPDATE
   * for all, the parties in step), then their decisions, notifications and audit entries, each
   * table once for all steps. Their webhooks go out after the commit. The updated records, in order.
   */
  const persist = async (settled: Settled[], policy: TimePolicy, now: number, afterCommit: AfterCommit) => {
    const updated = await store.update(settled, policy);
    await recordDecisions(settled);
    await enqueue(settled, now);
    await service('audit').append(settled.flatMap(({ audit }) => audit));
    const events = settled.flatMap(({ record, before, state, columns, audit, applied }) => {
      const request = webhookRequestOf(record, state, columns.targetDocumentId ?? null);
      return webhookEventsOf(before, state, audit.map((entry) => entry.action), applied).map((event) => ({ event, request }));
    });
    if (events.length) afterCommit(() => emitWebhooks(strapi, events));
    return updated;
  };

  /** One step executed and written (see `execute`, `persist`). */
  const settle = async (
    record: StepRecord,
    before: RequestState | null,
    step: Transition,
    now: number,
    failure: string | null,
    policy: TimePolicy,
    afterCommit: AfterCommit,
    proposal: Partial<ProposalRow> = {}
  ) => {
    const [updated] = await persist([await execute(record, before, step, now, failure, proposal)], policy, now, afterCommit);
    return updated;
  };

  /**
   * A transaction whose commit kicks the outbox's sender and sends the webhooks of its steps: the
   * messages it stored go out right after the commit (of the outermost transaction, when this one
   * is nested), never before; a rollback sends nothing. Its audit events are chained after the
   * commit (`audit.append`); `transaction` also waits for that.
   */
  const committed = async <T>(work: (afterCommit: AfterCommit) => Promise<T>): Promise<T> => {
    const result: T = await strapi.db.transaction(async ({ onCommit }) => {
      const done = await work(onCommit);
      onCommit(() => service('outbox').kick());
      return done;
    });
    return result;
  };

  /** A transaction (see `committed`) whose result comes once its audit events are in the chain: what an answer to a caller reports is chained. */
  const transaction = async <T>(work: (afterCommit: AfterCommit) => Promise<T>): Promise<T> => {
    const result = await committed(work);
    await service('audit').chained();
    return result;
  };

  /**
   * Runs a step in a transaction; if applying throws, that transaction is rolled back (the target
   * stays as it was) and a second one records the same step with the request `failed` and the
   * error's message.
   */
  const withApplyRetry = async <T>(attempt: (failure: string | null, afterCommit: AfterCommit) => Promise<T>): Promise<T> => {
    try {
      return await transaction((afterCommit) => attempt(null, afterCommit));
    } catch (error) {
      if (!(error instanceof ApplyFailure)) throw error;
      return transaction((afterCommit) => attempt(error.message, afterCommit));
    }
  };

  /**
   * One event on one request in the caller's transaction: lock → `before` → engine → `check` →
   * execute effects → persist → `after`.
   */
  const step = async (id: string, event: RequestEvent, policy: TimePolicy, now: number, failure: string | null, afterCommit: AfterCommit, hooks: RunHooks = {}) => {
    const record = await store.lock(id);
    await hooks.before?.(record);
    const next = engine(() => transition(record.state, event, now));
    hooks.check?.(record);
    const updated = await settle(record, record.state, next, now, failure, policy, afterCommit);
    await hooks.after?.(updated);
    return updated;
  };

  return {
    /**
     * One event on one request, exactly once: lock → engine → `check` → execute effects → persist,
     * in one transaction (DESIGN rule 3), so two approvals racing, an approval racing a cancel, or
     * two instances sweeping at once leave one outcome and every decision recorded.
     */
    run: (id: string, event: RequestEvent, policy: TimePolicy, now = Date.now(), hooks: RunHooks = {}) =>
      withApplyRetry((failure, afterCommit) => step(id, event, policy, now, failure, afterCommit, hooks)),

    /**
     * One event on each request `claim` locks and reads, in one transaction (the sweep's batch):
     * each goes through the engine and its effects as in `run`, and all are written together, each
     * table once (`persist`). No retry of its own: a failed apply or a refusal throws, the whole
     * transaction rolls back, and the caller runs those requests alone (`run`, which records the
     * failure). A tick that finds nothing due writes when the request will next be due, so the
     * sweep does not claim it again. The sweep answers no one: it goes on to its next batch while
     * this one's audit events are chained.
     */
    batch: (policy: TimePolicy, now: number, event: RequestEvent, claim: () => Promise<StepRecord[]>) =>
      committed(async (afterCommit) => {
        const settled: Settled[] = [];
        for (const record of await claim()) settled.push(await execute(record, record.state, engine(() => transition(record.state, event, now)), now, null));
        return persist(settled, policy, now, afterCommit);
      }),

    /**
     * Work on a request under its row lock that is no engine event (an external link sent again,
     * revoked), in a transaction whose commit kicks the outbox's sender.
     */
    locked: <T>(id: string, work: (record: StepRecord) => Promise<T>) => transaction(async () => work(await store.lock(id))),

    /**
     * The requester's revise: under the row lock, the engine's `revise` (only the requester, only
     * while pending), then `check` (is this request the one this write may revise?), then the new
     * proposal and base are written with the reset state, in one transaction.
     */
    revise: (id: string, event: Extract<RequestEvent, { type: 'revise' }>, proposal: ProposalRow, policy: TimePolicy, check: (record: StepRecord) => void, now = Date.now()) =>
      transaction(async (afterCommit) => {
        const record = await store.lock(id);
        const step = engine(() => transition(record.state, { ...event, baseHash: { previous: record.baseHash, next: proposal.baseHash } }, now));
        check(record);
        return settle(record, record.state, step, now, null, policy, afterCommit, proposal);
      }),

    /** A new request: its row, its parties and the effects of its start, in one transaction. */
    start: (row: NewRequestRow, started: Transition, policy: TimePolicy, openKey: string | null, now: number) =>
      withApplyRetry(async (failure, afterCommit) => {
        const record = await store.insert(row, started.state, policy, openKey);
        return settle(record, null, started, now, failure, policy, afterCommit);
      }),
  };
};

export type Runner = ReturnType<typeof createRunner>;
