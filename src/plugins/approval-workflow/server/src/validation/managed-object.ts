import { z } from 'zod';
import { OPERATIONS } from '../domain';

const operations = z.array(z.enum(OPERATIONS)).min(1, 'name at least one operation to guard');
const childRelation = z.object({ uid: z.string().min(1), field: z.string().min(1) }).strict();

export const markSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('collection'),
      uid: z.string().min(1),
      operations: operations.optional(),
      templateId: z.string().min(1).nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('entry'),
      uid: z.string().min(1),
      documentId: z.string().min(1),
      operations: operations.optional(),
      templateId: z.string().min(1).nullable().default(null),
      childRelations: z.array(childRelation).default([]),
    })
    .strict(),
]);

export const updateManagedSchema = z
  .object({
    operations: operations.optional(),
    templateId: z.string().min(1).nullable().optional(),
    childRelations: z.array(childRelation).optional(),
    /** Changing a managed entry's own (item-level) template needs the editor's password. */
    password: z.string().optional(),
  })
  .strict();

export type MarkInput = z.infer<typeof markSchema>;
export type UpdateManagedInput = z.infer<typeof updateManagedSchema>;
export type ChildRelation = z.infer<typeof childRelation>;
