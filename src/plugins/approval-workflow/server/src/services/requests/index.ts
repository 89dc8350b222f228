import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import type { RevokeLinksBody } from '../../../../shared/contracts/external';
import type { RequestDetail, RequestListItem, RequestSummary } from '../../../../shared/contracts/requests';
import { UID } from '../../constants';
import { canDecide, mayRead, startRequest, transition, TransitionError, type RequestEvent } from '../../domain';
import { engineActorOf, type ActingUser } from '../../utils/actor';
import { conflict, forbidden, invalidField, notFound, passwordRequired } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import type { PageQuery } from '../../utils/pagination';
import { refuseDuplicates } from '../../utils/unique-violation';
import type { Snapshot } from '../snapshot';
import { isEmailPrincipal } from '../../validation/common';
import { entryTitleOf } from './entry-title';
import { createExternal, type ExternalDelegation } from './external';
import { createPresenter, duplicate, summaryOf } from './presenter';
import { createResolution, openKeyOf, policyOf } from './resolution';
import { asHttpError, createRunner, engine, type RunHooks } from './runner';
import { createRequestStore, type ProposalRow } from './store';
import type { OpenInput, RequestFilters, Viewer } from './types';

export type { OpenInput, RequestFilters, Viewer } from './types';
export { CorruptRequestError, type RequestRecord } from './store';

/**
 * Approval requests: opened by the interceptor, decided by approvers, applied exactly once.
 * Assembled from one part per job: the store (typed rows, parties), the runner (lock → engine →
 * effects → persist), resolution (template and owner of a new request) and the presenter (views).
 */
