import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import policies from './policies';
import register from './register';
import routes from './routes';
import services from './services';

// For a project's own code (seeding templates in its bootstrap, granting the plugin's actions):
// `import { ACTIONS, templateInputSchema } from 'strapi-plugin-approval-workflow/server'`.
export { ACTIONS, PLUGIN_ID } from '../../shared/constants';
export type { ActionId } from '../../shared/constants';
export { templateInputSchema } from './validation/template';
export type { TemplateInput } from './validation/template';
// For integrators' typed clients: what the content-API routes take and answer.
export type {
  ApproveRequest,
  CancelRequest,
  DelegateRequest,
  GetRequest,
  ListRequests,
  RejectRequest,
  RequestDetail,
  RequestListItem,
  RequestSummary,
} from '../../shared/contracts/requests';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  policies,
  routes,
  services,
};
