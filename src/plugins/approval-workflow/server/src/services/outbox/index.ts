import type { Core } from '@strapi/strapi';
import { z } from 'zod/v4';
import { PLUGIN_ID } from '../../../../shared/constants';
import type { OutboxMessage } from '../../../../shared/contracts/outbox';
import type { Settings } from '../../../../shared/contracts/settings';
import { UID } from '../../constants';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../content-types/outbox';
import { APPROVAL_ADMINS, NOTIFY_REASONS, SYSTEM_PRINCIPAL } from '../../domain';
import { getService } from '../../utils/get-service';
import { lockFree } from '../../utils/lock';
import type { Page, PageQuery } from '../../utils/pagination';
import { unseal } from '../../utils/sealed';
import { renderMail, type Mail } from './render';

const MINUTE = 60_000;
/** A claimed message is the claimer's for this long: a sender that dies mid-send leaves it to another after the lease. */
export const LEASE_MS = 10 * MINUTE;
/** Attempts before a message is `failed`; the waits between them double from one minute (1, 2, 4 … 64 minutes). */
export const MAX_ATTEMPTS = 8;
export const backoffMs = (attempts: number) => MINUTE * 2 ** Math.max(0, attempts - 1);
/** How many requests' mails one sender delivers at once. */
const PARALLEL_REQUESTS = 4;

