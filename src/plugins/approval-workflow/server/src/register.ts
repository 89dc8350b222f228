import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares/documents';
import { approvalResponse } from './middlewares/http/approval-response';
import { checkContentManagerIds } from './middlewares/http/check-content-manager-ids';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddlewares(strapi);
  strapi.server.use(approvalResponse(strapi));
  strapi.server.router.use(checkContentManagerIds(strapi));
};
