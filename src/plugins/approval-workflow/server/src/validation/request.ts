import { z } from 'zod/v4';
import type { CancelBody, DecideBody, DelegateBody } from '../../../shared/contracts/requests';
import { OPERATIONS, REQUEST_STATUSES } from '../domain';
import { MAX_LINK_MINUTES } from '../../../shared/constants';
import type { ExternalDecideBody, RevokeLinksBody } from '../../../shared/contracts/external';
import { accountPrincipal, dbId, documentId, emailPrincipal, identifier, isEmailPrincipal, text } from './common';
import { forContract } from './contract';

/** How long an external link lasts, in minutes: a positive integer up to 30 days. */
const linkMinutes = z.number().int().min(1).max(MAX_LINK_MINUTES, `must be at most ${MAX_LINK_MINUTES} minutes (30 days)`);

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
        accountPrincipal('must be an admin user id, a principal such as "admin:3", or "email:<address>"'),
        emailPrincipal,
      ]),
      comment,
      obligationId: identifier.optional(),
      expiresInMinutes: linkMinutes.optional(),
    })
    .strict()
    .superRefine((body, context) => {
      if (body.expiresInMinutes !== undefined && !isEmailPrincipal(body.to)) {
        context.addIssue({ code: 'custom', path: ['expiresInMinutes'], message: 'applies only to an external approver ("email:<address>"), whose link it limits' });
      }
    })
);

/** The body of approve and reject through an external link (`ExternalDecideBody`); an empty comment of the page's form is none. */
export const externalDecideSchema = forContract<ExternalDecideBody>()(z.object({ comment: comment.transform((value) => value || null) }).strict());

/** The body of revoke (`RevokeLinksBody`). */
export const revokeLinksSchema = forContract<RevokeLinksBody>()(z.object({ to: emailPrincipal.optional(), obligationId: identifier.optional() }).strict());

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
