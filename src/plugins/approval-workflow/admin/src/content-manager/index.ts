import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';

import { withApprovalActions, withApprovalBulkActions } from './actions';
import { ApprovalPanel } from './ApprovalPanel';
import { addApprovalColumn } from './ListColumn';
import { ManageApprovalsAction } from './ManageApprovals';

type ContentManagerApis = ContentManagerPlugin['config']['apis'];

/**
 * The editor's side of approvals in the content manager, through its extension APIs (as Releases
 * and Review Workflows plug in): the "Approval workflow" side panel, the approval versions of save,
 * publish and delete (and their bulk forms), the list view's "Approval" column, and for approval
 * admins "Manage approvals" in the document's menu.
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
  // For approval admins: the document's menu (header) marks this entry managed.
  apis.addDocumentAction((actions) => [...actions, ManageApprovalsAction]);
  apis.addBulkAction(withApprovalBulkActions);
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addApprovalColumn);
};
