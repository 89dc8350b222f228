import { z } from 'zod/v4';
import { EXPIRY_ACTIONS, REJECTION_POLICIES, SECURITY_LEVELS } from '../domain';
import { ownerRulesSchema as ruleOwnerRulesSchema, stageFieldsSchema, stageRuleSchema } from '../domain/schema';
import { accountPrincipal, dbId, dbIdLike, documentId, minutes, pipeInto, text } from './common';

const principal = accountPrincipal('must be a user principal such as "admin:3" (admin user) or "user:5" (content-API user)');

/** An admin role's id (a number, or its digits); kept as text in the rule. */
const roleId = dbIdLike.transform(String);
/** A plugin group's document id (a number is taken as its text). */
const groupId = z.union([documentId, dbId]).transform(String);

export const obligationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), principal }).strict(),
  z.object({ kind: z.literal('role'), id: roleId, minApprovals: z.number().int().min(1).optional() }).strict(),
  z.object({ kind: z.literal('group'), id: groupId, minApprovals: z.number().int().min(1).optional() }).strict(),
], { error: (issue) => (issue.code === 'invalid_union' ? 'must be "user", "role" or "group"' : undefined) });

/**
 * A stage as a client sends it: storable text, principals and ids in their HTTP forms; then the
 * rule schema's checks of a stage's fields (criteria, time span…), with the same field paths.
 */
const stageInputSchema = z
  .object({
    name: text.trim().min(1).max(200),
    /** Fulfillment criteria: N approvals close the stage, 0 = all. Default 1. */
    criteria: z.number().int().min(0).default(1),
    obligations: z.array(obligationSchema).min(1, 'a stage needs at least one obligation'),
    timeSpanMinutes: minutes.nullable().default(null),
    onExpiry: z.enum(EXPIRY_ACTIONS).default('deny'),
  })
  .strict();
export const stageSchema = pipeInto(stageInputSchema, stageFieldsSchema);

const ownerRulesInputSchema = z
  .object({
    ownerApproval: z.boolean().default(false),
    separateOwnerApproval: z.boolean().default(false),
    separateGroupApproval: z.boolean().default(false),
    enforceApprovalOrder: z.boolean().default(true),
    enforceInitialOwnerApproval: z.boolean().default(false),
  })
  .strict();
export const ownerRulesSchema = pipeInto(ownerRulesInputSchema, ruleOwnerRulesSchema);

/** The body of POST /templates and PUT /templates/:id (a template is always sent whole). */
export const templateInputSchema = z
  .object({
    name: text.trim().min(1, 'a template needs a name').max(200),
    description: text.max(5000).nullable().default(null),
    securityLevel: z.enum(SECURITY_LEVELS).default('simple'),
    urgentAllowed: z.boolean().default(false),
    rejectionPolicy: z.enum(REJECTION_POLICIES).default('decline'),
    ownerRules: ownerRulesSchema.prefault({}),
    stages: z.array(stageSchema).min(1, 'a template needs at least one stage'),
    /** Editing an item-level template (assigned to a managed entry) needs the editor's password. */
    password: z.string().optional(),
  })
  .strict();

export type TemplateInput = z.infer<typeof templateInputSchema>;

/** Template rows read back from the database: the JSON columns are parsed with the rule schema, not trusted. */
export const storedStagesSchema = z.array(stageRuleSchema);
export const storedOwnerRulesSchema = ruleOwnerRulesSchema;
