import { z } from 'zod/v4';
import type { ChildRelation, MarkBody, UpdateManagedBody } from '../../../shared/contracts/managed-objects';
import { OPERATIONS } from '../domain';
import { documentId, identifier } from './common';
import { forContract } from './contract';

const operations = z.array(z.enum(OPERATIONS)).min(1, 'name at least one operation to guard');
const childRelation = forContract<ChildRelation>()(z.object({ uid: identifier, field: identifier }).strict());

/** The body of POST /managed-objects (`MarkBody`). */
export const markSchema = forContract<MarkBody>()(z.discriminatedUnion('kind', [
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
]));

/** The body of PUT /managed-objects/:id (`UpdateManagedBody`). */
export const updateManagedSchema = forContract<UpdateManagedBody>()(
  z
    .object({
      operations: operations.optional(),
      templateId: documentId.nullable().optional(),
      childRelations: z.array(childRelation).optional(),
      /** Changing a managed entry's own (item-level) template needs the editor's password. */
      password: z.string().optional(),
    })
    .strict()
);

export type MarkInput = z.infer<typeof markSchema>;
export type UpdateManagedInput = z.infer<typeof updateManagedSchema>;
export type { ChildRelation };
