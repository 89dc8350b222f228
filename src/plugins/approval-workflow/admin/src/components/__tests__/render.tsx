import type * as React from 'react';

import { DesignSystemProvider } from '@strapi/design-system';
import { render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router-dom';

/** Renders a component as the admin does: the design system's theme, react-intl (en, default messages), a router under `/admin`. */
export const renderInAdmin = (ui: React.ReactElement) =>
  render(
    <MemoryRouter
      basename="/admin"
      initialEntries={['/admin/plugins/approval-workflow/requests/r1']}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <IntlProvider locale="en" defaultLocale="en" messages={{}} onError={() => {}}>
        <DesignSystemProvider locale="en">{ui}</DesignSystemProvider>
      </IntlProvider>
    </MemoryRouter>
  );
