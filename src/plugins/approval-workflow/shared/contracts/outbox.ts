import type { NotifyReason } from '../vocabulary';
import type { ListMeta, PaginationQuery } from './common';

export const OUTBOX_MESSAGE_STATUSES = ['pending', 'sent', 'logged', 'skipped', 'failed'] as const;
/**
 * `pending` waits to be sent (`availableAt`; after a failed attempt, `lastError` says why); `sent`
 * went to the mail provider; `logged` was written to the server log (no SMTP configured);
 * `skipped` was not sent (its kind is switched off, or no recipient has an e-mail address);
 * `failed` gave up after the last attempt (`lastError`).
 */
export type OutboxMessageStatus = (typeof OUTBOX_MESSAGE_STATUSES)[number];

/** One notification of the outbox: what the engine asked for and what became of it. */
export interface OutboxMessage {
  id: number;
  kind: string;
  reason: NotifyReason;
  requestId: string | null;
  /** The principals it is for (`approval-admins`: every approval admin). */
  recipients: string[];
  status: OutboxMessageStatus;
  attempts: number;
  availableAt: string | null;
  lastError: string | null;
  /** Once sent or logged: the subject and the addresses it went to. */
  subject: string | null;
  sentTo: string[];
  sentAt: string | null;
  createdAt: string;
}

/** GET /approval-workflow/outbox?status=failed — newest first. */
export namespace ListOutbox {
  export interface Request {
    query: PaginationQuery & { status?: OutboxMessageStatus };
  }
  export interface Response {
    data: OutboxMessage[];
    meta: ListMeta;
  }
}
