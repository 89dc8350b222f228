import { z } from 'zod';
import type { CancelBody, DecideBody, DelegateBody } from '../../../shared/contracts/requests';
import { OPERATIONS, REQUEST_STATUSES } from '../domain';
import { accountPrincipal, dbId, documentId, identifier, text } from './common';
import { forContract } from './contract';

const comment = text.max(5000).nullable().optional().transform((value) => value ?? null);

/** The body of approve and reject (`DecideBody`). */
export const decideSchema = forContract<DecideBody>()(z.object({ comment, password: z.string().min(1).optional() }).strict());

/** The body of cancel (`CancelBody`). */
export const cancelSchema = forContract<CancelBody>()(z.object({ comment }).strict());

/** The body of delegate (`DelegateBody`). */
export const delegateSchema = forContract<DelegateBody>()(
  z
    .object({
      to: z.union([
        dbId.transform((id) => `admin:${id}`),
        accountPrincipal('must be an admin user id, or a principal such as "admin:3"'),
      ]),
      comment,
      obligationId: identifier.optional(),
    })
    .strict()
);

/** What a requester adds to an intercepted write in headers (decoded); the same comment rule as in bodies. */
export const approvalHeadersSchema = z.object({
  'X-Approval-Comment': comment,
  /** The requester's own open request that this write revises (a request id). */
  'X-Approval-Revise': z
    .string()
    .regex(/^[a-z0-9]{1,255}$/, 'must be the id of an approval request')
    .nullable(),
});

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export const requestFiltersSchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    awaiting: z.literal('me').optional(),
    mine: flag.optional(),
    uid: identifier.optional(),
    documentId: documentId.optional(),
    operation: z.enum(OPERATIONS).optional(),
    // Title search: trimmed; empty is no filter (Strapi's `$containsi` escapes `%` and `_`).
    q: text.trim().max(200).optional(),
  })
  .passthrough()
  .transform(({ status, awaiting, mine, uid, documentId, operation, q }) => ({
    status,
    awaitingMe: awaiting === 'me',
    mine: mine ?? false,
    uid,
    documentId,
    operation,
    q: q || undefined,
  }));
