import { z } from 'zod';
import { accountPrincipal, text } from './common';

export const groupInputSchema = z
  .object({
    name: text.trim().min(1, 'a group needs a name').max(200),
    description: text.max(5000).nullable().default(null),
    members: z.array(accountPrincipal('must be a user principal such as "admin:3" or "user:5"')).default([]),
  })
  .strict();

export type GroupInput = z.infer<typeof groupInputSchema>;
