import { CheckCircle } from '@strapi/icons';
import type { PluginDefinition } from '@strapi/strapi/admin';

import { ACTIONS, PLUGIN_ID, type ActionId } from '../../shared/constants';
import { registerContentManager } from './content-manager';
import { getTranslation, prefixPluginTranslations } from './utils/translations';

type Messages = Record<string, string>;

/**
 * A page under Settings → Approval workflow, at `/admin/settings/approval-workflow/<page>` (its
 * own routes below that), for admins holding `action`; the server checks the same action again.
 */
const settingsLink = (page: string, label: string, action: ActionId, Component: () => Promise<{ default: React.ComponentType }>) => ({
  id: `${PLUGIN_ID}-${page}`,
  to: `${PLUGIN_ID}/${page}`,
  intlLabel: { id: getTranslation(`settings.${page}.link`), defaultMessage: label },
  permissions: [{ action, subject: null }],
  Component,
});

const admin: PluginDefinition = {
  register(app) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: CheckCircle,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Approval workflow' },
      // Hides the link only; the routes check the same action on the server.
      permissions: [{ action: ACTIONS.readRequests, subject: null }],
      Component: () => import('./pages/App'),
    });
    // Settings → Approval workflow: one link per page, each shown to the admins holding its read action.
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Approval workflow' } }, [
      settingsLink('managed-content', 'Managed content', ACTIONS.readManaged, () => import('./pages/settings/ManagedContentPage')),
      settingsLink('templates', 'Templates', ACTIONS.readTemplates, () => import('./pages/settings/TemplatesPage')),
      settingsLink('groups', 'Groups', ACTIONS.readGroups, () => import('./pages/settings/GroupsPage')),
      settingsLink('general', 'General', ACTIONS.readSettings, () => import('./pages/settings/GeneralSettingsPage')),
      settingsLink('audit', 'Audit trail', ACTIONS.readAudit, () => import('./pages/settings/AuditPage')),
    ]);
    app.registerPlugin({ id: PLUGIN_ID, name: 'Approval workflow' });
  },

  bootstrap(app) {
    registerContentManager(app);
  },

  async registerTrads({ locales }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          // Vite turns this into one chunk per file in translations/; a locale without a file
          // falls back to the default messages given at each formatMessage call.
          const { default: messages }: { default: Messages } = await import(`./translations/${locale}.json`);
          return { data: prefixPluginTranslations(messages), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default admin;
