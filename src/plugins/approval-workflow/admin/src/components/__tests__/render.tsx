import type * as React from 'react';

import { DesignSystemProvider } from '@strapi/design-system';
import { render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router-dom';

/** The admin around a component: the design system's theme, react-intl (en, default messages), a router under `/admin`. */
const AdminProviders = ({ children }: { children: React.ReactNode }) => (
  <MemoryRouter
    basename="/admin"
    initialEntries={['/admin/plugins/approval-workflow/requests/r1']}
    future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
  >
    <IntlProvider locale="en" defaultLocale="en" messages={{}} onError={() => {}}>
      <DesignSystemProvider locale="en">{children}</DesignSystemProvider>
    </IntlProvider>
  </MemoryRouter>
);

/** Renders a component as the admin does (a rerender keeps the providers). */
export const renderInAdmin = (ui: React.ReactElement) => render(ui, { wrapper: AdminProviders });
