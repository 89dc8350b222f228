import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { SearchDirectory } from '../../../shared/contracts/directory';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { directoryQuerySchema } from '../validation/directory';
import { parse } from '../validation/parse';

/** The pickers of the settings pages: admin users, content-API users, admin roles and groups, by name. */
export const createDirectoryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    const query = parse(directoryQuerySchema, ctx.query, 'query');
    ctx.body = pageResponse(await getService(strapi, 'directory').search(query, pageQuery(ctx))) satisfies SearchDirectory.Response;
  },
});
