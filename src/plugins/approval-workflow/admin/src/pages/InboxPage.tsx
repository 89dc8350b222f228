import * as React from 'react';

import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Tabs,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, isFetchError, useAPIErrorHandler, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { NavLink, useNavigate } from 'react-router-dom';

import { ACTIONS } from '../../../shared/constants';
import type { ListRequests, RequestListItem } from '../../../shared/contracts/requests';
import { OPERATIONS, REQUEST_STATUSES } from '../../../shared/vocabulary';
import { Age, RevisedBadge, StatusBadge, UrgentBadge, operationLabel, progressLabel, statusLabel } from '../components/labels';
import { SearchBox } from '../components/SearchBox';
import { requestsPath, useContentTypes, useGet } from '../services/api';
import { getTranslation } from '../utils/translations';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';
import { ListTable } from '../components/ListTable';

const TABS = ['awaiting', 'mine', 'all'] as const;
type Tab = (typeof TABS)[number];

interface InboxQuery {
  tab?: string;
  status?: string;
  uid?: string;
  operation?: string;
  q?: string;
  page?: string;
  pageSize?: string;
}

const ANY = 'any';
const DEFAULT_PAGE_SIZE = 10;
const READ_ALL = { readAll: [{ action: ACTIONS.readAllRequests, subject: null }] };

const tabFilter = (tab: Tab): ListRequests.Request['query'] =>
  tab === 'awaiting' ? { awaiting: 'me' } : tab === 'mine' ? { mine: true } : {};

const emptyMessage = (t: T, tab: Tab, filtered: boolean) => {
  if (filtered) return t('requests.empty.filtered', 'No request matches this search or these filters.');
  if (tab === 'awaiting') return t('requests.empty.awaiting', 'Nothing awaits your decision.');
  if (tab === 'mine') return t('requests.empty.mine', 'You have not requested any change yet.');
  return t('requests.empty', 'No approval requests to show.');
};

