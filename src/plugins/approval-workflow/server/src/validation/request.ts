import { z } from 'zod';
import { REQUEST_STATUSES } from '../domain';

const comment = z.string().max(5000).nullable().optional().transform((value) => value ?? null);

export const decideSchema = z.object({ comment, password: z.string().min(1).optional() }).strict();

export const cancelSchema = z.object({ comment }).strict();

export const delegateSchema = z
  .object({
    to: z.union([
      z.number().int().positive().transform((id) => `admin:${id}`),
      z.string().regex(/^(admin|user):\d+$/, 'must be an admin user id, or a principal such as "admin:3"'),
    ]),
    comment,
    obligationId: z.string().min(1).optional(),
  })
  .strict();

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export const requestFiltersSchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    awaiting: z.literal('me').optional(),
    mine: flag.optional(),
    uid: z.string().min(1).optional(),
    documentId: z.string().min(1).optional(),
  })
  .passthrough()
  .transform(({ status, awaiting, mine, uid, documentId }) => ({ status, awaitingMe: awaiting === 'me', mine: mine ?? false, uid, documentId }));
