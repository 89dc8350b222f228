import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { ACTIONS } from '../../../shared/constants';
import { PUBLIC_PRINCIPAL, type Actor, type Principal } from '../domain/types';
import { getService } from './get-service';

export type ActorKind = 'admin' | 'user' | 'token';

/** Who is acting, as the approval rules see it. */
export interface ActingUser {
  principal: Principal;
  kind: ActorKind;
  id: number;
  /** Admin role ids (admin users only). */
  roleIds: number[];
  /** Member of a bypass role: writes apply directly, may decide any request. */
  isApprovalAdmin: boolean;
}

interface AuthState {
  user?: { id: number; roles?: Array<{ id: number; code?: string }> };
  auth?: { strategy?: { name?: string }; credentials?: { id: number } };
}

/** The actor as the engine sees it: who, and whether they are an approval admin. */
export const engineActorOf = ({ principal, isApprovalAdmin }: ActingUser): Actor => ({ principal, isApprovalAdmin });

export const principalOf = (kind: ActorKind, id: number | string): Principal => `${kind}:${id}`;

/** The authenticated actor of a Koa request, or null when nobody authenticated. */
export const actorFromState = async (strapi: Core.Strapi, state: AuthState | undefined): Promise<ActingUser | null> => {
  const strategy = state?.auth?.strategy?.name;
  // Strapi 5 names its strategies `admin` (admin JWT), `admin-token` (an admin token acting as its
  // owner), `users-permissions` and `content-api-token` (API tokens; `api-token` in earlier releases).
  if ((strategy === 'admin' || strategy === 'admin-token') && state?.user) {
    const roles = state.user.roles ?? [];
    return {
      principal: principalOf('admin', state.user.id),
      kind: 'admin',
      id: state.user.id,
      roleIds: roles.map((role) => role.id),
      isApprovalAdmin: await getService(strapi, 'settings').isApprovalAdmin(roles),
    };
  }
  if (strategy === 'users-permissions' && state?.user) {
    return { principal: principalOf('user', state.user.id), kind: 'user', id: state.user.id, roleIds: [], isApprovalAdmin: false };
  }
  if ((strategy === 'content-api-token' || strategy === 'api-token') && state?.auth?.credentials) {
    const { id } = state.auth.credentials;
    return { principal: principalOf('token', id), kind: 'token', id, roleIds: [], isApprovalAdmin: false };
  }
  return null;
};

/**
 * Who a Document Service write comes from — the one place that tells the three apart (DESIGN rule 8):
 * - `server`: no HTTP request at all (bootstrap, cron, scripts): trusted, never intercepted;
 * - `public`: an HTTP request nobody authenticated (the users-permissions Public role): principal `public`;
 * - `authenticated`: an admin user, a content-API user or an API token.
 */
export type WriteOrigin<A extends { isApprovalAdmin: boolean } = ActingUser> =
  | { kind: 'server' }
  | { kind: 'public' }
  | { kind: 'authenticated'; actor: A };

export const writeOriginOf = async (strapi: Core.Strapi, http: Context | undefined): Promise<WriteOrigin> => {
  if (!http) return { kind: 'server' };
  const actor = await actorFromState(strapi, http.state as AuthState);
  return actor ? { kind: 'authenticated', actor } : { kind: 'public' };
};

/** The requester an intercepted write is recorded under (never `server`: those are not intercepted). */
export const requesterOf = (origin: Exclude<WriteOrigin, { kind: 'server' }>): Principal =>
  origin.kind === 'public' ? PUBLIC_PRINCIPAL : origin.actor.principal;

/** The actor of a route that requires authentication; a missing one is a 401. */
export const actorOf = async (strapi: Core.Strapi, ctx: Context): Promise<ActingUser> => {
  const actor = await actorFromState(strapi, ctx.state as AuthState);
  if (!actor) throw new errors.UnauthorizedError('Authentication is required');
  return actor;
};

type AbilityState = { userAbility?: { can(action: string): boolean } };

/** Who looks at requests (lists, details): the actor, and whether their role lets them read every request. */
export const viewerOf = async (strapi: Core.Strapi, ctx: Context) => ({
  actor: await actorOf(strapi, ctx),
  // Only an admin role can grant "read all requests"; content-API callers see their own part.
  canReadAll: Boolean((ctx.state as AbilityState).userAbility?.can(ACTIONS.readAllRequests)),
});
