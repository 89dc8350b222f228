import * as React from 'react';

import { useIntl } from 'react-intl';

import { getTranslation } from './translations';

type Values = Record<string, string | number | boolean | null | undefined | Date>;

/** `formatMessage` for the plugin's own messages: the id is prefixed, the default is English. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, defaultMessage: string, values?: Values): string =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values as Record<string, string>),
    [formatMessage]
  );
};

export type T = ReturnType<typeof useT>;
