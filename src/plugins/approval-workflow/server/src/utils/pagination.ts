import type { Context } from 'koa';
import { z } from 'zod/v4';
import type { ListMeta, Pagination } from '../../../shared/contracts/common';
import { MAX_DB_ID } from '../constants';
import { parse } from '../validation/parse';

const paginationSchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_DB_ID).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** The page a list route asks for, checked. */
export type PageQuery = z.infer<typeof paginationSchema>;

/** One page of a list: its items and `meta.pagination` (see `utils/records.ts#findPage`). */
export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

/**
 * The one paging parser of list routes: `?page=&pageSize=` (also Strapi's `pagination[page]`
 * form), as the core API takes them; a bad value is a 400 naming it.
 */
export const pageQuery = (ctx: Context): PageQuery => {
  const query = ctx.query as Record<string, unknown>;
  const nested = (query.pagination ?? {}) as Record<string, unknown>;
  return parsePage({ page: query.page ?? nested.page, pageSize: query.pageSize ?? nested.pageSize });
};

/** The one paging rule, for any transport (the query string above, GraphQL arguments): a bad value is a 400 naming it. */
export const parsePage = (input: { page?: unknown; pageSize?: unknown }): PageQuery => parse(paginationSchema, input, 'pagination');

/** A page as the core API answers a list: `{ data, meta: { pagination } }`. */
export const pageResponse = <T>({ data, pagination }: Page<T>): { data: T[]; meta: ListMeta } => ({ data, meta: { pagination } });
