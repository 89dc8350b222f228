import { z } from 'zod';

export const groupInputSchema = z
  .object({
    name: z.string().trim().min(1, 'a group needs a name').max(200),
    description: z.string().max(5000).nullable().default(null),
    members: z
      .array(z.string().regex(/^(admin|user):\d+$/, 'must be a user principal such as "admin:3" or "user:5"'))
      .default([]),
  })
  .strict();

export type GroupInput = z.infer<typeof groupInputSchema>;
