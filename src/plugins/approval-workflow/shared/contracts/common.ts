/** What every list and write route has in common. */

/**
 * The paging query of a list route, as the core API takes it: `?page=2&pageSize=50` or
 * `?pagination[page]=2&pagination[pageSize]=50`. Defaults: page 1, 25 per page, at most 100.
 */
export interface PaginationQuery {
  page?: number | string;
  pageSize?: number | string;
  pagination?: { page?: number | string; pageSize?: number | string };
}

/** `meta.pagination` of a list, as the core API's. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** The `meta` of every list answer. */
export interface ListMeta {
  pagination: Pagination;
}

/** The path of a route on one document: `/:id` is its document id. */
export interface IdParams {
  id: string;
}

/** What a delete answers: the document id that was deleted. */
export interface DeletedResponse {
  data: { id: string };
}
