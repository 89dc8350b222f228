import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';

import { ACTIONS } from '../../../../shared/constants';
import { TemplateEditor } from './templates/TemplateEditor';
import { TemplatesList } from './templates/TemplatesList';

/**
 * Settings → Approval workflow → Templates (`/admin/settings/approval-workflow/templates/*`), as
 * Strapi's Review Workflows settings route theirs: the list at the root, the editor at `new` and
 * `:id`. For admins who read templates; the write actions need the manage action (server-checked).
 */
const TemplatesPage = () => (
  <Page.Protect permissions={[{ action: ACTIONS.readTemplates, subject: null }]}>
    <Routes>
      <Route index element={<TemplatesList />} />
      <Route path="new" element={<TemplateEditor />} />
      <Route path=":id" element={<TemplateEditor />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default TemplatesPage;
