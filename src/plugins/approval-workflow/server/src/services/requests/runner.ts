import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { isTransitionError, transition, type Effect, type RequestEvent, type RequestState, type TimePolicy, type Transition } from '../../domain';
import { fromTransitionError } from '../../utils/errors';
import { isEmailPrincipal } from '../../validation/common';
import { getService } from '../../utils/get-service';
import { ApplyFailure } from '../apply';
import type { AuditEntry } from '../audit';
import type { NewRequestRow, ProposalRow, RequestRecord, RequestStore } from './store';
import { emitWebhooks, webhookEventsOf, webhookRequestOf } from './webhooks';

/** Runs a hook once the transaction commits (never after a rollback). */
type AfterCommit = (hook: () => void) => void;

/**
 * What runs with an event in its transaction: `before` under the row lock and before the engine (a
 * refusal there changes nothing), `after` once the new state is written (its writes commit with it).
 */
/** What a caller of `run` adds to the step, under the row lock, in its transaction. */
export interface RunHooks {
  /** Before the engine (an external link marked used: a used link is 410 whatever the engine says). */
  before?: (record: RequestRecord) => Promise<void>;
  /** After the engine's own refusals, before anything is written (a password the template asks for). */
  check?: (record: RequestRecord) => void;
  /** Once the step is persisted (an external delegate's links sent). */
  after?: (record: RequestRecord) => Promise<void>;
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
   * The notifications the engine asked for in one step, stored for delivery in one insert (the
   * outbox service sends them after the commit). External approvers (`email:`) are left out: they
   * have no account to open a request in, and what they get is their invitation with its link (see
   * `links`).
   */
  const enqueue = async (requestId: string, effects: Array<Extract<Effect, { type: 'notify' }>>, now: number) => {
    const messages = effects
      .map((effect) => ({ effect, recipients: effect.to.filter((principal) => !isEmailPrincipal(principal)) }))
      .filter(({ recipients }) => recipients.length > 0);
    if (messages.length === 0) return;
    await strapi.db.query(UID.outbox).createMany({
      data: messages.map(({ effect, recipients }) => ({
        kind: 'notify',
        requestId,
        recipients,
        payload: { reason: effect.reason, ...(effect.stageIndex === undefined ? {} : { stageIndex: effect.stageIndex }) },
        status: 'pending',
        attempts: 0,
        availableAt: new Date(now),
      })),
    });
  };

  /** The decisions a step added, in one insert. */
  const recordDecisions = async (requestId: string, state: RequestState, before: RequestState | null) => {
    const added = state.decisions.slice(before?.decisions.length ?? 0);
    if (added.length === 0) return;
    await strapi.db.query(UID.decision).createMany({
      data: added.map((decision) => ({
        requestId,
        kind: decision.kind,
        by: decision.by,
        at: new Date(decision.at),
        comment: decision.comment,
        obligations: decision.obligations,
        revision: state.revisions,
      })),
    });
  };

  /**
   * Executes the effects of one transition on a request, in the caller's transaction, then writes
   * its state: `apply-change` applies the change (a refused or failed apply becomes the engine's
   * `apply-failed`, whose effects run too); `audit` and the new decisions are appended; `notify`
   * goes to the outbox. Every kind of effect is executed or stored — the switch has no default.
   * Each table is written once per step (decisions, notifications and audit entries in one insert each).
   */
  const settle = async (
    record: RequestRecord,
    before: RequestState | null,
    step: Transition,
    now: number,
    failure: string | null,
    policy: TimePolicy,
    afterCommit: AfterCommit,
    proposal: Partial<ProposalRow> = {}
  ) => {
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
              ? { action: 'applied', actor: effect.actor, at: effect.at, details: { ...effect.details, ...appliedTo } }
              : { action: effect.action, actor: effect.actor, at: effect.at, details: effect.details }
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
    const updated = await store.update(record, state, policy, { result, targetDocumentId, ...proposal });
    await recordDecisions(record.id, state, before);
    await enqueue(record.id, notifications, now);
    await service('audit').append(audit.map((entry) => ({ ...entry, requestId: record.id })));
    const webhook = webhookRequestOf(record, state, targetDocumentId);
    const events = webhookEventsOf(before, state, audit.map((entry) => entry.action), appliedTo !== null);
    if (events.length) afterCommit(() => emitWebhooks(strapi, events.map((event) => ({ event, request: webhook }))));
    return updated;
  };

  /**
   * A transaction whose commit kicks the outbox's sender and sends the webhooks of its steps: the
   * messages it stored go out right after the commit (of the outermost transaction, when this one
   * is nested), never before; a rollback sends nothing.
   */
  const transaction = async <T>(work: (afterCommit: AfterCommit) => Promise<T>): Promise<T> => {
    const committed: T = await strapi.db.transaction(async ({ onCommit }) => {
      const result = await work(onCommit);
      onCommit(() => service('outbox').kick());
      return result;
    });
    // The answer comes with this step's audit events in the chain (they are chained after the commit).
    await service('audit').chained();
    return committed;
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
    // A tick that finds nothing due: store when something will be, so the sweep does not pick it again.
    if (event.type === 'tick' && next.effects.length === 0) return store.setNextDue(record, policy);
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
     * Events on several requests in one transaction (the sweep's batch): `work` runs each through
     * the `step` it is given, as `run` would, but without a retry of its own — a failed apply
     * throws, the whole transaction rolls back, and the caller runs those requests alone (`run`,
     * which records the failure).
     */
    batch: <T>(policy: TimePolicy, now: number, work: (step: (id: string, event: RequestEvent) => Promise<RequestRecord>) => Promise<T>) =>
      transaction((afterCommit) => work((id, event) => step(id, event, policy, now, null, afterCommit))),

    /**
     * Work on a request under its row lock that is no engine event (an external link sent again,
     * revoked), in a transaction whose commit kicks the outbox's sender.
     */
    locked: <T>(id: string, work: (record: RequestRecord) => Promise<T>) => transaction(async () => work(await store.lock(id))),

    /**
     * The requester's revise: under the row lock, the engine's `revise` (only the requester, only
     * while pending), then `check` (is this request the one this write may revise?), then the new
     * proposal and base are written with the reset state, in one transaction.
     */
    revise: (id: string, event: Extract<RequestEvent, { type: 'revise' }>, proposal: ProposalRow, policy: TimePolicy, check: (record: RequestRecord) => void, now = Date.now()) =>
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
