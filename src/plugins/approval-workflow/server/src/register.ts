import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares/documents';
import { approvalResponse } from './middlewares/http/approval-response';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddlewares(strapi);
  strapi.server.use(approvalResponse(strapi));
};