/** An outbox row read back: the engine's `notify` effect as the runner stored it. */
const rowSchema = z.object({
  id: z.number(),
  kind: z.string(),
  requestId: z.string().nullish(),
  recipients: z.array(z.string()).nullish().transform((value) => value ?? []),
  payload: z.object({ reason: z.enum(NOTIFY_REASONS), stageIndex: z.number().int().optional() }).passthrough(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().nullish().transform((value) => value ?? 0),
  availableAt: z.union([z.string(), z.date(), z.number()]).nullish(),
  lastError: z.string().nullish(),
  subject: z.string().nullish(),
  sentTo: z.array(z.string()).nullish(),
  sentAt: z.union([z.string(), z.date(), z.number()]).nullish(),
  createdAt: z.union([z.string(), z.date(), z.number()]),
});
type Row = z.infer<typeof rowSchema>;

/** An external approver's invitation (`kind`), whose payload carries its link's token sealed under `INVITATION_SEAL`. */
export const INVITATION_KIND = 'external-invitation';
export const INVITATION_SEAL = 'approval-workflow external link token';
const invitationSchema = z.object({ reason: z.literal('delegated'), stageIndex: z.number().int(), linkId: z.number().int(), sealed: z.string().nullish() });

const iso = (value: string | Date | number | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());

/** A message as it is stored for delivery: pending, never tried, due `now` (the runner's notifications, external invitations). */
export const newMessage = (message: { kind: string; requestId: string; recipients: string[]; payload: Record<string, unknown> }, now: number) => ({
  ...message,
  status: 'pending' as const,
  attempts: 0,
  availableAt: new Date(now),
});

/** What a claimed message turned into: a mail to these addresses, or nothing to send (and why). */
type Composed = { kind: 'mail'; to: string[]; mail: Mail } | { kind: 'skip'; why: string };

/** The request as a mail describes it: read as an approval admin reads it (every request, the diff with private fields hidden). */
const SYSTEM_VIEWER = {
  actor: { principal: SYSTEM_PRINCIPAL, kind: 'admin' as const, id: 0, roleIds: [], isApprovalAdmin: true },
  canReadAll: true,
};

/**
 * The transactional outbox's sender. The runner stores the engine's `notify` effects in the
 * transaction of their event and kicks the sender after the commit; a cron job is the fallback.
 * Each message is claimed before it is sent — `FOR UPDATE SKIP LOCKED` on PostgreSQL and MySQL, and
 * in every database a conditional update on its attempt count that only one claimer wins — so
 * several instances on one database send each message once. A failed send is retried with
 * exponential backoff, then `failed`; it never touches the request.
 */
export const createOutboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.outbox);
  const delivery = () => strapi.config.get<'email' | 'log'>(`plugin::${PLUGIN_ID}.mailDelivery`, 'email');

  /** Claims up to `limit` due messages for this sender: their ids, requests and the attempt number each claim took. */
  const claim = (now: number, limit: number) =>
    strapi.db.transaction(async () => {
      const candidates = await lockFree(strapi, UID.outbox, {
        select: ['id', 'attempts', 'requestId'],
        where: { status: 'pending', availableAt: { $lte: new Date(now) } },
        // The order of the (status, available_at) index: MySQL then locks only the rows it returns, not every due one.
        orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
        limit,
      });
      const claimed: Array<{ id: number; attempt: number; requestId: string | null }> = [];
      // The conditional update decides who claims a message, also on SQLite (no row locks there).
      for (const candidate of candidates) {
        const id = Number(candidate.id);
        const attempts = Number(candidate.attempts ?? 0);
        const attempt = attempts + 1;
        const { count } = await query().updateMany({
          where: { id, status: 'pending', attempts },
          data: { attempts: attempt, availableAt: new Date(now + LEASE_MS) },
        });
        if (count === 1) claimed.push({ id, attempt, requestId: (candidate.requestId as string | null) ?? null });
      }
      return claimed;
    });

  /** Records the end of one attempt, unless another sender claimed the message since (the lease ran out). */
  const finish = (id: number, attempt: number, data: Record<string, unknown>) =>
    query().updateMany({ where: { id, status: 'pending', attempts: attempt }, data });

  /** The addresses of the recipients: accounts' e-mails, `email:` principals as they are, the approval admins' e-mails. */
  const addressesOf = async (recipients: string[], settings: Settings) => {
    const directory = getService(strapi, 'directory');
    const principals = recipients.includes(APPROVAL_ADMINS)
      ? [...recipients.filter((p) => p !== APPROVAL_ADMINS), ...(await directory.approvalAdmins(settings.bypassRoles))]
      : recipients;
    const labels = await directory.labels(principals);
    return [...new Set(Object.values(labels).flatMap((label) => (label.email ? [label.email] : [])))];
  };

  const linkTo = (requestId: string) =>
    `${strapi.config.get<string>('admin.absoluteUrl').replace(/\/$/, '')}/plugins/${PLUGIN_ID}/requests/${encodeURIComponent(requestId)}`;

  /** The public page of an external link (the content API's public route), with its token. */
  const externalLinkOf = (token: string) =>
    `${strapi.config.get<string>('server.absoluteUrl').replace(/\/$/, '')}${strapi.config.get<string>('api.rest.prefix', '/api')}/${PLUGIN_ID}/external/${token}`;

  /**
   * An external approver's invitation: their link, whose token is in the payload sealed (the only
   * place it exists until the mail is out). A link revoked or used before its mail went out is not sent.
   */
  const composeInvitation = async (row: Row, settings: Settings): Promise<Composed> => {
    const payload = invitationSchema.parse(row.payload);
    if (!payload.sealed) return { kind: 'skip', why: 'The invitation’s link is no longer held (it was sent, or given up)' };
    const link = await strapi.db.query(UID.externalLink).findOne({ where: { id: payload.linkId } });
    if (!link || link.usedAt || link.revokedAt) return { kind: 'skip', why: 'The link was revoked or used before its mail went out' };
    const to = await addressesOf(row.recipients, settings);
    if (to.length === 0) return { kind: 'skip', why: `No recipient has an e-mail address (${row.recipients.join(', ') || 'none'})` };
    const request = await getService(strapi, 'requests').get(row.requestId ?? '', SYSTEM_VIEWER);
    const delegatedBy = (await getService(strapi, 'directory').labels([link.delegatedBy]))[link.delegatedBy]?.name ?? link.delegatedBy;
    const expiresAt = `${new Date(link.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const mail = renderMail({
      reason: 'delegated',
      stageIndex: payload.stageIndex,
      request,
      link: externalLinkOf(unseal(strapi, INVITATION_SEAL, payload.sealed)),
      invitation: { expiresAt, delegatedBy },
    });
    return { kind: 'mail', to, mail };
  };

  const compose = async (row: Row, settings: Settings): Promise<Composed> => {
    if (row.kind === INVITATION_KIND) return composeInvitation(row, settings);
    const { reason, stageIndex } = row.payload;
    if (!settings.mail[reason]) return { kind: 'skip', why: `Mails of kind ${reason} are switched off in the settings` };
    const to = await addressesOf(row.recipients, settings);
    if (to.length === 0) return { kind: 'skip', why: `No recipient has an e-mail address (${row.recipients.join(', ') || 'none'})` };
    const request = await getService(strapi, 'requests').get(row.requestId ?? '', SYSTEM_VIEWER);
    return { kind: 'mail', to, mail: renderMail({ reason, stageIndex, request, link: linkTo(request.id) }) };
  };

  const send = async (to: string[], mail: Mail) => {
    if (delivery() === 'log') {
      strapi.log.info(`[${PLUGIN_ID}] mail (no SMTP configured) to ${to.join(', ')}: ${mail.subject}\n${mail.text}`);
      return 'logged' as const;
    }
    // One message per event, every recipient in To (they are the parties of one request).
    await strapi.plugin('email').service('email').send({ to: to.join(', '), subject: mail.subject, text: mail.text, html: mail.html });
    return 'sent' as const;
  };

  /** One claimed message: composed, sent (or logged, or skipped), its outcome recorded; a failure is retried later. */
  const deliverOne = async ({ id, attempt }: { id: number; attempt: number }, now: number, settings: Settings): Promise<OutboxStatus> => {
    let row: Row | null = null;
    /** Once a message is done with (sent, skipped, given up), an invitation's sealed token goes: it is needed no more. */
    const done = () => (row?.kind === INVITATION_KIND ? { payload: { ...row.payload, sealed: null } } : {});
    try {
      row = rowSchema.parse(await query().findOne({ where: { id } }));
      const composed = await compose(row, settings);
      if (composed.kind === 'skip') {
        await finish(id, attempt, { status: 'skipped', lastError: composed.why, ...done() });
        return 'skipped';
      }
      const status = await send(composed.to, composed.mail);
      await finish(id, attempt, { status, subject: composed.mail.subject, sentTo: composed.to, sentAt: new Date(), lastError: null, ...done() });
      return status;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = attempt >= MAX_ATTEMPTS;
      strapi.log.warn(`[${PLUGIN_ID}] outbox message ${id}, attempt ${attempt}: ${message}${failed ? ' (giving up)' : ''}`);
      await finish(id, attempt, failed ? { status: 'failed', lastError: message, ...done() } : { lastError: message, availableAt: new Date(now + backoffMs(attempt)) });
      return failed ? 'failed' : 'pending';
    }
  };

  let running: Promise<unknown> | null = null;
  let again = false;

  /**
   * Sends every due message, batch by batch, until none is due. The messages of a batch go out
   * `PARALLEL_REQUESTS` requests at a time (the time of a mail is mostly waiting for the database
   * and the SMTP server), the messages of one request one after the other, in the order they were
   * stored.
   */
  const deliver = async (now = Date.now(), batch = 20) => {
    const outcomes: OutboxStatus[] = [];
    for (;;) {
      const claimed = await claim(now, batch);
      // Read once for the batch (outside an HTTP request every read goes to the database).
      const settings = await getService(strapi, 'settings').get();
      const groups = new Map<string, typeof claimed>();
      for (const message of claimed) {
        const key = message.requestId ?? `#${message.id}`;
        const group = groups.get(key);
        if (group) group.push(message);
        else groups.set(key, [message]);
      }
      const byRequest = [...groups.values()];
      const lanes = Array.from({ length: Math.min(PARALLEL_REQUESTS, byRequest.length) }, async () => {
        for (let messages = byRequest.shift(); messages; messages = byRequest.shift()) {
          for (const message of messages) outcomes.push(await deliverOne(message, now, settings));
        }
      });
      await Promise.all(lanes);
      if (claimed.length < batch) return outcomes;
    }
  };

  const drain = async (): Promise<void> => {
    do {
      again = false;
      try {
        await deliver();
      } catch (error) {
        strapi.log.error(`[${PLUGIN_ID}] outbox delivery failed: ${(error as Error).message}`);
      }
    } while (again);
  };

  /**
   * After the commit of an event that stored messages: delivers them without holding up the
   * answer to the request that caused them. One drain at a time per instance; a kick during a
   * drain makes it look once more — also one that comes after the drain's last look but before it
   * is over (else its messages would wait for the cron).
   */
  const kick = () => {
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
      if (again) kick();
    });
  };

  return {
    deliver,
    kick,

    /** Resolves when this instance's drain (if any) is over: before shutdown, and in tests. */
    async idle() {
      while (running) await running;
    },

    /** One page of messages, newest first, of one status or all. */
    async list(status: OutboxStatus | undefined, page: PageQuery): Promise<Page<OutboxMessage>> {
      const { results, pagination } = await query().findPage({ where: status ? { status } : {}, orderBy: [{ id: 'desc' }], ...page });
      return {
        data: results.map((raw) => {
          const row = rowSchema.parse(raw);
          return {
            id: row.id,
            kind: row.kind,
            reason: row.payload.reason,
            requestId: row.requestId ?? null,
            recipients: row.recipients,
            status: row.status,
            attempts: row.attempts,
            availableAt: iso(row.availableAt),
            lastError: row.lastError ?? null,
            subject: row.subject ?? null,
            sentTo: row.sentTo ?? [],
            sentAt: iso(row.sentAt),
            createdAt: iso(row.createdAt) as string,
          };
        }),
        pagination,
      };
    },
  };
};

export type OutboxService = ReturnType<typeof createOutboxService>;
