import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

const ARTICLE = 'api::article.article';
const MAX_BATCH = 20;

export default factories.createCoreController(ARTICLE, ({ strapi }) => ({
  /**
   * `POST /api/articles/bulk { data: [article, …] }`: creates several articles in one call (an import
   * form, say), each checked and sanitized as the core `create` does, all of them before any is
   * written. On a managed collection each becomes an approval request of its own.
   */
  async createMany(ctx: Context) {
    // The factory puts the core controller behind `this`; its type marks those methods optional.
    const core = this as Core.CoreAPI.Controller.ContentType<typeof ARTICLE>;
    await core.validateQuery(ctx);
    const query = await core.sanitizeQuery(ctx);
    const items = (ctx.request.body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH || !items.every((item) => item && typeof item === 'object' && !Array.isArray(item))) {
      throw new errors.ValidationError(`"data" must be a list of 1 to ${MAX_BATCH} articles`, {
        errors: [{ path: ['data'], message: `Expected 1 to ${MAX_BATCH} objects`, name: 'ValidationError' }],
      });
    }
    const inputs = [];
    for (const item of items) {
      await core.validateInput(item, ctx);
      inputs.push(await core.sanitizeInput(item, ctx));
    }
    const created = [];
    for (const data of inputs) created.push(await strapi.service(ARTICLE).create({ ...query, data }));
    ctx.status = 201;
    return core.transformResponse(await core.sanitizeOutput(created, ctx));
  },
}));
