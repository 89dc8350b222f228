/** A custom content-API route next to the core ones: several articles in one call (`article.createMany`). */
export default {
  routes: [{ method: 'POST', path: '/articles/bulk', handler: 'article.createMany' }],
};
