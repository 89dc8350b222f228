import * as React from 'react';

import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Pagination, isFetchError, useAPIErrorHandler, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { NavLink, useNavigate } from 'react-router-dom';

import type { ListRequests, RequestListItem, StageView } from '../../../shared/contracts/requests';
import { REQUEST_STATUSES } from '../../../shared/vocabulary';
import { Age, StatusBadge, UrgentBadge, operationLabel, stageProgress, statusLabel } from '../components/labels';
import { requestsPath, useContentTypes, useGet } from '../services/api';
import { getTranslation } from '../utils/translations';
import { useT } from '../utils/use-t';

const TABS = ['awaiting', 'mine', 'all'] as const;
type Tab = (typeof TABS)[number];

interface InboxQuery {
  tab?: string;
  status?: string;
  uid?: string;
  page?: string;
  pageSize?: string;
}

const ANY = 'any';
const DEFAULT_PAGE_SIZE = 10;

const tabFilter = (tab: Tab): ListRequests.Request['query'] => (tab === 'awaiting' ? { awaiting: 'me' } : tab === 'mine' ? { mine: true } : {});

/**
 * The list answer has no stages today; when a server adds them to the list item, the inbox shows
 * the progress without another request.
 */
const stagesOf = (row: RequestListItem): StageView[] | null => {
  const stages = (row as RequestListItem & { stages?: unknown }).stages;
  return Array.isArray(stages) ? (stages as StageView[]) : null;
};

export const InboxPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const [{ query }, setQuery] = useQueryParams<InboxQuery>();
  const contentTypes = useContentTypes();

  const tab: Tab = TABS.includes(query.tab as Tab) ? (query.tab as Tab) : 'awaiting';
  const status = REQUEST_STATUSES.find((value) => value === query.status);
  const uid = query.uid && contentTypes[query.uid] ? query.uid : undefined;
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));

  const list = useGet<ListRequests.Response>(requestsPath({ ...tabFilter(tab), status, uid: query.uid || undefined, page, pageSize }));
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
  const withProgress = rows.some((row) => stagesOf(row) !== null);
  const title = t('requests.title', 'Approval requests');

  const columns = [
    t('requests.table.operation', 'Operation'),
    t('requests.table.content-type', 'Content type'),
    t('requests.table.requester', 'Requester'),
    ...(withProgress ? [t('requests.table.progress', 'Progress')] : []),
    t('requests.table.status', 'Status'),
    t('requests.table.age', 'Age'),
  ];

  const tabLabels: Record<Tab, string> = {
    awaiting: t('requests.tab.awaiting', 'Awaiting me'),
    mine: t('requests.tab.mine', 'My requests'),
    all: t('requests.tab.all', 'All'),
  };

  const emptyMessage =
    list.state === 'failed'
      ? t('requests.load-failed', 'The approval requests could not be loaded.')
      : tab === 'awaiting'
        ? t('requests.empty.awaiting', 'Nothing awaits your decision.')
        : t('requests.empty', 'No approval requests to show.');

  const table =
    list.state === 'loading' && list.data === null ? (
      <Page.Loading />
    ) : rows.length === 0 ? (
      <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={emptyMessage} />
    ) : (
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Table colCount={columns.length} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              {columns.map((label) => (
                <Th key={label}>
                  <Typography variant="sigma" textColor="neutral600">
                    {label}
                  </Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => {
              const open = () => navigate(`requests/${encodeURIComponent(row.id)}`);
              const stages = stagesOf(row);
              return (
                <Tr key={row.id} onClick={open} style={{ cursor: 'pointer' }} data-request-id={row.id}>
                  <Td>
                    {/* The row opens on click; the link makes it reachable by keyboard and screen readers. */}
                    <Link
                      tag={NavLink}
                      to={`requests/${encodeURIComponent(row.id)}`}
                      onClick={(e: React.MouseEvent) => e.stopPropagation()}
                    >
                      {operationLabel(t, row.operation)}
                    </Link>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography textColor="neutral800">{contentTypes[row.uid]?.info.displayName ?? row.uid}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {row.documentId ?? t('requests.table.new-document', '(new)')}
                        {row.locale ? ` · ${row.locale}` : ''}
                      </Typography>
                    </Flex>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">{row.requester?.name ?? '—'}</Typography>
                  </Td>
                  {withProgress ? (
                    <Td>
                      <Typography textColor="neutral800">{(stages && stageProgress(t, stages)) ?? '—'}</Typography>
                    </Td>
                  ) : null}
                  <Td>
                    <Flex gap={1}>
                      <StatusBadge status={row.status} />
                      {row.urgent ? <UrgentBadge /> : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800">
                      <Age at={row.createdAt} />
                    </Typography>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
        {pagination ? (
          <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
            <Pagination.PageSize />
            <Pagination.Links />
          </Pagination.Root>
        ) : null}
      </Flex>
    );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('requests.subtitle', 'Changes to approval-managed content wait here for a decision.')} />
      <Layouts.Content>
        <Tabs.Root variant="simple" value={tab} onValueChange={(value) => setQuery({ tab: value, page: '1' })}>
          <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={4} gap={4}>
            <Tabs.List aria-label={t('requests.tabs', 'Approval requests')}>
              {TABS.map((value) => (
                <Tabs.Trigger key={value} value={value}>
                  <Flex gap={2}>
                    {tabLabels[value]}
                    {value === 'awaiting' && count !== undefined ? (
                      <Badge variant={count > 0 ? 'primary' : 'neutral'}>{count}</Badge>
                    ) : null}
                  </Flex>
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            <Flex gap={2}>
              <Box minWidth="20rem">
                <SingleSelect
                  aria-label={t('requests.filter.content-type', 'Content type')}
                  value={uid ?? ANY}
                  onChange={(value) => setQuery({ uid: value === ANY ? undefined : String(value), page: '1' })}
                >
                  <SingleSelectOption value={ANY}>{t('requests.filter.any-content-type', 'Any content type')}</SingleSelectOption>
                  {Object.values(contentTypes)
                    .filter((type) => type.isDisplayed !== false)
                    .sort((a, b) => a.info.displayName.localeCompare(b.info.displayName))
                    .map((type) => (
                      <SingleSelectOption key={type.uid} value={type.uid}>
                        {type.info.displayName}
                      </SingleSelectOption>
                    ))}
                </SingleSelect>
              </Box>
              <Box minWidth="20rem">
                <SingleSelect
                  aria-label={t('requests.filter.status', 'Status')}
                  value={status ?? ANY}
                  onChange={(value) => setQuery({ status: value === ANY ? undefined : String(value), page: '1' })}
                >
                  <SingleSelectOption value={ANY}>{t('requests.filter.any-status', 'Any status')}</SingleSelectOption>
                  {REQUEST_STATUSES.map((value) => (
                    <SingleSelectOption key={value} value={value}>
                      {statusLabel(t, value)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            </Flex>
          </Flex>
          {TABS.map((value) => (
            <Tabs.Content key={value} value={value}>
              {value === tab ? table : null}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
