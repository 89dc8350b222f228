import type { Context } from 'koa';
import { z } from 'zod/v4';
import { MAX_DB_ID } from '../constants';
import { parse } from './parse';

/**
 * The building blocks of every schema at the plugin's boundaries: what reaches a query or a stored
 * JSON must be something PostgreSQL, MySQL/MariaDB and SQLite all take, or the caller gets a 400
 * naming the field instead of a database error (a 500).
 */

/** A century: a longer duration would put a deadline beyond what a date (and a `datetime` column) holds. */
export const MAX_MINUTES = 60 * 24 * 366 * 100;

/**
 * Matches a string without NUL (PostgreSQL refuses it in text and JSON) and without a UTF-16
 * surrogate lacking its pair (not UTF-8: a JSON column refuses it). One linear scan, no
 * backtracking stack, also on strings of megabytes.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const STORABLE = /^(?![^]*?(?:\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))/;
export const UNSTORABLE_TEXT = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export const isStorableText = (value: string) => STORABLE.test(value);

/** Text a database can store; chain `.min`, `.max`, `.trim`, `.regex` as on `z.string()`. */
export const text = z.string().regex(STORABLE, UNSTORABLE_TEXT);

/** An id of a database row (admin users, roles, content-API users): an integer the id columns hold. */
export const dbId = z.number().int().min(1).max(MAX_DB_ID, `must be an id between 1 and ${MAX_DB_ID}`);

/** A row id given as a number or as its decimal digits ("4"), as the number. */
export const dbIdLike = z.union([dbId, text.regex(/^\d+$/, 'must be a numeric id').pipe(z.coerce.number<string>().pipe(dbId))]);

/** A document id (requests, templates, groups, managed objects, content entries). */
export const documentId = text.min(1).max(255);

/** A content-type UID (`api::article.article`) or an attribute name, before the service checks that it exists. */
export const identifier = text.min(1).max(255);

/** A locale code (`en`, `fr-FR`) or `*`; short enough for the request's key columns. */
export const locale = text.min(1).max(64);

const ACCOUNT = /^(admin|user):(\d+)$/;

/**
 * An account principal, `admin:<id>` (admin user) or `user:<id>` (content-API user), whose id the
 * id columns hold.
 */
export const accountPrincipal = (message: string) =>
  text.regex(ACCOUNT, message).refine((value) => {
    const match = ACCOUNT.exec(value);
    // A malformed principal is the regex's issue; only a well-formed one is checked for its range.
    return !match || (Number(match[2]) >= 1 && Number(match[2]) <= MAX_DB_ID);
  }, `the id must be between 1 and ${MAX_DB_ID}`);

/** An external approver, `email:<address>` (lower case: one address is one principal, however it was typed). */
export const EMAIL_PRINCIPAL = /^email:[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmailPrincipal = (principal: string) => EMAIL_PRINCIPAL.test(principal);
export const emailPrincipal = text
  .trim()
  .toLowerCase()
  .max(320, 'must be at most 320 characters')
  .regex(EMAIL_PRINCIPAL, 'must be an external approver, "email:<address>"');

/** A duration in minutes (time spans, reminder and escalation intervals). */
export const minutes = z.number().int().min(1).max(MAX_MINUTES, `must be at most ${MAX_MINUTES} minutes (a century)`);

/**
 * `schema`, then `next` on what it gives, `next` taking any input (a domain schema, which parses
 * stored and sent values alike). `next` runs only on a value `schema` found no problem with, so
 * that a problem is named once (zod 4's own pipe also runs its target after problems that do not
 * abort, and types the target as taking exactly the source's output).
 */
export const pipeInto = <S extends z.ZodType, T>(schema: S, next: z.ZodType<T, unknown>) =>
  schema.transform((value, context): T => {
    if (context.issues.length > 0) return z.NEVER;
    const result = next.safeParse(value);
    if (result.success) return result.data;
    for (const { path, message } of result.error.issues) context.addIssue({ code: 'custom', path, message, input: value });
    return z.NEVER;
  });

const pathParamsSchema = z.object({ id: documentId }).passthrough();

/** A document id taken from a path, checked like any other input (400 naming `id`). */
export const pathId = (id: unknown): string => parse(pathParamsSchema, { id }, 'path').id;

/** The `:id` of a route's path. */
export const idParam = (ctx: Context): string => pathId(ctx.params?.id);
