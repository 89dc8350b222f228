import { PLUGIN_ID, type ActionId } from '../../../shared/constants';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An admin route: an authenticated admin holding the given RBAC action (row rules live in the services). */
export const adminRoute = (method: Method, path: string, handler: string, action: ActionId) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
  },
});

/**
 * An admin route that serves several pages: an authenticated admin holding any one of the actions
 * (the plugin's `has-any-permission` policy).
 */
export const adminRouteAny = (method: Method, path: string, handler: string, actions: ActionId[]) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: `plugin::${PLUGIN_ID}.has-any-permission`, config: { actions } }],
  },
});

/** A content-API route: users-permissions roles and API tokens grant it (plugin::approval-workflow.<handler>). */
export const contentApiRoute = (method: Method, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { policies: [] as string[] },
});

/**
 * A public content-API route (no authentication: what it takes carries its own credential, an
 * external link's token), behind the plugin's per-address rate limit.
 */
export const publicRoute = (method: Method, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const, policies: [`plugin::${PLUGIN_ID}.rate-limit`] },
});
