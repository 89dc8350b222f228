import { z } from 'zod/v4';
import type { GroupBody } from '../../../shared/contracts/groups';
import { accountPrincipal, text } from './common';
import { forContract } from './contract';

/** The body of POST /groups and PUT /groups/:id (`GroupBody`). */
export const groupInputSchema = forContract<GroupBody>()(
  z
    .object({
      name: text.trim().min(1, 'a group needs a name').max(200),
      description: text.max(5000).nullable().default(null),
      members: z.array(accountPrincipal('must be a user principal such as "admin:3" or "user:5"')).default([]),
    })
    .strict()
);

export type GroupInput = z.infer<typeof groupInputSchema>;
