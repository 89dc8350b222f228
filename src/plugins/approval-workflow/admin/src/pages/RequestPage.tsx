import * as React from 'react';

import { Box, Button, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { ArrowLeft, Check, Cross, ExternalLink, Trash, User } from '@strapi/icons';
import { Layouts, Page, isFetchError, useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink, useParams } from 'react-router-dom';

import type { GetRequest, RequestDetail } from '../../../shared/contracts/requests';
import { ActionDialog, type ActionValues, type RequestAction } from '../components/ActionDialog';
import { DiffView } from '../components/diff/DiffView';
import { RevisedBadge, StatusBadge, UrgentBadge, operationLabel, progressLabel, statusLabel } from '../components/labels';
import { Stages, Timeline } from '../components/Stages';
import { requestPath, useContentTypes, useGet, useRequestActions } from '../services/api';
import { getTranslation } from '../utils/translations';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box tag="section" background="neutral0" hasRadius shadow="filterShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

const successMessage = (t: T, action: RequestAction) =>
  action === 'approve'
    ? t('action.approve.done', 'You approved the request.')
    : action === 'reject'
      ? t('action.reject.done', 'You rejected the request.')
      : action === 'cancel'
        ? t('action.cancel.done', 'The request is cancelled.')
        : t('action.delegate.done', 'Your obligation is delegated.');

/** The refusals that mean the request moved on meanwhile, in the admin's words (the server's message otherwise). */
const refusalMessage = (t: T, code: string | undefined): string | null => {
  switch (code) {
    case 'request-closed':
      return t('action.refused.closed', 'This request is closed: nobody can decide on it any more.');
    case 'already-decided':
      return t('action.refused.already-decided', 'You have already decided on this request.');
    case 'not-an-approver':
      return t('action.refused.not-an-approver', 'You are not an approver of this request (or no longer are).');
    case 'stage-not-started':
      return t('action.refused.stage-not-started', 'Your approval is in a stage that has not started yet.');
    default:
      return null;
  }
};

/** What a closed request came to, and why: the failure reason, the rejection comments. */
const Outcome = ({ request }: { request: RequestDetail }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const rejections = request.decisions.filter((d) => d.kind === 'reject' || d.kind === 'override-reject');
  // The engine's decline reason names the rejecting principal by id ("Rejected by admin:3"); the
  // rejections below say the same with names and comments, so it is shown only without them.
  const reason = request.status === 'declined' && rejections.length > 0 ? null : request.reason;
  const cancelled = request.status === 'cancelled' ? request.timeline.find((e) => e.action === 'cancelled') : undefined;
  const cancelComment = typeof cancelled?.details?.comment === 'string' ? cancelled.details.comment : null;
  const background = request.status === 'approved' ? 'success100' : request.status === 'cancelled' ? 'neutral150' : 'danger100';
  return (
    <Box background={background} hasRadius padding={5} data-outcome={request.status}>
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="delta" tag="p">
          {t('outcome.title', 'This request is {status}', { status: statusLabel(t, request.status) })}
          {request.closedAt ? ` · ${formatDate(request.closedAt, { dateStyle: 'medium', timeStyle: 'short' })}` : ''}
        </Typography>
        {request.status === 'approved' ? (
          <Typography>
            {request.applied ? t('outcome.applied', 'The change was applied.') : t('outcome.not-applied', 'The change was not applied.')}
          </Typography>
        ) : null}
        {reason ? <Typography>{t('outcome.reason', 'Reason: {reason}', { reason })}</Typography> : null}
        {rejections.map((d) => (
          <Typography key={`${d.by?.principal}:${d.at}`}>
            {d.comment
              ? t('outcome.rejected-by', '{name} rejected it: “{comment}”', { name: d.by?.name ?? '—', comment: d.comment })
              : t('outcome.rejected-by-no-comment', '{name} rejected it.', { name: d.by?.name ?? '—' })}
          </Typography>
        ))}
        {cancelComment ? <Typography>{t('outcome.cancel-comment', 'Comment: “{comment}”', { comment: cancelComment })}</Typography> : null}
      </Flex>
    </Box>
  );
};

const contentManagerPath = (request: RequestDetail, kind: string | undefined): string | null => {
  const documentId = request.documentId ?? request.result?.documentId ?? null;
  if (kind === 'singleType')
    return `/content-manager/single-types/${request.uid}${request.locale ? `?plugins[i18n][locale]=${request.locale}` : ''}`;
  if (!documentId || (request.status === 'approved' && request.operation === 'delete')) return null;
  return `/content-manager/collection-types/${request.uid}/${documentId}${request.locale ? `?plugins[i18n][locale]=${request.locale}` : ''}`;
};

export const RequestPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const { id = '' } = useParams<{ id: string }>();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const contentTypes = useContentTypes();
  const request = useGet<GetRequest.Response>(requestPath(id));
  const actions = useRequestActions(id);
  const [dialog, setDialog] = React.useState<RequestAction | null>(null);

  const submit = React.useCallback(
    async (action: RequestAction, values: ActionValues): Promise<boolean> => {
      const comment = values.comment.trim() === '' ? null : values.comment;
      try {
        if (action === 'approve' || action === 'reject') {
          await actions.decide(action, { comment, ...(values.password ? { password: values.password } : {}) });
        } else if (action === 'cancel') {
          await actions.cancel(comment);
        } else {
          await actions.delegate({ to: values.to.trim(), comment });
        }
        toggleNotification({ type: 'success', message: successMessage(t, action) });
        request.refetch();
        return true;
      } catch (error: unknown) {
        const status = isFetchError(error) ? error.status : undefined;
        const code = isFetchError(error)
          ? (error.response?.data as { error?: { details?: { code?: string } } } | undefined)?.error?.details?.code
          : undefined;
        const refusal = refusalMessage(t, code);
        toggleNotification({
          type: 'danger',
          message: refusal
            ? `${refusal} ${t('action.refused.refreshed', 'The page now shows the request as it is.')}`
            : isFetchError(error)
              ? formatAPIError(error)
              : t('action.failed', 'The server did not accept this action.'),
        });
        request.refetch();
        // A wrong or missing password, or a bad delegate, can be corrected in the open dialog.
        return !(status === 400 || (status === 403 && code === 'wrong-password'));
      }
    },
    [actions, toggleNotification, formatAPIError, t, request]
  );

  const back = (
    <Link tag={NavLink} to=".." relative="path" startIcon={<ArrowLeft />}>
      {t('request.back', 'Approval requests')}
    </Link>
  );

  if (request.state === 'loading' && request.data === null) return <Page.Loading />;
  const detail = request.data?.data;
  if (!detail) {
    const message = request.state === 'failed' && isFetchError(request.error) ? formatAPIError(request.error) : undefined;
    return (
      <Page.Main>
        <Layouts.Header navigationAction={back} title={t('request.not-found', 'This request cannot be shown')} subtitle={message} />
        <Layouts.Content>
          <Page.Error />
        </Layouts.Content>
      </Page.Main>
    );
  }

  const typeInfo = contentTypes[detail.uid];
  const typeName = detail.contentType?.displayName ?? typeInfo?.info.displayName ?? detail.uid;
  const entryTitle = detail.title ?? detail.documentId ?? t('request.untitled', 'Untitled entry');
  const title = t('request.title', '{operation}: {title}', { operation: operationLabel(t, detail.operation), title: entryTitle });
  const progress = progressLabel(t, detail.status, detail.progress);
  const entryPath = contentManagerPath(detail, typeInfo?.kind);
  const { viewer } = detail;
  const canAct = viewer.canApprove || viewer.canReject || viewer.canDelegate || viewer.canCancel;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={title}
        secondaryAction={
          <Flex gap={2}>
            <StatusBadge status={detail.status} />
            {detail.urgent ? <UrgentBadge /> : null}
            {detail.revisions > 0 ? <RevisedBadge revisions={detail.revisions} long /> : null}
          </Flex>
        }
        subtitle={t('request.subtitle', '{type} · requested by {requester} on {date} · template “{template}” (version {version})', {
          type: typeName,
          requester: detail.requester?.name ?? '—',
          date: formatDate(detail.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
          template: detail.template.name,
          version: detail.template.version,
        })}
        primaryAction={
          canAct ? (
            <Flex gap={2}>
              {viewer.canCancel ? (
                <Button variant="danger-light" startIcon={<Trash />} onClick={() => setDialog('cancel')}>
                  {t('action.cancel', 'Cancel request')}
                </Button>
              ) : null}
              {viewer.canDelegate ? (
                <Button variant="tertiary" startIcon={<User />} onClick={() => setDialog('delegate')}>
                  {t('action.delegate', 'Delegate')}
                </Button>
              ) : null}
              {viewer.canReject ? (
                <Button variant="danger-light" startIcon={<Cross />} onClick={() => setDialog('reject')}>
                  {t('action.reject', 'Reject')}
                </Button>
              ) : null}
              {viewer.canApprove ? (
                <Button variant="default" startIcon={<Check />} onClick={() => setDialog('approve')}>
                  {t('action.approve', 'Approve')}
                </Button>
              ) : null}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {detail.status !== 'pending' ? <Outcome request={detail} /> : null}
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
            <Grid.Root gap={4}>
              <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600">
                  {t('request.entry', 'Entry')}
                </Typography>
                <Typography fontWeight="semiBold">{entryTitle}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {typeName}
                  {detail.documentId ? ` · ${detail.documentId}` : ` · ${t('requests.table.new-document', '(new)')}`}
                  {detail.locale ? ` · ${detail.locale}` : ''}
                </Typography>
                {entryPath ? (
                  <Link tag={NavLink} to={entryPath} endIcon={<ExternalLink />}>
                    {t('request.open-entry', 'Open in the content manager')}
                  </Link>
                ) : null}
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600">
                  {t('request.progress.label', 'Progress')}
                </Typography>
                <Typography>{progress ?? '—'}</Typography>
                {detail.status === 'pending' && !viewer.canApprove && viewer.reason ? (
                  <Typography variant="pi" textColor="neutral600">
                    {t('request.cannot-decide', 'You cannot approve: {reason}', { reason: viewer.reason })}
                  </Typography>
                ) : null}
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600">
                  {t('request.comment', 'Requester’s comment')}
                </Typography>
                <Typography>{detail.comment ?? '—'}</Typography>
              </Grid.Item>
            </Grid.Root>
          </Box>
          <Section title={t('request.changes', 'Changes')}>
            <DiffView diff={detail.diff} operation={detail.operation} pending={detail.status === 'pending'} />
          </Section>
          <Section title={t('request.stages', 'Stages')}>
            <Stages stages={detail.stages} closed={detail.status !== 'pending'} />
          </Section>
          <Section title={t('request.timeline', 'Timeline')}>
            <Timeline timeline={detail.timeline} />
          </Section>
        </Flex>
      </Layouts.Content>
      <ActionDialog action={dialog} needsPassword={detail.securityLevel === 'password'} onClose={() => setDialog(null)} onSubmit={submit} />
    </Page.Main>
  );
};
