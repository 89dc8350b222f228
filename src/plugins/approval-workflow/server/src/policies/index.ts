import type { Core } from '@strapi/strapi';
import type { ActionId } from '../../../shared/constants';
import { createRateLimit } from './rate-limit';

/** The admin user's abilities, as `admin::isAuthenticatedAdmin` leaves them on the request. */
interface AdminState {
  userAbility?: { can: (action: string) => boolean };
}

/**
 * `admin::hasPermissions` demands every action it lists; a route that serves several pages (the
 * directory of names behind the pickers of templates, groups, settings and managed content) needs
 * any one of them.
 */
const hasAnyPermission: Core.PolicyHandler<{ actions: ActionId[] }> = (ctx, config) =>
  config.actions.some((action) => ((ctx as unknown as { state: AdminState }).state).userAbility?.can(action) === true);

export default { 'has-any-permission': hasAnyPermission, 'rate-limit': createRateLimit() };
