import type { Core } from '@strapi/strapi';
import { ACTIONS, templateInputSchema } from 'strapi-plugin-approval-workflow/server';

const PLUGIN = 'approval-workflow';
const ARTICLE = 'api::article.article';
const SECTION = 'api::section.section';

export const DEMO_ACCOUNTS = [
  { key: 'admin', email: 'admin@demo.local', password: 'Demo-admin-1', firstname: 'Ada', lastname: 'Admin', role: 'Super Admin' },
  { key: 'editor', email: 'editor@demo.local', password: 'Demo-editor-1', firstname: 'Eddie', lastname: 'Editor', role: 'Editor' },
  { key: 'chief', email: 'chief@demo.local', password: 'Demo-chief-1', firstname: 'Charlie', lastname: 'Chief', role: 'Chief Editor' },
  { key: 'legal', email: 'legal@demo.local', password: 'Demo-legal-1', firstname: 'Lee', lastname: 'Legal', role: 'Legal Reviewer' },
] as const;

type Permission = { action: string; subject: string | null; properties: Record<string, unknown>; conditions: string[] };

const pluginPermission = (action: string): Permission => ({ action, subject: null, properties: {}, conditions: [] });

/**
 * Seeds the demo on an empty database: accounts in distinct roles, sections and articles, two
 * templates, a managed collection and a managed entry with children, and one pending request.
 * Returns false (and does nothing) when the database already has an admin user.
 */
export const seedDemo = async (strapi: Core.Strapi): Promise<boolean> => {
  if ((await strapi.db.query('admin::user').count()) > 0) return false;

  const roleService = strapi.service('admin::role');
  const superAdmin = await roleService.getSuperAdmin();
  const editorRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  // Approvers may edit content like editors, and read and decide requests.
  const editorPermissions: Permission[] = (
    await strapi.db.query('admin::permission').findMany({ where: { role: { id: editorRole.id } } })
  ).map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions }));
  await roleService.addPermissions(editorRole.id, [pluginPermission(ACTIONS.readRequests)]);
  const approverRole = async (name: string, description: string, extra: string[]) => {
    const role = await roleService.create({ name, description });
    await roleService.assignPermissions(role.id, [
      ...editorPermissions,
      ...[ACTIONS.readRequests, ACTIONS.decide, ...extra].map(pluginPermission),
    ]);
    return role;
  };
  const chiefRole = await approverRole('Chief Editor', 'Approves editorial changes.', [ACTIONS.readAllRequests, ACTIONS.readTemplates, ACTIONS.readManaged]);
  const legalRole = await approverRole('Legal Reviewer', 'Signs off changes with legal impact.', []);
  const roleIds: Record<string, number> = { 'Super Admin': superAdmin.id, Editor: editorRole.id, 'Chief Editor': chiefRole.id, 'Legal Reviewer': legalRole.id };

  const users: Record<string, { id: number }> = {};
  for (const account of DEMO_ACCOUNTS) {
    users[account.key] = await strapi.service('admin::user').create({
      email: account.email,
      firstname: account.firstname,
      lastname: account.lastname,
      password: account.password,
      isActive: true,
      registrationToken: null,
      roles: [roleIds[account.role]],
    });
  }

  // Content, as if written by the editor (the editor owns it); server code is not intercepted.
  const by = { createdBy: users.editor.id, updatedBy: users.editor.id };
  const sections = strapi.documents(SECTION);
  const articles = strapi.documents(ARTICLE);
  const news = await sections.create({ data: { name: 'News', description: 'What is new.', ...by } as never });
  const pricing = await sections.create({ data: { name: 'Pricing', description: 'Prices and plans.', ...by } as never });
  const welcome = await articles.create({ data: { title: 'Welcome', body: 'Our new website is live.', section: news.documentId, ...by } as never });
  await articles.publish({ documentId: welcome.documentId });
  const roadmap = await articles.create({ data: { title: 'Roadmap', body: 'What comes next.', section: news.documentId, ...by } as never });
  const plans = await articles.create({ data: { title: 'Plans', body: 'Basic and Pro.', price: 19, section: pricing.documentId, ...by } as never });
  await articles.publish({ documentId: plans.documentId });

  // The approval setup.
  const plugin = strapi.plugin(PLUGIN);
  const admin = `admin:${users.admin.id}`;
  // Template bodies go through the same schema as the API (defaults included).
  const template = (body: Record<string, unknown>) => plugin.service('templates').create(templateInputSchema.parse(body), admin);
  const editorial = await template({
    name: 'Editorial review',
    description: 'A chief editor, then legal (one day; no answer declines).',
    urgentAllowed: true,
    stages: [
      { name: 'Chief editor', obligations: [{ kind: 'role', id: chiefRole.id }] },
      { name: 'Legal', obligations: [{ kind: 'role', id: legalRole.id }], timeSpanMinutes: 24 * 60, onExpiry: 'deny' },
    ],
  });
  const signOff = await template({
    name: 'Pricing sign-off',
    description: 'Chief editor and legal both approve, with their password.',
    securityLevel: 'password',
    stages: [
      {
        name: 'Chief editor and legal',
        criteria: 0,
        obligations: [
          { kind: 'role', id: chiefRole.id },
          { kind: 'role', id: legalRole.id },
        ],
      },
    ],
  });
  const managedObjects = plugin.service('managedObjects');
  const articlesManaged = await managedObjects.mark({ kind: 'collection', uid: ARTICLE, templateId: editorial.id }, admin);
  await managedObjects.mark(
    { kind: 'entry', uid: SECTION, documentId: pricing.documentId, templateId: signOff.id, childRelations: [{ uid: ARTICLE, field: 'section' }] },
    admin
  );

  // One request waiting in the queue: the editor's change to the roadmap.
  await plugin.service('requests').open({
    uid: ARTICLE,
    operation: 'update',
    documentId: roadmap.documentId,
    locale: null,
    params: { data: { title: 'Roadmap 2027', body: 'What comes next, and when.' } },
    requester: `admin:${users.editor.id}`,
    managed: { entry: null, collection: articlesManaged, parent: null },
    urgent: false,
    comment: 'Dates for next year.',
  });
  return true;
};

/** Prints the demo accounts in the console. */
export const printDemoAccounts = (strapi: Core.Strapi) => {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(15)} ${a.email.padEnd(20)} ${a.password}`);
  strapi.log.info(['Demo accounts (approval-workflow demo, development only):', ...lines].join('\n'));
};
