import { z } from 'zod';
import { OPERATIONS } from '../domain';
import { documentId, identifier } from './common';

const operations = z.array(z.enum(OPERATIONS)).min(1, 'name at least one operation to guard');
const childRelation = z.object({ uid: identifier, field: identifier }).strict();

export const markSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('collection'),
      uid: identifier,
      operations: operations.optional(),
      templateId: documentId.nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('entry'),
      uid: identifier,
      documentId,
      operations: operations.optional(),
      templateId: documentId.nullable().default(null),
      childRelations: z.array(childRelation).default([]),
    })
    .strict(),
]);

export const updateManagedSchema = z
  .object({
    operations: operations.optional(),
    templateId: documentId.nullable().optional(),
    childRelations: z.array(childRelation).optional(),
    /** Changing a managed entry's own (item-level) template needs the editor's password. */
    password: z.string().optional(),
  })
  .strict();

export type MarkInput = z.infer<typeof markSchema>;
export type UpdateManagedInput = z.infer<typeof updateManagedSchema>;
export type ChildRelation = z.infer<typeof childRelation>;
