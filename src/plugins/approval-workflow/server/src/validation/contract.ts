import type { z, ZodTypeAny } from 'zod/v4';

/** True when A and B take the same values under the same keys (assignable both ways, same keys). */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/**
 * Ties a boundary's zod schema to the shared contract of what it checks (`shared/contracts/*`):
 * `tsc` fails unless the schema accepts exactly the contract's shape (its `z.input`), so the
 * admin's types and the server's validation cannot drift apart. Returns the schema as it is.
 */
export const forContract =
  <Contract>() =>
  <S extends ZodTypeAny>(schema: S & (Same<z.input<S>, Contract> extends true ? unknown : { 'schema and contract differ': Contract })): S =>
    schema;
