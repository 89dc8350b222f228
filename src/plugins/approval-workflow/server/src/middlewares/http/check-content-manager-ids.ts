import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { decodeOrKeep } from '../../utils/decode';
import { getService } from '../../utils/get-service';
import { pathId } from '../../validation/common';
import { parse } from '../../validation/parse';
import { bulkTargetsSchema } from '../../validation/proposal';

/** A content-manager route about one document: `/content-manager/collection-types/:model/:id[/…]`. */
const DOCUMENT_PATH = /^\/content-manager\/collection-types\/([^/]+)\/([^/]+)/;
/** A content-manager bulk action, with the document ids in its body. */
const BULK_PATH = /^\/content-manager\/collection-types\/([^/]+)\/actions\/bulk(Delete|Publish|Unpublish)$/;

/**
 * The content manager looks documents up by the ids in its path (or, for bulk actions, its body)
 * with its own queries before it writes, so a write to a managed type with an id no database takes
 * (NUL: PostgreSQL fails the query) would end in a 500 before the interceptor sees it. On guarded
 * types the ids are checked first, as every other id is: a 400 naming `id` or `documentIds`.
 * Registered on the router, inside Strapi's error middleware, so the 400 has Strapi's shape.
 */
export const checkContentManagerIds = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const match = DOCUMENT_PATH.exec(ctx.path);
  if (match && (await getService(strapi, 'managedObjects').guardedUids()).has(decodeOrKeep(match[1]))) {
    if (BULK_PATH.test(ctx.path)) parse(bulkTargetsSchema, ctx.request.body, 'bulk action');
    else pathId(decodeOrKeep(match[2]));
  }
  return next();
};
