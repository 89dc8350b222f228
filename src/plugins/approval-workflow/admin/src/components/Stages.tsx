import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { ObligationView, RequestDetail, StageView } from '../../../shared/contracts/requests';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

type BadgeVariant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

/** A stage keeps its last status when the request closes: on a closed request "in progress" would mislead. */
const stageStatus = (t: T, status: StageView['status'], closed: boolean): [string, BadgeVariant] => {
  switch (status) {
    case 'active':
      return closed ? [t('stage.status.stopped', 'stopped'), 'neutral'] : [t('stage.status.active', 'in progress'), 'secondary'];
    case 'waiting':
      return closed ? [t('stage.status.not-reached', 'not reached'), 'neutral'] : [t('stage.status.waiting', 'waiting'), 'neutral'];
    case 'fulfilled':
      return [t('stage.status.fulfilled', 'fulfilled'), 'success'];
    case 'expired':
      return [t('stage.status.expired', 'expired'), 'warning'];
    default:
      return [t('stage.status.waiting', 'waiting'), 'neutral'];
  }
};

const obligationStatus = (t: T, status: ObligationView['status'], closed: boolean): [string, BadgeVariant] => {
  switch (status) {
    case 'approved':
      return [t('obligation.status.approved', 'approved'), 'success'];
    case 'auto-approved':
      return [t('obligation.status.auto-approved', 'approved on expiry'), 'success'];
    case 'rejected':
      return [t('obligation.status.rejected', 'rejected'), 'danger'];
    default:
      return closed ? [t('obligation.status.not-decided', 'not decided'), 'neutral'] : [t('obligation.status.open', 'open'), 'neutral'];
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
export const Stages = ({ stages, closed }: { stages: StageView[]; closed: boolean }) => {
  const t = useT();
  const { formatDate } = useIntl();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {stages.map((stage, index) => {
        const [label, variant] = stageStatus(t, stage.status, closed);
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
                {stage.deadline && !closed && (stage.status === 'active' || stage.status === 'waiting')
                  ? ` · ${t('stage.deadline', 'due {date}', { date: formatDate(stage.deadline, { dateStyle: 'medium', timeStyle: 'short' }) })}`
                  : ''}
              </Typography>
            </Flex>
            <Table colCount={4} rowCount={stage.obligations.length + 1}>
              <Thead>
                <Tr>
                  <Th style={{ width: '30%' }}>
                    <Heading>{t('obligation.holder', 'Approver')}</Heading>
                  </Th>
                  <Th style={{ width: '15%' }}>
                    <Heading>{t('obligation.status', 'Status')}</Heading>
                  </Th>
                  <Th style={{ width: '30%' }}>
                    <Heading>{t('obligation.decided-by', 'Decided by')}</Heading>
                  </Th>
                  <Th style={{ width: '25%' }}>
                    <Heading>{t('obligation.comment', 'Comment')}</Heading>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {stage.obligations.map((obligation) => {
                  const [status, statusVariant] = obligationStatus(t, obligation.status, closed);
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

/**
 * How one audit entry reads. Entries that record what happened to the request (a stage fulfilled,
 * the change applied) read without their actor, who is only the one whose action caused them.
 */
const describe = (t: T, action: string, details: Record<string, unknown>): { text: string; byActor: boolean } => {
  const stage = typeof details.stageIndex === 'number' ? details.stageIndex + 1 : null;
  const reason = typeof details.reason === 'string' ? details.reason : null;
  const actor = (text: string) => ({ text, byActor: true });
  const event = (text: string) => ({ text, byActor: false });
  // The engine records the request's own closing as a second entry carrying the new status.
  if (action === 'approved' && details.status === 'approved') return event(t('timeline.request-approved', 'Request approved'));
  if (action === 'rejected' && details.status === 'declined') return event(t('timeline.declined', 'Request declined'));
  switch (action) {
    case 'requested':
      return actor(t('timeline.requested', 'requested the change'));
    case 'approved':
      return actor(t('timeline.approved', 'approved'));
    case 'rejected':
      return actor(t('timeline.rejected', 'rejected'));
    case 'revised':
      return actor(
        typeof details.revision === 'number' && typeof details.decisionsReset === 'number'
          ? t(
              'timeline.revised-count',
              'revised the proposal (revision {revision}); {reset, plural, =0 {no approval had been given} one {# approval was reset} other {# approvals were reset}}',
              { revision: details.revision, reset: details.decisionsReset }
            )
          : t('timeline.revised', 'revised the proposal; approvals were reset')
      );
    case 'delegated':
      return actor(
        typeof details.to === 'string'
          ? t('timeline.delegated-to', 'delegated to {to}', { to: details.to })
          : t('timeline.delegated', 'delegated')
      );
    case 'cancelled':
      return actor(t('timeline.cancelled', 'cancelled the request'));
    case 'auto-approved':
      return event(t('timeline.auto-approved', 'Approved automatically when the time ran out'));
    case 'stage-fulfilled':
      return event(
        stage
          ? t('timeline.stage-fulfilled', 'Stage {stage} fulfilled', { stage })
          : t('timeline.a-stage-fulfilled', 'A stage was fulfilled')
      );
    case 'stage-expired':
      return event(
        stage
          ? t('timeline.stage-expired', 'Stage {stage} ran out of time', { stage })
          : t('timeline.a-stage-expired', 'A stage ran out of time')
      );
    case 'declined':
      return event(t('timeline.declined', 'Request declined'));
    case 'expired':
      return event(t('timeline.expired', 'Request expired'));
    case 'apply':
      return event(t('timeline.apply', 'Applying the change'));
    case 'applied':
      return event(t('timeline.applied', 'Change applied'));
    case 'failed':
      return event(reason ? t('timeline.failed-reason', 'Applying failed: {reason}', { reason }) : t('timeline.failed', 'Applying failed'));
    case 'reminded':
      return event(t('timeline.reminded', 'Approvers reminded'));
    case 'escalated':
      return event(t('timeline.escalated', 'Escalated to the approval admins'));
    case 'fell-to-admins':
      return event(t('timeline.fell-to-admins', 'Handed to the approval admins'));
    default:
      return actor(action);
  }
};

/** The request's audit trail, oldest first. */
export const Timeline = ({ timeline }: { timeline: RequestDetail['timeline'] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (timeline.length === 0) return <Typography textColor="neutral600">{t('timeline.empty', 'Nothing recorded yet.')}</Typography>;
  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={3}>
      {timeline.map((event) => {
        const { text, byActor } = describe(t, event.action, event.details ?? {});
        const detail = typeof event.details?.comment === 'string' && event.details.comment !== '' ? event.details.comment : null;
        return (
          <Flex tag="li" key={event.seq} gap={3} alignItems="flex-start">
            <Box minWidth="16rem">
              <Typography variant="pi" textColor="neutral600">
                <time dateTime={event.at}>{formatDate(event.at, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </Typography>
            </Box>
            <Flex direction="column" alignItems="flex-start">
              <Typography textColor="neutral800">
                {byActor ? <Typography fontWeight="semiBold">{event.actor?.name ?? '—'}</Typography> : null} {text}
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
