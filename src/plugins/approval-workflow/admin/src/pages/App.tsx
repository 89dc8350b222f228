import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';

import { ACTIONS } from '../../../shared/constants';
import { InboxPage } from './InboxPage';
import { RequestPage } from './RequestPage';

/**
 * The plugin's page (`/admin/plugins/approval-workflow/*`), as Strapi's Releases plugin routes its
 * list and detail pages: the inbox at the root, one request at `requests/:id`. Only for admins
 * holding the action that the menu link requires; the server checks it again on every route.
 */
const App = () => (
  <Page.Protect permissions={[{ action: ACTIONS.readRequests, subject: null }]}>
    <Routes>
      <Route index element={<InboxPage />} />
      <Route path="requests/:id" element={<RequestPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export { App };
export default App;
