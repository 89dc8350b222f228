import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerDocumentMiddlewares } from './middlewares/documents';
import { approvalResponse } from './middlewares/http/approval-response';
import { checkContentManagerIds } from './middlewares/http/check-content-manager-ids';
import { registerMigrations } from './migrations';
import { registerOpenApi } from './openapi';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerMigrations(strapi);
  registerDocumentMiddlewares(strapi);
  strapi.server.use(approvalResponse(strapi));
  strapi.server.router.use(checkContentManagerIds(strapi));
  registerGraphql(strapi);
  registerOpenApi(strapi);
};
