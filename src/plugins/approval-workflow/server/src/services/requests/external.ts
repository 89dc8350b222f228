import type { Core } from '@strapi/strapi';
import createHttpError from 'http-errors';
import { PLUGIN_ID } from '../../../../shared/constants';
import type { ExternalLinkView, RevokeLinksBody } from '../../../../shared/contracts/external';
import type { RequestSummary } from '../../../../shared/contracts/requests';
import { UID } from '../../constants';
import { linkExpiresAt, transition, type RequestEvent, type RequestState, type TimePolicy } from '../../domain';
import { engineActorOf, type ActingUser } from '../../utils/actor';
import { insertRows } from '../../utils/columns';
import { forbidden, notFound } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { seal } from '../../utils/sealed';
import type { AuditEntry } from '../audit';
import { INVITATION_KIND, INVITATION_SEAL, newMessage } from '../outbox';
import { createLinkStore, spentReasonOf, USED_LINK } from './links';
import type { Presenter } from './presenter';
import { summaryOf } from './presenter';
import { engine, type Runner } from './runner';
import type { RequestStore, StepRecord } from './store';

/** 410 Gone: the link existed and cannot be used any more (the message says why). */
const gone = (message: string) => createHttpError(410, message, { details: {} });

/** The open obligations `from` handed to `to` (all, or the one named), in stages not closed. */
const handedTo = (state: RequestState, to: string, from: string, obligationId?: string) =>
  state.stages
    .filter((stage) => stage.status === 'waiting' || stage.status === 'active')
    .flatMap((stage) => stage.obligations)
    .filter((o) => o.status === 'open' && o.holder === to && o.delegatedFrom === from && (obligationId === undefined || o.id === obligationId))
    .map((o) => o.id);

export interface ExternalDelegation {
  to: string;
  comment: string | null;
  obligationId?: string;
  expiresInMinutes?: number;
}

/**
 * External approvers (DESIGN: no account, an e-mailed link, single use, time-limited, for one
 * request): delegating to `email:<address>` sends one link per obligation; the link shows the
 * request and decides its obligation once, as `email:<address>`, through the runner like any
 * decision; the delegator or an approval admin revokes it.
 */