export const createRequestsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = createRequestStore(strapi);
  const runner = createRunner(strapi, store);
  const resolution = createResolution(strapi);
  const presenter = createPresenter(strapi);
  const service = <K extends Parameters<typeof getService>[1]>(name: K) => getService(strapi, name);
  const timePolicy = async () => policyOf(await service('settings').get());
  const run = async (id: string, event: RequestEvent, hooks?: RunHooks) => summaryOf(await runner.run(id, event, await timePolicy(), Date.now(), hooks));
  const external = createExternal(strapi, store, runner, presenter, timePolicy);

  /**
   * The row content an intercepted write makes (one place for open and revise): the proposal, and
   * its base — the target as it is now (404 when it is gone) with its hash.
   */
  const proposalRowOf = async (input: OpenInput): Promise<ProposalRow> => {
    let base: Snapshot | null = null;
    if (input.documentId) {
      base = await service('snapshot').take(input.uid, input.documentId, input.locale);
      // Only an update (or the content manager's publish, which saves first) adds a locale the document does not have yet.
      const addsLocale = input.operation === 'update' || (input.operation === 'publish' && Boolean(input.params.data));
      if (!base || (!base.draft && !base.published && !addsLocale)) throw notFound(`Document ${input.documentId} of ${input.uid} not found`);
    }
    return {
      title: await entryTitleOf(strapi, input.uid, input.params.data, base),
      params: input.params,
      base,
      baseHash: base ? service('snapshot').hash(base) : null,
    };
  };

  /**
   * The requester's write replaces the proposal and base of their open request `id` for the same
   * target and operation (engine `revise`: approvals reset, stages restart). Someone else's
   * request → 403; a closed one, or one for another target or operation → 409.
   */
  const revise = async (input: OpenInput, id: string, openKey: string | null): Promise<RequestSummary> => {
    const proposal = await proposalRowOf(input);
    const event = { type: 'revise' as const, actor: { principal: input.requester, isApprovalAdmin: false }, comment: input.comment };
    const record = await runner.revise(id, event, proposal, await timePolicy(), (request) => {
      if (openKey === null || request.openKey !== openKey) {
        throw conflict(`Approval request ${id} is not the open request for this ${input.operation} of this entry: it cannot be revised by this write`, {
          code: 'revise-target-mismatch',
        });
      }
    });
    return summaryOf(record);
  };

  return {
    /**
     * Opens a request for an intercepted write (the write itself does not happen). A second open
     * request for the same object and operation is refused with 409 naming the open one (and
     * whether the caller may revise it); with `revise` (the header `X-Approval-Revise`) the
     * requester's own open request is revised instead.
     */
    async open(input: OpenInput): Promise<RequestSummary> {
      const openKey = openKeyOf(input.uid, input.operation, input.documentId, input.locale);
      if (input.revise) return revise(input, input.revise, openKey);
      const settings = await service('settings').get();
      const policy = policyOf(settings);
      const [rule, owner] = await Promise.all([resolution.ruleFor(input.managed, settings), resolution.ownerFor(input)]);
      if (openKey) {
        const open = await store.findOpen(openKey);
        if (open) throw duplicate(open, input.requester);
      }
      const proposal = await proposalRowOf(input);
      const directory = await service('directory').directoryFor(rule);
      const id = createId();
      const now = Date.now();
      const started = engine(() =>
        startRequest(
          { id, rule, requester: input.requester, owner, urgent: input.urgent, urgentModeEnabled: settings.urgentMode, directory, comment: input.comment },
          now
        )
      );
      const row = {
        documentId: id,
        operation: input.operation,
        uid: input.uid,
        targetDocumentId: input.documentId,
        locale: input.locale,
        ...proposal,
        context: { parentManagedObject: input.managed.parent?.id ?? null },
        requester: input.requester,
        owner,
        comment: input.comment,
        urgent: input.urgent,
        templateId: rule.id,
        templateVersion: rule.version,
      };
      // The same object and operation opened at the same moment: the open key's unique index refuses the second.
      const record = await refuseDuplicates(
        strapi,
        UID.request,
        () => runner.start(row, started, policy, openKey, now),
        async () => {
          const open = openKey ? await store.findOpen(openKey) : null;
          return open ? duplicate(open, input.requester) : null;
        }
      );
      return summaryOf(record);
    },

    async list(viewer: Viewer, filters: RequestFilters, page: PageQuery) {
      return store.page({ ...engineActorOf(viewer.actor), canReadAll: viewer.canReadAll }, filters, page, (records) => presenter.list(records, viewer.actor));
    },

    /** The pending requests on these entries of a type (every requester's), newest first. */
    async pendingOn(uid: string, documentIds: string[]): Promise<RequestSummary[]> {
      return (await store.pendingOn(uid, documentIds)).map(summaryOf);
    },

    /** The pending requests on one entry in a locale (every requester's), newest first, as the viewer's list items. */
    async pendingItemsOn(uid: string, documentId: string, locale: string | undefined, viewer: ActingUser): Promise<RequestListItem[]> {
      return presenter.list(await store.pendingOn(uid, [documentId], locale), engineActorOf(viewer));
    },

    /** One request with its diff, stages, decisions and timeline — for its parties and for admins. */
    async get(id: string, viewer: Viewer): Promise<RequestDetail> {
      const record = await store.get(id);
      if (!mayRead(record.state, { ...engineActorOf(viewer.actor), canReadAll: viewer.canReadAll })) {
        throw forbidden('You are not a party to this request', { id });
      }
      return presenter.detail(record, engineActorOf(viewer.actor));
    },

    /**
     * Approve or reject. With security level `password` the decider re-enters their password
     * (seed 003): missing → 400, wrong → 403. Who may decide is answered first (a stranger hears
     * "not an approver", not "password required"), and a password is checked before the row is
     * locked (a wrong one never holds the lock). Without a password in the body the decision goes
     * straight to its one locked read, where the engine refuses first and a template that wants a
     * password refuses next, before anything is written.
     */
    async decide(id: string, actor: ActingUser, decision: 'approve' | 'reject', body: { comment: string | null; password?: string }) {
      const event: RequestEvent = { type: decision, actor: engineActorOf(actor), comment: body.comment };
      const what = 'Deciding this request';
      if (body.password === undefined) {
        return run(id, event, {
          check: ({ state }) => {
            if (state.rule.securityLevel === 'password') throw passwordRequired(what);
          },
        });
      }
      const { state } = await store.get(id);
      const check = canDecide(state, engineActorOf(actor), decision);
      if (!check.ok) throw asHttpError(new TransitionError(check.code, { requestId: id, status: state.status, event: decision }));
      if (state.rule.securityLevel === 'password') await service('directory').confirmPassword(actor.principal, body.password, what);
      return run(id, event);
    },

    async cancel(id: string, actor: ActingUser, comment: string | null) {
      return run(id, { type: 'cancel', actor: engineActorOf(actor), comment });
    },

    /**
     * Hands the actor's open obligations (or one of them) to another user, who must be able to
     * decide (else the request would stall), or to an external approver (`email:<address>`), who
     * gets a link by mail (see `external`). The engine's refusals come first, as for a decision.
     */
    async delegate(id: string, actor: ActingUser, body: ExternalDelegation) {
      if (isEmailPrincipal(body.to)) return external.delegate(id, actor, body);
      const { state } = await store.get(id);
      const event: RequestEvent = { type: 'delegate', actor: engineActorOf(actor), to: body.to, comment: body.comment, obligationId: body.obligationId };
      engine(() => transition(state, event, Date.now()));
      const directory = service('directory');
      const unknown = await directory.unknownPrincipals([body.to]);
      if (unknown.length) throw invalidField(['to'], `Unknown delegate: ${body.to}`, { unknown: { users: unknown } });
      if (!(await directory.deciders([body.to])).has(body.to)) {
        throw invalidField(['to'], `${body.to} can never decide approval requests: delegate to an active user whose role may decide`, {
          code: 'delegate-cannot-decide',
        });
      }
      return run(id, event);
    },

    /** An external approver's link: what it shows, its decision (once), its revocation. */
    viewLink: (token: string) => external.view(token),
    decideByLink: (token: string, decision: 'approve' | 'reject', comment: string | null) => external.decide(token, decision, comment),
    revokeLinks: (id: string, actor: ActingUser, body: RevokeLinksBody) => external.revoke(id, actor, body),

    /**
     * The sweep (seed 003): every pending request whose next deadline, reminder or escalation is
     * due gets a `tick`, batch by batch until none is due (at most `rounds` batches a run). A batch
     * is claimed and ticked in one transaction under its rows' locks; a sweep on another instance
     * skips the rows this one holds and claims the next ones (`store.due`), so instances share the
     * work, and a request ticked by one sweep is no longer due for the other (a tick that finds
     * nothing due changes nothing). A batch that fails is rolled back and its requests ticked one by
     * one, so a broken request costs only itself; it is left out of the rest of the run.
     */
    async sweep(now = Date.now(), batch = 100, rounds = 100) {
      const policy = await timePolicy();
      const tick: RequestEvent = { type: 'tick', policy };
      const broken: string[] = [];
      let due = 0;
      let ticked = 0;
      for (let round = 0; round < rounds; round += 1) {
        let claimed: Array<{ rowId: number; id: string }> = [];
        try {
          await runner.batch(policy, now, tick, async () => {
            claimed = await store.due(now, batch, broken);
            return store.byRowIds(claimed.map(({ rowId }) => rowId));
          });
          ticked += claimed.length;
        } catch (error) {
          if (claimed.length > 1) strapi.log.warn(`[approval-workflow] a sweep batch of ${claimed.length} requests was rolled back, ticking them one by one: ${(error as Error).message}`);
          for (const { id } of claimed) {
            try {
              await runner.run(id, tick, policy, now);
              ticked += 1;
            } catch (failure) {
              broken.push(id);
              strapi.log.error(`[approval-workflow] sweep of request ${id} failed: ${(failure as Error).message}`);
            }
          }
        }
        due += claimed.length;
        if (claimed.length < batch) break;
      }
      // The batches went on while their audit events were chained; the run ends with them in the chain.
      await service('audit').chained();
      return { due, ticked };
    },

    /**
     * After the reminder or escalation settings changed: recomputes, under each row's lock, when
     * every pending request is next due, so that the sweep (which selects by `nextDueAt`) applies
     * the new timing to requests already pending.
     */
    async reschedule(batch = 100) {
      const policy = await timePolicy();
      for (let lastId = 0; ; ) {
        const pending = await store.pendingAfter(lastId, batch);
        for (const { id } of pending) {
          await strapi.db.transaction(async () => {
            const record = await store.lock(id);
            if (record.status === 'pending') await store.setNextDue(record, policy);
          });
        }
        if (pending.length < batch) return;
        lastId = pending[pending.length - 1].rowId;
      }
    },

    /** Parties for requests written before the parties table existed (bootstrap; a no-op afterwards). */
    backfillParties: () => store.backfillParties(),

    /** Titles for requests written before titles were stored (bootstrap; once). */
    backfillTitles: () => store.backfillTitles(),
  };
};

export type RequestsService = ReturnType<typeof createRequestsService>;
