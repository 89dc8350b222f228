import type { ZodType } from 'zod/v4';
import { fromZod } from '../utils/errors';

/** Parses input with a zod schema or throws Strapi's ValidationError (400) naming the fields. */
export const parse = <T>(schema: ZodType<T>, input: unknown, what?: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error, what);
  return result.data;
};