export const createExternal = (strapi: Core.Strapi, store: RequestStore, runner: Runner, presenter: Presenter, timePolicy: () => Promise<TimePolicy>) => {
  const links = createLinkStore(strapi);
  const lifetime = () => strapi.config.get<number>(`plugin::${PLUGIN_ID}.externalLinkMinutes`, 72 * 60);

  /**
   * In the caller's transaction: a new link for each obligation (replacing the live one), its
   * invitation in the outbox with the token sealed, and the audit entry. The token leaves this
   * function only sealed.
   */
  const sendLinks = async (record: StepRecord, obligationIds: string[], to: string, delegatedBy: string, minutes: number, now: number) => {
    const invitations = [];
    const audit: AuditEntry[] = [];
    for (const obligationId of obligationIds) {
      const stage = record.state.stages.find((s) => s.obligations.some((o) => o.id === obligationId));
      const expiresAt = linkExpiresAt(record.state, obligationId, now, minutes);
      if (!stage || expiresAt === null) throw new Error(`Request ${record.id} has no obligation ${obligationId}`);
      const { link, token, replaced } = await links.issue({ requestId: record.id, obligationId, principal: to, delegatedBy, expiresAt }, now);
      const payload = { reason: 'delegated', stageIndex: stage.index, linkId: link.id, sealed: seal(strapi, INVITATION_SEAL, token) };
      invitations.push(newMessage({ kind: INVITATION_KIND, requestId: record.id, recipients: [to], payload }, now));
      audit.push({
        action: 'link-sent',
        actor: delegatedBy,
        at: new Date(now).toISOString(),
        requestId: record.id,
        details: { obligationId, to, linkId: link.id, expiresAt: new Date(expiresAt).toISOString(), replaced },
      });
    }
    await insertRows(strapi, UID.outbox, invitations);
    await getService(strapi, 'audit').append(audit);
  };

  /** The link of a token that can still decide, and its request: 404 for a token never issued, 410 for a spent link or a closed request. */
  const usable = async (token: string, now: number) => {
    const link = await links.find(token);
    if (!link) throw notFound('This link is unknown. Check that it was copied whole from the mail.');
    const spent = spentReasonOf(link, now);
    if (spent) throw gone(spent);
    const record = await store.get(link.requestId);
    if (record.status !== 'pending') throw gone(`This request no longer waits for a decision (it is ${record.status}).`);
    return { link, record };
  };

  return {
    /**
     * Delegation to `email:<address>`. The first time, the engine's `delegate` (the obligations
     * change holder) and, in the same transaction, a link per obligation. Delegating again to the
     * same address what one already handed to it sends new links, which replace the old ones.
     */
    async delegate(id: string, actor: ActingUser, body: ExternalDelegation): Promise<RequestSummary> {
      const now = Date.now();
      const minutes = body.expiresInMinutes ?? lifetime();
      const { state } = await store.get(id);
      if (handedTo(state, body.to, actor.principal, body.obligationId).length > 0) {
        return runner.locked(id, async (record) => {
          const again = handedTo(record.state, body.to, actor.principal, body.obligationId);
          await sendLinks(record, again, body.to, actor.principal, minutes, now);
          return summaryOf(record);
        });
      }
      const event: RequestEvent = { type: 'delegate', actor: engineActorOf(actor), to: body.to, comment: body.comment, obligationId: body.obligationId };
      // The engine's refusals come first, before anything is locked.
      engine(() => transition(state, event, now));
      const record = await runner.run(id, event, await timePolicy(), now, {
        after: (updated) => sendLinks(updated, handedTo(updated.state, body.to, actor.principal, body.obligationId), body.to, actor.principal, minutes, now),
      });
      return summaryOf(record);
    },

    /** What the link shows (404 unknown, 410 spent). */
    async view(token: string): Promise<ExternalLinkView> {
      const { link, record } = await usable(token, Date.now());
      return presenter.external(record, link.obligationId, link.expiresAt);
    },

    /**
     * Approve or reject through a link: its one obligation, as its `email:` principal, through the
     * runner (exactly once, audited with the delegator). The link is marked used in the same
     * transaction, by a conditional update: of two uses racing, one decides and the other hears 410.
     */
    async decide(token: string, decision: 'approve' | 'reject', comment: string | null): Promise<RequestSummary> {
      const now = Date.now();
      const { link } = await usable(token, now);
      const event: RequestEvent = { type: decision, actor: { principal: link.principal, isApprovalAdmin: false }, comment, obligationId: link.obligationId };
      const record = await runner.run(link.requestId, event, await timePolicy(), now, {
        before: async () => {
          if (!(await links.use(link.id, now))) throw gone(USED_LINK);
        },
      });
      return summaryOf(record);
    },

    /**
     * Revokes the live links of a request (those sent to one address, or of one obligation): the
     * delegator's own, or any for an approval admin. 404 when no live link matches; 403 when none of
     * them is the caller's to revoke. The obligation stays with the address: delegating to it again
     * sends a new link.
     */
    async revoke(id: string, actor: ActingUser, body: RevokeLinksBody): Promise<{ revoked: number }> {
      return runner.locked(id, async () => {
        const now = Date.now();
        const live = await links.liveOf({ requestId: id, ...(body.obligationId ? { obligationId: body.obligationId } : {}), ...(body.to ? { principal: body.to } : {}) }, now);
        if (live.length === 0) throw notFound(`Request ${id} has no live external link that matches`, { id });
        const mine = actor.isApprovalAdmin ? live : live.filter((link) => link.delegatedBy === actor.principal);
        if (mine.length === 0) throw forbidden('Only whoever sent an external link, or an approval admin, may revoke it', { id });
        const revoked = await links.revoke({ requestId: id, id: { $in: mine.map((link) => link.id) } }, now);
        const at = new Date(now).toISOString();
        await getService(strapi, 'audit').append(
          mine.map((link) => ({ action: 'link-revoked' as const, actor: actor.principal, at, requestId: id, details: { obligationId: link.obligationId, to: link.principal, linkId: link.id } }))
        );
        return { revoked };
      });
    },
  };
};
