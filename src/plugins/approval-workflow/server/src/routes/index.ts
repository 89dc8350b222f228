import { ACTIONS } from '../../../shared/constants';
import { adminRoute } from './route';

export default {
  admin: {
    type: 'admin',
    routes: [
      adminRoute('GET', '/settings', 'settings.get', ACTIONS.readSettings),
      adminRoute('PUT', '/settings', 'settings.update', ACTIONS.updateSettings),
    ],
  },
  'content-api': {
    type: 'content-api',
    routes: [],
  },
};
