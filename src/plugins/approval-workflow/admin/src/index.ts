import { CheckCircle } from '@strapi/icons';
import type { PluginDefinition } from '@strapi/strapi/admin';

import { ACTIONS, PLUGIN_ID } from '../../shared/constants';
import { registerContentManager } from './content-manager';
import { getTranslation, prefixPluginTranslations } from './utils/translations';

type Messages = Record<string, string>;

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
