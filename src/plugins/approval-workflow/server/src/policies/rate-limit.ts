import type { Core } from '@strapi/strapi';
import createHttpError from 'http-errors';
import { PLUGIN_ID } from '../../../shared/constants';
import type { PluginConfig } from '../config';

/** Beyond this many addresses counted, the windows that are over are dropped (memory stays bounded by the traffic of one window). */
const PRUNE_ABOVE = 10_000;

/**
 * The public routes of external links: at most `externalRateLimit.max` calls per client IP address
 * (`ctx.request.ip`: behind a proxy, set `server.proxy` so that it is the client's) in each window of
 * `windowSeconds`; beyond, 429 with `Retry-After`. Counted in this instance's memory: with several
 * instances each counts its own share (a token has 256 random bits: the limit slows scanning, it is
 * not what keeps links secret).
 */
export const createRateLimit = () => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const policy: Core.PolicyHandler = (ctx, _config, { strapi }) => {
    const { max, windowSeconds } = strapi.config.get<PluginConfig['externalRateLimit']>(`plugin::${PLUGIN_ID}.externalRateLimit`);
    const now = Date.now();
    if (windows.size > PRUNE_ABOVE) for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    // A policy gets a copy of the context's own fields: the request's and response's getters and methods are reached through them.
    const key = ctx.request.ip;
    const current = windows.get(key);
    const window = current && current.resetAt > now ? current : { count: 0, resetAt: now + windowSeconds * 1000 };
    window.count += 1;
    windows.set(key, window);
    if (window.count > max) {
      ctx.response.set('Retry-After', String(Math.ceil((window.resetAt - now) / 1000)));
      throw createHttpError(429, `Too many requests from this address: at most ${max} every ${windowSeconds} seconds`, { details: {} });
    }
    return true;
  };
  return policy;
};
