import { z } from 'zod/v4';
import { documentId, isStorableText, locale, UNSTORABLE_TEXT } from './common';

/**
 * Levels of nesting a proposal may have. MySQL refuses JSON deeper than 100 levels, and a request
 * stores the proposal a few levels down; no content type of Strapi nests anywhere near this deep.
 */
export const MAX_PROPOSAL_DEPTH = 32;

/** At most this many bad values are named in one answer. */
const MAX_PROBLEMS = 20;

interface Problem {
  path: string[];
  message: string;
}

/**
 * The values of a proposal that a request cannot store on every database: text (values and keys)
 * with NUL or unpaired surrogates, and nesting beyond MAX_PROPOSAL_DEPTH. Whether the values fit
 * the content type (lengths, required fields, types) is Strapi's own validation, not this.
 */
export const unstorableValues = (value: unknown, path: string[] = [], problems: Problem[] = []): Problem[] => {
  if (problems.length >= MAX_PROBLEMS) return problems;
  if (typeof value === 'string') {
    if (!isStorableText(value)) problems.push({ path, message: UNSTORABLE_TEXT });
  } else if (value !== null && typeof value === 'object') {
    if (path.length >= MAX_PROPOSAL_DEPTH) {
      problems.push({ path, message: `must not be nested deeper than ${MAX_PROPOSAL_DEPTH} levels` });
      return problems;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) problems.push({ path: [...path, key], message: `the key ${UNSTORABLE_TEXT}` });
      else unstorableValues(item, [...path, key], problems);
    }
  }
  return problems;
};

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/**
 * A relation the content manager sends unchanged: `{ connect: [], disconnect: [] }` (no `set`,
 * nothing else). Writing it changes nothing, so a proposal does not hold it.
 */
export const isUnchangedRelation = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.entries(value).every(([key, item]) => (key === 'connect' || key === 'disconnect') && isEmptyList(item));

/** The proposal without the unchanged relations, at any depth (components, dynamic zone items). */
export const withoutUnchangedRelations = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutUnchangedRelations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) => (isUnchangedRelation(item) ? [] : [[key, withoutUnchangedRelations(item)]]))
  );
};

/**
 * The data of an intercepted write, as it is stored as a request's proposal (at open and at
 * revise; paths are the data's fields): unchanged relations dropped (`withoutUnchangedRelations`).
 * Its shape is Strapi's to judge (the proposal service answers as Strapi would, e.g. for
 * `data: []`); this only refuses what no database can store.
 */
export const proposalSchema = z
  .custom<Record<string, unknown>>(() => true)
  .superRefine((data, ctx) => {
    // A problem ends the parse: the transform below walks the value, which may be nested beyond reach.
    for (const problem of unstorableValues(data)) ctx.addIssue({ code: 'custom', ...problem, continue: false });
  })
  .transform((data) => (Array.isArray(data) ? data : (withoutUnchangedRelations(data) as Record<string, unknown>)));

/** The target of a write on a guarded type, checked before the plugin looks it up. */
export const writeTargetSchema = z
  .object({ documentId: documentId.nullish(), locale: locale.nullish() })
  .passthrough();

/** The body of a content-manager bulk action (delete, publish, unpublish) on a guarded type. */
export const bulkTargetsSchema = z.object({ documentIds: z.array(documentId) }).passthrough();
