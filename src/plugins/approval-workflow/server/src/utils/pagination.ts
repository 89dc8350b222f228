import type { Context } from 'koa';
import { z } from 'zod';
import { MAX_DB_ID } from '../constants';
import { parse } from '../validation/parse';

const paginationSchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_DB_ID).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export type PageQuery = z.infer<typeof paginationSchema>;

/** `?page=&pageSize=` (also Strapi's `pagination[page]` form), as the core API takes them. */
export const pageQuery = (query: Record<string, unknown>): PageQuery => {
  const nested = (query.pagination ?? {}) as Record<string, unknown>;
  return parse(paginationSchema, { page: query.page ?? nested.page, pageSize: query.pageSize ?? nested.pageSize }, 'pagination');
};

export const paginationMeta = ({ page, pageSize }: PageQuery, total: number) => ({
  pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
});

/** Answers one page of a list as the core API does: `{ data, meta: { pagination } }`. */
export const sendPage = async <T>(ctx: Context, list: (page: PageQuery) => Promise<{ data: T[]; total: number }>) => {
  const page = pageQuery(ctx.query as Record<string, unknown>);
  const { data, total } = await list(page);
  ctx.body = { data, meta: paginationMeta(page, total) };
};
