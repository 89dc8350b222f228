import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { ObligationView, RequestDetail, StageView } from '../../../shared/contracts/requests';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

type BadgeVariant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

const stageStatus = (t: T, status: StageView['status']): [string, BadgeVariant] => {
  switch (status) {
    case 'active':
      return [t('stage.status.active', 'in progress'), 'secondary'];
    case 'fulfilled':
      return [t('stage.status.fulfilled', 'fulfilled'), 'success'];
    case 'expired':
      return [t('stage.status.expired', 'expired'), 'warning'];
    default:
      return [t('stage.status.waiting', 'waiting'), 'neutral'];
  }
};

const obligationStatus = (t: T, status: ObligationView['status']): [string, BadgeVariant] => {
  switch (status) {
    case 'approved':
      return [t('obligation.status.approved', 'approved'), 'success'];
    case 'auto-approved':
      return [t('obligation.status.auto-approved', 'approved on expiry'), 'success'];
    case 'rejected':
      return [t('obligation.status.rejected', 'rejected'), 'danger'];
    default:
      return [t('obligation.status.open', 'open'), 'neutral'];
  }
};

const stageName = (t: T, stage: StageView) =>
  stage.kind === 'owner' ? t('stage.owner', 'Owner approval') : stage.kind === 'admins' ? t('stage.admins', 'Approval admins') : stage.name;

const Heading = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600">
    {children}
  </Typography>
);

/** Each stage of the request with its obligations: who holds them, their state, who decided and why. */
export const Stages = ({ stages }: { stages: StageView[] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {stages.map((stage, index) => {
        const [label, variant] = stageStatus(t, stage.status);
        const approvals = stage.obligations.filter((o) => o.status === 'approved' || o.status === 'auto-approved').length;
        return (
          <Box key={stage.index} data-stage={index + 1}>
            <Flex gap={2} paddingBottom={2} wrap="wrap">
              <Typography variant="delta" tag="h3">
                {t('stage.title', 'Stage {number}: {name}', { number: index + 1, name: stageName(t, stage) })}
              </Typography>
              <Badge variant={variant}>{label}</Badge>
              <Typography variant="pi" textColor="neutral600">
                {t('stage.approvals', '{approvals} of {required} approvals', { approvals, required: stage.required })}
                {stage.deadline
                  ? ` · ${t('stage.deadline', 'due {date}', { date: formatDate(stage.deadline, { dateStyle: 'medium', timeStyle: 'short' }) })}`
                  : ''}
              </Typography>
            </Flex>
            <Table colCount={4} rowCount={stage.obligations.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Heading>{t('obligation.holder', 'Approver')}</Heading>
                  </Th>
                  <Th>
                    <Heading>{t('obligation.status', 'Status')}</Heading>
                  </Th>
                  <Th>
                    <Heading>{t('obligation.decided-by', 'Decided by')}</Heading>
                  </Th>
                  <Th>
                    <Heading>{t('obligation.comment', 'Comment')}</Heading>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {stage.obligations.map((obligation) => {
                  const [status, statusVariant] = obligationStatus(t, obligation.status);
                  return (
                    <Tr key={obligation.id}>
                      <Td>
                        <Flex direction="column" alignItems="flex-start">
                          <Typography textColor="neutral800">{obligation.holder?.name ?? '—'}</Typography>
                          {obligation.delegatedFrom ? (
                            <Typography variant="pi" textColor="neutral600">
                              {t('obligation.delegated-from', 'delegated by {name}', { name: obligation.delegatedFrom.name })}
                            </Typography>
                          ) : null}
                        </Flex>
                      </Td>
                      <Td>
                        <Badge variant={statusVariant}>{status}</Badge>
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">
                          {obligation.decidedBy
                            ? `${obligation.decidedBy.name}${
                                obligation.decidedAt
                                  ? ` · ${formatDate(obligation.decidedAt, { dateStyle: 'medium', timeStyle: 'short' })}`
                                  : ''
                              }`
                            : '—'}
                        </Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <Typography textColor="neutral800">{obligation.comment ?? '—'}</Typography>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </Box>
        );
      })}
    </Flex>
  );
};

const actionLabel = (t: T, action: string, details: Record<string, unknown>): string => {
  // The engine records the request's own closing as a second entry carrying the new status.
  if (action === 'approved' && details.status === 'approved') return t('timeline.request-approved', 'request approved');
  if (action === 'delegated' && typeof details.to === 'string') return t('timeline.delegated-to', 'delegated to {to}', { to: details.to });
  switch (action) {
    case 'requested':
      return t('timeline.requested', 'requested the change');
    case 'approved':
      return t('timeline.approved', 'approved');
    case 'rejected':
      return t('timeline.rejected', 'rejected');
    case 'auto-approved':
      return t('timeline.auto-approved', 'approved automatically on expiry');
    case 'stage-fulfilled':
      return t('timeline.stage-fulfilled', 'stage fulfilled');
    case 'stage-expired':
      return t('timeline.stage-expired', 'stage expired');
    case 'delegated':
      return t('timeline.delegated', 'delegated');
    case 'cancelled':
      return t('timeline.cancelled', 'cancelled the request');
    case 'declined':
      return t('timeline.declined', 'request declined');
    case 'expired':
      return t('timeline.expired', 'request expired');
    case 'apply':
    case 'applied':
      return t('timeline.applied', 'change applied');
    case 'failed':
      return t('timeline.failed', 'applying failed');
    case 'reminded':
      return t('timeline.reminded', 'approvers reminded');
    case 'escalated':
      return t('timeline.escalated', 'escalated to the approval admins');
    case 'fell-to-admins':
      return t('timeline.fell-to-admins', 'handed to the approval admins');
    case 'revised':
      return t('timeline.revised', 'revised the proposal');
    default:
      return action;
  }
};

const detailText = (details: Record<string, unknown>): string | null => {
  const parts = [details.comment, details.reason].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length ? parts.join(' · ') : null;
};

/** The request's audit trail, oldest first. */
export const Timeline = ({ timeline }: { timeline: RequestDetail['timeline'] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (timeline.length === 0) return <Typography textColor="neutral600">{t('timeline.empty', 'Nothing recorded yet.')}</Typography>;
  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={3}>
      {timeline.map((event) => {
        const detail = detailText(event.details ?? {});
        return (
          <Flex tag="li" key={event.seq} gap={3} alignItems="flex-start">
            <Box minWidth="16rem">
              <Typography variant="pi" textColor="neutral600">
                <time dateTime={event.at}>{formatDate(event.at, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </Typography>
            </Box>
            <Flex direction="column" alignItems="flex-start">
              <Typography textColor="neutral800">
                <Typography fontWeight="semiBold">{event.actor?.name ?? '—'}</Typography>{' '}
                {actionLabel(t, event.action, event.details ?? {})}
              </Typography>
              {detail ? (
                <Typography variant="pi" textColor="neutral600">
                  “{detail}”
                </Typography>
              ) : null}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
};
