import { ACTIONS } from '../../src/plugins/approval-workflow/shared/constants';
import type { TestApp } from './app';
import { actors, type Caller } from './actors';

export const ARTICLE = 'api::article.article';
export const SECTION = 'api::section.section';
/** Localized, with draft & publish, repeatable components with a nested component and relation, and a dynamic zone. */
export const GUIDE = 'api::guide.guide';
/** The locales the guide tests use: the default one and a second one (`addLocale`). */
export const LOCALES = ['en', 'fr'];

const CM_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map((a) => `plugin::content-manager.explorer.${a}`);

/** Content-manager permissions on the demo types, with every field and locale (what an editor role has). */
const contentManagerPermissions = (app: TestApp) =>
  [ARTICLE, SECTION, GUIDE].flatMap((subject) => {
    const contentType = app.strapi.contentTypes[subject as keyof typeof app.strapi.contentTypes];
    const fields = Object.keys(contentType.attributes);
    const locales = subject === GUIDE ? { locales: LOCALES } : {};
    return CM_ACTIONS.filter((action) => contentType.options?.draftAndPublish || !action.endsWith('publish')).map((action) => ({
      action,
      subject,
      properties: action.endsWith('delete') || action.endsWith('publish') ? locales : { fields, ...locales },
    }));
  });

/** Adds the second locale of `LOCALES` (the default one exists from the start). */
export const addLocale = (app: TestApp) => app.strapi.plugin('i18n').service('locales').create({ code: LOCALES[1], name: 'French (fr)' });

/**
 * The cast of the scenarios: an approval admin (Super Admin), an editor, and approvers in
 * reviewer roles that may read and decide requests and edit content in the content manager.
 */
export const cast = async (app: TestApp) => {
  const a = actors(app);
  const approverPermissions = [ACTIONS.readRequests, ACTIONS.decide, ...contentManagerPermissions(app)];
  const reviewersRole = await a.adminRole('Reviewers', approverPermissions);
  const legalRole = await a.adminRole('Legal', approverPermissions);
  const editorRole = await a.adminRole('Editors', [ACTIONS.readRequests, ...contentManagerPermissions(app)]);
  const [admin, editor, reviewer, reviewer2, legal] = await Promise.all([
    a.admin(['strapi-super-admin'], 'admin'),
    a.admin([editorRole], 'editor'),
    a.admin([reviewersRole], 'reviewer'),
    a.admin([reviewersRole], 'reviewertwo'),
    a.admin([legalRole], 'legal'),
  ]);
  return { a, admin, editor, reviewer, reviewer2, legal, reviewersRole, legalRole, editorRole };
};

export type Cast = Awaited<ReturnType<typeof cast>>;

/** Creates a template through the admin API and returns its id. */
export const createTemplate = async (admin: Caller, body: Record<string, unknown>) => {
  const res = await admin.call('post', '/approval-workflow/templates').send(body);
  if (res.status !== 201) throw new Error(`template: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
};

/** Marks a collection or an entry managed through the admin API and returns the managed object. */
export const manage = async (admin: Caller, body: Record<string, unknown>) => {
  const res = await admin.call('post', '/approval-workflow/managed-objects').send(body);
  if (res.status !== 201) throw new Error(`managed object: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string };
};

/** Articles managed under a one-stage template where the reviewer alone approves (the simplest path to a decision). */
export const manageArticlesByReviewer = async (c: Cast) => {
  const templateId = await createTemplate(c.admin, {
    name: 'The reviewer approves',
    stages: [{ name: 'Review', criteria: 1, obligations: [{ kind: 'user', principal: c.reviewer.principal }] }],
  });
  await manage(c.admin, { kind: 'collection', uid: ARTICLE, templateId });
};

/** Content-manager paths for the demo types. */
export const cm = (uid: string, documentId?: string, action?: string) =>
  `/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}${action ? `/actions/${action}` : ''}`;

/** The database row of a document (draft by default), read directly. */
export const row = (app: TestApp, uid: string, documentId: string, published = false) =>
  app.strapi.db
    .query(uid as never)
    .findOne({ where: { documentId, publishedAt: published ? { $notNull: true } : { $null: true } } });

export const requestRow = (app: TestApp, id: string) =>
  app.strapi.db.query('plugin::approval-workflow.request' as never).findOne({ where: { documentId: id } });

/** Creates a document directly through the Document Service (as server code: not intercepted). */
export const seedDocument = async (app: TestApp, uid: string, data: Record<string, unknown>) =>
  app.strapi.documents(uid as never).create({ data } as never) as Promise<{ documentId: string; id: number }>;

/** Who a request waits for, from its parties (the `awaiting` rows): a set, sorted by principal (a revise rewrites some rows, so write order means nothing). */
export const awaitingOf = async (app: TestApp, id: string): Promise<string[]> => {
  const request = await app.strapi.db.query('plugin::approval-workflow.request' as never).findOne({ where: { documentId: id }, select: ['id'] });
  const parties = await app.strapi.db
    .query('plugin::approval-workflow.request-party' as never)
    .findMany({ where: { request: request.id, role: 'awaiting' } });
  return parties.map((party: { principal: string }) => party.principal).sort();
};
