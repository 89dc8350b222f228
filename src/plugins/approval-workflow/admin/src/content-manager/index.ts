import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';

import { withApprovalActions, withApprovalBulkActions } from './actions';
import { ApprovalPanel } from './ApprovalPanel';
import { addApprovalColumn } from './ListColumn';

type ContentManagerApis = ContentManagerPlugin['config']['apis'];

/**
 * The editor's side of approvals in the content manager, through its extension APIs (as Releases
 * and Review Workflows plug in): the "Approval workflow" side panel, the approval versions of save,
 * publish and delete (and their bulk forms), and the list view's "Approval" column.
 */
export const registerContentManager = (app: Pick<StrapiApp, 'getPlugin' | 'registerHook'>) => {
  const contentManager = app.getPlugin('content-manager');
  if (!contentManager) return;
  const apis = contentManager.apis as ContentManagerApis;
  apis.addEditViewSidePanel((panels) => {
    const actions = panels.findIndex((panel) => panel.type === 'actions');
    return [...panels.slice(0, actions + 1), ApprovalPanel, ...panels.slice(actions + 1)];
  });
  apis.addDocumentAction(withApprovalActions);
  apis.addBulkAction(withApprovalBulkActions);
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addApprovalColumn);
};
