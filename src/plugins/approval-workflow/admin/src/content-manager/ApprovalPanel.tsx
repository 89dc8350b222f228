import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useAuth } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';

import type { RequestListItem, StageProgress } from '../../../shared/contracts/requests';
import { operationLabel, statusLabel } from '../components/labels';
import { useT, type T } from '../utils/use-t';
import { useEntryStatus, useRequestDetail } from './data';
import { requestRoute } from './links';

/** "Stage 1 of 2 · 1 of 2 approvals" (null for a request without stages). */
export const progressText = (t: T, progress: StageProgress | undefined) =>
  progress && progress.total > 0
    ? t('cm.progress', 'Stage {stage} of {stages} · {approvals} of {required} approvals', {
        stage: progress.current,
        stages: progress.total,
        approvals: progress.approvals,
        required: progress.required,
      })
    : null;

/** The viewer's own pending request: it awaits approval, with the fields it changes. */
const Mine = ({ request }: { request: RequestListItem }) => {
  const t = useT();
  const detail = useRequestDetail(request.id);
  const fields = detail.state === 'loaded' ? [...new Set(detail.data.diff.map((entry) => (entry.labels?.length ? entry.labels.join(' › ') : entry.path)))] : [];
  return (
    <Box background="primary100" borderColor="primary200" hasRadius padding={3} role="status">
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="omega" fontWeight="bold">
          {t('cm.panel.mine', 'Your {operation} request awaits approval', { operation: operationLabel(t, request.operation).toLowerCase() })}
        </Typography>
        {fields.length > 0 && (
          <Typography variant="pi">
            {t('cm.panel.mine.fields', 'Proposed changes: {fields}', { fields: fields.join(', ') })}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};

const RequestRow = ({ request }: { request: RequestListItem }) => {
  const t = useT();
  const progress = progressText(t, request.progress);
  return (
    <Flex tag="li" direction="column" alignItems="stretch" gap={1}>
      <Flex gap={2} wrap="wrap">
        <Link tag={NavLink} to={requestRoute(request.id)}>
          {operationLabel(t, request.operation)}
        </Link>
        <Badge>{statusLabel(t, request.status)}</Badge>
        {request.urgent && <Badge textColor="danger600">{t('cm.urgent', 'urgent')}</Badge>}
      </Flex>
      {progress && (
        <Typography variant="pi" textColor="neutral600">
          {progress}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {t('cm.panel.by', 'Requested by {name}', { name: request.requester.name })}
      </Typography>
    </Flex>
  );
};

/**
 * The edit view's "Approval workflow" panel on a managed entry, for editors (approval admins keep
 * the content manager as it is): the template, what needs approval, the pending requests with
 * their progress, and the viewer's own pending change.
 */
const usePanel = ({ model, documentId, document }: Parameters<PanelComponent>[0]) => {
  const t = useT();
  const userId = useAuth('ApprovalPanel', (state) => state.user?.id);
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  const status = useEntryStatus(model, documentId, locale);
  if (status.state !== 'loaded' || status.data.bypass || status.data.operations.length === 0) return null;
  const { template, operations, openRequests } = status.data;
  const mine = openRequests.find((request) => request.requester.principal === `admin:${userId}`);
  return {
    title: t('cm.panel.title', 'Approval workflow'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        {mine && <Mine request={mine} />}
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('cm.panel.template', 'Approval rule')}
          </Typography>
          <Typography variant="omega">{template?.name}</Typography>
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('cm.panel.operations', 'Needs approval')}
          </Typography>
          <Typography variant="omega">{operations.map((operation) => operationLabel(t, operation)).join(', ')}</Typography>
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('cm.panel.requests', 'Pending requests')}
          </Typography>
          {openRequests.length ? (
            <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
              {openRequests.map((request) => (
                <RequestRow key={request.id} request={request} />
              ))}
            </Flex>
          ) : (
            <Typography variant="omega" textColor="neutral600">
              {t('cm.panel.none', 'None')}
            </Typography>
          )}
        </Flex>
      </Flex>
    ),
  };
};

export const ApprovalPanel: PanelComponent = (props) => usePanel(props);