const Row = ({ row }: { row: RequestListItem }) => {
  const t = useT();
  const navigate = useNavigate();
  const to = `requests/${encodeURIComponent(row.id)}`;
  const progress = progressLabel(t, row.status, row.progress);
  return (
    <Tr onClick={() => navigate(to)} style={{ cursor: 'pointer' }} data-request-id={row.id}>
      <Td style={{ whiteSpace: 'normal' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {/* The row opens on click; the link makes it reachable by keyboard and screen readers. */}
          <Link tag={NavLink} to={to} onClick={(e: React.MouseEvent) => e.stopPropagation()}>
            {row.title ?? (
              <Typography textColor="neutral500" fontWeight="regular">
                {row.documentId ?? t('requests.table.new-document', '(new)')}
              </Typography>
            )}
          </Link>
          {row.urgent || row.revisions > 0 || row.locale ? (
            <Flex gap={1}>
              {row.urgent ? <UrgentBadge /> : null}
              {row.revisions > 0 ? <RevisedBadge revisions={row.revisions} /> : null}
              {row.locale ? (
                <Typography variant="pi" textColor="neutral600">
                  {row.locale}
                </Typography>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Typography textColor="neutral800">{row.contentType?.displayName ?? row.uid}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{operationLabel(t, row.operation)}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{row.requester?.name ?? '—'}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{progress ?? '—'}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">
          <Age at={row.createdAt} />
        </Typography>
      </Td>
      <Td>
        <StatusBadge status={row.status} />
      </Td>
    </Tr>
  );
};

/**
 * The approvals inbox: what awaits the viewer's decision (the default tab, with its count), the
 * viewer's own requests, and every request for those allowed to read them all; filtered by status,
 * content type and operation and searched by the entry's title, all in the URL, paged by the server.
 */
export const InboxPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const [{ query }, setQuery] = useQueryParams<InboxQuery>();
  const contentTypes = useContentTypes();
  const { allowedActions } = useRBAC(READ_ALL);
  const tabs = TABS.filter((value) => value !== 'all' || allowedActions.canReadAll);

  const tab: Tab = tabs.includes(query.tab as Tab) ? (query.tab as Tab) : 'awaiting';
  const status = REQUEST_STATUSES.find((value) => value === query.status);
  const operation = OPERATIONS.find((value) => value === query.operation);
  const uid = query.uid || undefined;
  const q = typeof query.q === 'string' ? query.q : '';
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));

  // useQueryParams writes the values as they are: the search text is encoded here, as Strapi's own search does.
  const update = React.useCallback(
    (next: InboxQuery, method: 'push' | 'replace' = 'push') => {
      const text = next.q ?? q;
      setQuery({ ...next, q: text ? encodeURIComponent(text) : undefined }, 'push', method === 'replace');
    },
    [setQuery, q]
  );
  const search = React.useCallback((text: string) => update({ q: text, page: '1' }, 'replace'), [update]);

  const list = useGet<ListRequests.Response>(
    requestsPath({ ...tabFilter(tab), status, uid, operation, q: q || undefined, page, pageSize })
  );
  const awaitingCount = useGet<ListRequests.Response>(requestsPath({ awaiting: 'me', status: 'pending', pageSize: 1 }));

  const failed = list.state === 'failed' ? list.error : null;
  React.useEffect(() => {
    if (failed === null) return;
    toggleNotification({
      type: 'danger',
      message: isFetchError(failed) ? formatAPIError(failed) : t('requests.load-failed', 'The approval requests could not be loaded.'),
    });
  }, [failed, toggleNotification, formatAPIError, t]);

  const rows = Array.isArray(list.data?.data) ? list.data.data : [];
  const pagination = list.data?.meta?.pagination;
  const count = awaitingCount.data?.meta?.pagination?.total;
  const title = t('requests.title', 'Approval requests');

  const columns = [
    t('requests.table.entry', 'Entry'),
    t('requests.table.content-type', 'Content type'),
    t('requests.table.operation', 'Operation'),
    t('requests.table.requester', 'Requester'),
    t('requests.table.progress', 'Progress'),
    t('requests.table.age', 'Age'),
    t('requests.table.status', 'Status'),
  ];

  const tabLabels: Record<Tab, string> = {
    awaiting: t('requests.tab.awaiting', 'Awaiting me'),
    mine: t('requests.tab.mine', 'My requests'),
    all: t('requests.tab.all', 'All'),
  };

  const filtered = Boolean(status || operation || uid || q);
  const table =
    list.state === 'loading' && list.data === null ? (
      <Page.Loading />
    ) : rows.length === 0 ? (
      <EmptyStateLayout
        icon={<EmptyDocuments width="16rem" />}
        content={
          list.state === 'failed' ? t('requests.load-failed', 'The approval requests could not be loaded.') : emptyMessage(t, tab, filtered)
        }
      />
    ) : (
      <ListTable columns={columns} rowCount={rows.length} pagination={pagination} defaultPageSize={DEFAULT_PAGE_SIZE}>
            {rows.map((row) => (
              <Row key={row.id} row={row} />
            ))}
          </ListTable>
    );

  const select = (
    key: 'uid' | 'status' | 'operation',
    label: string,
    anyLabel: string,
    value: string | undefined,
    options: Array<{ value: string; label: string }>
  ) => (
    <Box minWidth="18rem">
      <SingleSelect
        aria-label={label}
        value={value ?? ANY}
        onChange={(next) => update({ [key]: next === ANY ? undefined : String(next), page: '1' })}
      >
        <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption>
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('requests.subtitle', 'Changes to approval-managed content wait here for a decision.')} />
      <Layouts.Content>
        <Tabs.Root variant="simple" value={tab} onValueChange={(value) => update({ tab: value, page: '1' })}>
          <Tabs.List aria-label={t('requests.tabs', 'Approval requests')}>
            {tabs.map((value) => (
              <Tabs.Trigger key={value} value={value}>
                <Flex gap={2}>
                  {tabLabels[value]}
                  {value === 'awaiting' && count !== undefined ? <Badge variant={count > 0 ? 'primary' : 'neutral'}>{count}</Badge> : null}
                </Flex>
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Flex justifyContent="space-between" alignItems="center" paddingTop={4} paddingBottom={4} gap={4} wrap="wrap">
            <Box minWidth="28rem">
              <SearchBox
                value={q}
                label={t('requests.search', 'Search by entry title')}
                placeholder={t('requests.search.placeholder', 'Search by entry title')}
                onSearch={search}
              />
            </Box>
            <Flex gap={2} wrap="wrap">
              {select(
                'uid',
                t('requests.filter.content-type', 'Content type'),
                t('requests.filter.any-content-type', 'Any content type'),
                uid,
                Object.values(contentTypes)
                  .filter((type) => type.isDisplayed !== false)
                  .sort((a, b) => a.info.displayName.localeCompare(b.info.displayName))
                  .map((type) => ({ value: type.uid, label: type.info.displayName }))
              )}
              {select(
                'operation',
                t('requests.filter.operation', 'Operation'),
                t('requests.filter.any-operation', 'Any operation'),
                operation,
                OPERATIONS.map((value) => ({ value, label: operationLabel(t, value) }))
              )}
              {select(
                'status',
                t('requests.filter.status', 'Status'),
                t('requests.filter.any-status', 'Any status'),
                status,
                REQUEST_STATUSES.map((value) => ({ value, label: statusLabel(t, value) }))
              )}
            </Flex>
          </Flex>
          {tabs.map((value) => (
            <Tabs.Content key={value} value={value}>
              {value === tab ? table : null}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
