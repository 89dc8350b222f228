import * as React from 'react';

import { useHref } from 'react-router-dom';

import { PLUGIN_ID } from '../../../shared/constants';

/** The request page inside the admin's router (its basename, `/admin` by default, comes on top). */
export const requestRoute = (id: string) => `/plugins/${PLUGIN_ID}/requests/${encodeURIComponent(id)}`;

/** The request page's full address, for links outside the router (notifications are plain anchors). */
export const useRequestUrl = () => {
  const root = useHref('/');
  return React.useCallback((id: string) => `${root.replace(/\/$/, '')}${requestRoute(id)}`, [root]);
};
