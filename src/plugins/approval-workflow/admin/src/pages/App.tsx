import * as React from 'react';

import { EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import {
  Layouts,
  Page,
  isFetchError,
  useAPIErrorHandler,
  useFetchClient,
  useNotification,
} from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { ACTIONS, PLUGIN_ID } from '../../../shared/constants';
import type { ListRequests, RequestListItem } from '../../../shared/contracts/requests';
import { getTranslation } from '../utils/translations';

type Load = { state: 'loading' } | { state: 'loaded'; rows: RequestListItem[] } | { state: 'failed' };

const COLUMNS = [
  { key: 'uid', id: 'requests.table.content-type', defaultMessage: 'Content type' },
  { key: 'documentId', id: 'requests.table.document', defaultMessage: 'Document' },
  { key: 'operation', id: 'requests.table.operation', defaultMessage: 'Operation' },
  { key: 'status', id: 'requests.table.status', defaultMessage: 'Status' },
  { key: 'requester', id: 'requests.table.requester', defaultMessage: 'Requester' },
  { key: 'createdAt', id: 'requests.table.created', defaultMessage: 'Created' },
] as const;

const RequestsPage = () => {
  const { formatMessage, formatDate } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const [load, setLoad] = React.useState<Load>({ state: 'loading' });

  React.useEffect(() => {
    let active = true;
    // The requests this admin may see (the server filters): the same contract the controller answers with.
    get<ListRequests.Response>(`/${PLUGIN_ID}/requests`)
      .then(({ data }) => {
        if (active) setLoad({ state: 'loaded', rows: Array.isArray(data?.data) ? data.data : [] });
      })
      .catch((error: unknown) => {
        // An unmount aborts the request; nothing is left to tell.
        if (!active) return;
        toggleNotification({
          type: 'danger',
          message: isFetchError(error)
            ? formatAPIError(error)
            : formatMessage({ id: getTranslation('requests.load-failed'), defaultMessage: 'The approval requests could not be loaded.' }),
        });
        setLoad({ state: 'failed' });
      });
    return () => {
      active = false;
    };
  }, [get, toggleNotification, formatAPIError, formatMessage]);

  const title = formatMessage({ id: getTranslation('requests.title'), defaultMessage: 'Approval requests' });
  const rows = load.state === 'loaded' ? load.rows : [];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: getTranslation('requests.subtitle'),
          defaultMessage: 'Changes to approval-managed content wait here for a decision.',
        })}
      />
      <Layouts.Content>
        {load.state === 'loading' ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={
              load.state === 'failed'
                ? formatMessage({ id: getTranslation('requests.load-failed'), defaultMessage: 'The approval requests could not be loaded.' })
                : formatMessage({ id: getTranslation('requests.empty'), defaultMessage: 'No approval requests to show.' })
            }
          />
        ) : (
          <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                {COLUMNS.map(({ key, id, defaultMessage }) => (
                  <Th key={key}>
                    <Typography variant="sigma" textColor="neutral600">
                      {formatMessage({ id: getTranslation(id), defaultMessage })}
                    </Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => (
                <Tr key={row.id}>
                  <Td>
                    <Typography textColor="neutral800">{row.uid}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">
                      {row.documentId ??
                        formatMessage({ id: getTranslation('requests.table.new-document'), defaultMessage: '(new)' })}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">{row.operation}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">{row.status}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">{row.requester.name}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">
                      {formatDate(row.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

/** The plugin's page: only for admins holding the action that the menu link requires. */
const App = () => (
  <Page.Protect permissions={[{ action: ACTIONS.readRequests, subject: null }]}>
    <RequestsPage />
  </Page.Protect>
);

export { App };
export default App;
