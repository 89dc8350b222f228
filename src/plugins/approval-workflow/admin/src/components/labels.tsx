import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { RequestListItem, StageProgress } from '../../../shared/contracts/requests';
import type { RequestStatus } from '../../../shared/vocabulary';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

type Operation = RequestListItem['operation'];
type BadgeVariant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

const STATUS_VARIANTS: Record<RequestStatus, BadgeVariant> = {
  pending: 'secondary',
  approved: 'success',
  declined: 'danger',
  cancelled: 'neutral',
  failed: 'danger',
  expired: 'warning',
};

export const statusLabel = (t: T, status: string): string => {
  switch (status) {
    case 'pending':
      return t('status.pending', 'pending');
    case 'approved':
      return t('status.approved', 'approved');
    case 'declined':
      return t('status.declined', 'declined');
    case 'cancelled':
      return t('status.cancelled', 'cancelled');
    case 'failed':
      return t('status.failed', 'failed');
    case 'expired':
      return t('status.expired', 'expired');
    default:
      return status;
  }
};

export const operationLabel = (t: T, operation: Operation | string): string => {
  switch (operation) {
    case 'create':
      return t('operation.create', 'Create');
    case 'update':
      return t('operation.update', 'Update');
    case 'delete':
      return t('operation.delete', 'Delete');
    case 'publish':
      return t('operation.publish', 'Publish');
    case 'unpublish':
      return t('operation.unpublish', 'Unpublish');
    case 'discardDraft':
      return t('operation.discardDraft', 'Discard draft');
    case 'clone':
      return t('operation.clone', 'Clone');
    default:
      return operation;
  }
};

export const StatusBadge = ({ status }: { status: RequestStatus }) => {
  const t = useT();
  return <Badge variant={STATUS_VARIANTS[status] ?? 'neutral'}>{statusLabel(t, status)}</Badge>;
};

export const UrgentBadge = () => {
  const t = useT();
  return <Badge variant="warning">{t('request.urgent', 'urgent')}</Badge>;
};

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago": the age of a request, in the largest whole unit. */
export const Age = ({ at }: { at: string }) => {
  const { formatRelativeTime, formatDate } = useIntl();
  const seconds = Math.round((Date.parse(at) - Date.now()) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  return (
    <time dateTime={at} title={formatDate(at, { dateStyle: 'medium', timeStyle: 'short' })}>
      {unit === 'second' ? formatRelativeTime(0, 'second', { numeric: 'auto' }) : formatRelativeTime(Math.trunc(seconds / size), unit)}
    </time>
  );
};

/**
 * "Stage 1 of 2 · 1 of 2 approvals" while the request is pending (null when its rule has no
 * stage); a closed request reads as its status.
 */
export const progressLabel = (t: T, status: RequestStatus, progress: StageProgress | undefined): string | null => {
  if (status !== 'pending') return statusLabel(t, status);
  if (!progress || progress.total === 0) return null;
  return t('request.progress', 'Stage {stage} of {stages} · {approvals} of {required} approvals', {
    stage: progress.current,
    stages: progress.total,
    approvals: progress.approvals,
    required: progress.required,
  });
};

/** "revised" (list) or "Revised 2 times" (request page): the proposal changed since it was first requested. */
export const RevisedBadge = ({ revisions, long = false }: { revisions: number; long?: boolean }) => {
  const t = useT();
  return (
    <Badge variant="alternative">
      {long
        ? t('request.revised-times', 'Revised {count, plural, one {once} other {# times}}', { count: revisions })
        : t('request.revised', 'revised')}
    </Badge>
  );
};
