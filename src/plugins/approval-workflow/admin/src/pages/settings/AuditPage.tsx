import * as React from 'react';

import {
  Alert,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  Link,
  SingleSelect,
  SingleSelectOption,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Download, SealCheck } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';

import { PLUGIN_ID } from '../../../../shared/constants';
import { RECORDED_AUDIT_ACTIONS } from '../../../../shared/audit-actions';
import type { AuditExportFormat, AuditListItem, AuditVerification, ListAuditEvents, VerifyAudit } from '../../../../shared/contracts/audit';
import { DirectoryPicker } from '../../components/DirectoryPicker';
import { SearchBox } from '../../components/SearchBox';
import { queryString, useGet } from '../../services/api';
import { errorBodyOf } from '../../utils/field-errors';
import { useT } from '../../utils/use-t';
import { actionLabel, detailsSummary } from './audit/actions';
import { apiFiltersOf, type AuditUrlQuery } from './audit/filters';
import { ListTable } from '../../components/ListTable';

const ANY = 'any';
const DEFAULT_PAGE_SIZE = 25;
const AUDIT_PATH = `/${PLUGIN_ID}/audit`;

/** Saves a blob under a file name, as a download link would. */
const download = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
};

const Row = ({ event }: { event: AuditListItem }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const details = detailsSummary(event.details);
  return (
    <Tr data-seq={event.seq}>
      <Td>
        <Typography textColor="neutral800">{event.seq}</Typography>
      </Td>
      <Td>
        <time dateTime={event.at}>
          <Typography textColor="neutral800">{formatDate(event.at, { dateStyle: 'medium', timeStyle: 'medium' })}</Typography>
        </time>
      </Td>
      <Td>
        <Typography textColor="neutral800" fontWeight="semiBold">
          {actionLabel(t, event.action)}
        </Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800" title={event.actor}>
          {event.actorLabel?.name ?? event.actor}
        </Typography>
      </Td>
      <Td>
        {event.requestId ? (
          <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/requests/${encodeURIComponent(event.requestId)}`}>
            {event.requestId}
          </Link>
        ) : (
          '—'
        )}
      </Td>
      <Td>
        <Typography textColor="neutral600">{event.subject ?? '—'}</Typography>
      </Td>
      <Td style={{ maxWidth: '28rem' }}>
        <Typography textColor="neutral600" ellipsis title={details} display="block">
          {details || '—'}
        </Typography>
      </Td>
    </Tr>
  );
};

const VerifyResult = ({ result, onClose }: { result: AuditVerification; onClose: () => void }) => {
  const t = useT();
  return result.valid ? (
    <Alert variant="success" closeLabel={t('audit.verify.close', 'Close')} onClose={onClose} title={t('audit.verify.intact.title', 'Verified')}>
      {t('audit.verify.intact', 'The chain is intact: {count, plural, one {# event} other {# events}} checked.', { count: result.checked })}
    </Alert>
  ) : (
    <Alert variant="danger" closeLabel={t('audit.verify.close', 'Close')} onClose={onClose} title={t('audit.verify.broken.title', 'The chain is broken')}>
      {t('audit.verify.broken', 'It breaks at event {seq}: {reason}. {checked, plural, one {# event} other {# events}} before it checked.', {
        seq: result.brokenAt ?? '?',
        reason: result.reason ?? '',
        checked: result.checked,
      })}
    </Alert>
  );
};

/**
 * Settings → Approval workflow → Audit trail: every recorded action, newest first, filtered by
 * request, actor, action and days (all in the URL); the hash chain verified on demand; the
 * filtered trail exported as CSV or JSON.
 */
const AuditPage = () => {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<AuditUrlQuery>();
  const filters = apiFiltersOf(query);
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));
  const list = useGet<ListAuditEvents.Response>(`${AUDIT_PATH}${queryString({ ...filters, page, pageSize } satisfies ListAuditEvents.Request['query'])}`);
  const [verification, setVerification] = React.useState<AuditVerification | null>(null);
  const [busy, setBusy] = React.useState<'verify' | AuditExportFormat | null>(null);

  const update = (next: Partial<AuditUrlQuery>) => setQuery({ ...next, page: '1' });

  const failed = list.state === 'failed' ? list.error : null;
  React.useEffect(() => {
    if (failed === null) return;
    toggleNotification({ type: 'danger', message: errorBodyOf(failed)?.message ?? t('audit.load-failed', 'The audit trail could not be loaded.') });
  }, [failed, toggleNotification, t]);

  const verify = async () => {
    setBusy('verify');
    try {
      const { data } = await get<VerifyAudit.Response>(`${AUDIT_PATH}/verify`);
      setVerification(data.data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorBodyOf(error)?.message ?? t('audit.verify.failed', 'The chain could not be verified.') });
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: AuditExportFormat) => {
    setBusy(format);
    try {
      const { data, headers } = await get(`${AUDIT_PATH}/export${queryString({ ...filters, format })}`, { responseType: 'blob' });
      const fileName = /filename="([^"]+)"/.exec(headers?.get('Content-Disposition') ?? '')?.[1] ?? `approval-audit.${format}`;
      download(data, fileName);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorBodyOf(error)?.message ?? t('audit.export.failed', 'The audit trail could not be exported.') });
    } finally {
      setBusy(null);
    }
  };

  const rows = Array.isArray(list.data?.data) ? list.data.data : [];
  const pagination = list.data?.meta?.pagination;
  const title = t('audit.title', 'Audit trail');
  const columns = [
    t('audit.table.seq', 'No.'),
    t('audit.table.time', 'Time'),
    t('audit.table.action', 'Action'),
    t('audit.table.actor', 'Actor'),
    t('audit.table.request', 'Request'),
    t('audit.table.subject', 'Subject'),
    t('audit.table.details', 'Details'),
  ];
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('audit.subtitle', 'Every approval action, append-only, each event chained to the one before it by a hash.')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" startIcon={<Download />} onClick={() => exportAs('csv')} loading={busy === 'csv'}>
              {t('audit.export.csv', 'Export CSV')}
            </Button>
            <Button variant="secondary" startIcon={<Download />} onClick={() => exportAs('json')} loading={busy === 'json'}>
              {t('audit.export.json', 'Export JSON')}
            </Button>
            <Button startIcon={<SealCheck />} onClick={verify} loading={busy === 'verify'}>
              {t('audit.verify', 'Verify chain')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {verification ? <VerifyResult result={verification} onClose={() => setVerification(null)} /> : null}
          <Grid.Root gap={4}>
            <Grid.Item col={3} s={12} direction="column" alignItems="stretch" justifyContent="flex-end">
              <SearchBox
                value={query.requestId ?? ''}
                label={t('audit.filter.request', 'Request id')}
                placeholder={t('audit.filter.request', 'Request id')}
                onSearch={(text) => update({ requestId: text || undefined })}
              />
            </Grid.Item>
            <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
              <DirectoryPicker
                kind="admin"
                name="actor"
                label={t('audit.filter.actor', 'Actor')}
                placeholder={t('audit.filter.actor.placeholder', 'Any admin user')}
                value={filters.actor ?? null}
                onChange={(ref) => update({ actor: ref ?? undefined })}
              />
            </Grid.Item>
            <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
              <Field.Root name="action">
                <Field.Label>{t('audit.filter.action', 'Action')}</Field.Label>
                <SingleSelect value={filters.action ?? ANY} onChange={(next) => update({ action: next === ANY ? undefined : String(next) })}>
                  <SingleSelectOption value={ANY}>{t('audit.filter.any-action', 'Any action')}</SingleSelectOption>
                  {RECORDED_AUDIT_ACTIONS.map((action) => (
                    <SingleSelectOption key={action} value={action}>
                      {actionLabel(t, action)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
              <Field.Root name="from">
              <Field.Label>{t('audit.filter.from', 'From')}</Field.Label>
              <Field.Input type="date" value={query.from ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ from: e.target.value || undefined })} />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
              <Field.Root name="to">
              <Field.Label>{t('audit.filter.to', 'To')}</Field.Label>
              <Field.Input type="date" value={query.to ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ to: e.target.value || undefined })} />
              </Field.Root>
            </Grid.Item>
          </Grid.Root>
          {list.state === 'loading' && list.data === null ? (
            <Page.Loading />
          ) : rows.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={
                list.state === 'failed'
                  ? t('audit.load-failed', 'The audit trail could not be loaded.')
                  : filtered
                    ? t('audit.empty.filtered', 'No event matches these filters.')
                    : t('audit.empty', 'Nothing recorded yet.')
              }
            />
          ) : (
            <ListTable columns={columns} rowCount={rows.length} pagination={pagination} defaultPageSize={DEFAULT_PAGE_SIZE}>
                  {rows.map((event) => (
                    <Row key={event.seq} event={event} />
                  ))}
                </ListTable>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default AuditPage;
