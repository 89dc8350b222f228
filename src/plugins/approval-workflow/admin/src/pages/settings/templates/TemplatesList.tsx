import * as React from 'react';

import {
  Badge,
  Dialog,
  EmptyStateLayout,
  Flex,
  IconButton,
  Link,
  LinkButton,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Star, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, isFetchError, useAPIErrorHandler, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';

import type { ListTemplates, Template } from '../../../../../shared/contracts/templates';
import { useGet } from '../../../services/api';
import { getTranslation } from '../../../utils/translations';
import { useT, type T } from '../../../utils/use-t';
import { apiErrorOf, templatesPath } from './form';
import { LIST_URL, MANAGE } from './TemplateEditor';
import { ListTable } from '../../../components/ListTable';

/** Why a template cannot be deleted: it is the default, or managed objects use it (the server's 409 says the same). */
const refusalOf = (t: T, name: string, isDefault: boolean, managedObjects: number): string | null => {
  if (isDefault) return t('templates.delete.default', '“{name}” is the default template: make another one the default first.', { name });
  if (managedObjects > 0) {
    return t(
      'templates.delete.in-use',
      '“{name}” is in use by {n, plural, one {# managed object} other {# managed objects}}: give them another template first.',
      { name, n: managedObjects }
    );
  }
  return null;
};

const Row = ({ template, canManage, onDelete, onDefault }: { template: Template; canManage: boolean; onDelete: () => void; onDefault: () => void }) => {
  const t = useT();
  const to = `${LIST_URL}/${encodeURIComponent(template.id)}`;
  return (
    <Tr data-template-id={template.id}>
      <Td style={{ whiteSpace: 'normal' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Flex gap={2} wrap="wrap">
            <Link tag={NavLink} to={to}>
              {template.name}
            </Link>
            {template.isDefault ? <Badge active>{t('templates.badge.default', 'Default')}</Badge> : null}
            {template.itemLevel ? <Badge>{t('templates.badge.item-level', 'Item-level')}</Badge> : null}
          </Flex>
          {template.description ? (
            <Typography variant="pi" textColor="neutral600">
              {template.description}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Typography textColor="neutral800">{template.stages.length}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{template.version}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{template.usage.managedObjects}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{template.usage.openRequests}</Typography>
      </Td>
      <Td>
        <Flex gap={1} justifyContent="flex-end">
          <IconButton
            tag={NavLink}
            to={to}
            label={canManage ? t('templates.edit', 'Edit {name}', { name: template.name }) : t('templates.view', 'View {name}', { name: template.name })}
            variant="ghost"
          >
            <Pencil />
          </IconButton>
          {canManage && !template.isDefault ? (
            <IconButton label={t('templates.set-default', 'Set “{name}” as default', { name: template.name })} variant="ghost" onClick={onDefault}>
              <Star />
            </IconButton>
          ) : null}
          {canManage ? (
            <IconButton label={t('templates.delete', 'Delete {name}', { name: template.name })} variant="ghost" onClick={onDelete}>
              <Trash />
            </IconButton>
          ) : null}
        </Flex>
      </Td>
    </Tr>
  );
};

/**
 * Settings → Approval workflow → Templates: every template with its stage count, version, badges
 * and what uses it; edit, make default and delete (after a confirmation) for those who manage them.
 */
export const TemplatesList = () => {
  const t = useT();
  const { put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const { allowedActions } = useRBAC(MANAGE);
  const canManage = allowedActions.canManage;
  const list = useGet<ListTemplates.Response>(`${templatesPath()}?pageSize=100`);
  const [deleting, setDeleting] = React.useState<Template | null>(null);

  const rows = Array.isArray(list.data?.data) ? list.data.data : [];
  const title = t('templates.title', 'Templates');
  const failed = (failure: unknown) =>
    toggleNotification({
      type: 'danger',
      message: isFetchError(failure) ? formatAPIError(failure) : t('templates.failed', 'That did not work. Try again.'),
    });

  const setDefault = async (template: Template) => {
    try {
      await put(`${templatesPath(template.id)}/default`, {});
      toggleNotification({ type: 'success', message: t('templates.default-set', '“{name}” is now the default template.', { name: template.name }) });
      list.refetch();
    } catch (failure) {
      failed(failure);
    }
  };

  const remove = async (template: Template) => {
    try {
      await del(templatesPath(template.id));
      toggleNotification({ type: 'success', message: t('templates.deleted', '“{name}” deleted.', { name: template.name }) });
      list.refetch();
    } catch (failure) {
      const answer = apiErrorOf(failure);
      const refusal =
        answer?.status === 409
          ? refusalOf(t, template.name, answer.details.isDefault === true, Array.isArray(answer.details.managedObjects) ? answer.details.managedObjects.length : 0)
          : null;
      if (refusal) {
        toggleNotification({ type: 'danger', message: refusal });
        list.refetch();
      } else failed(failure);
    } finally {
      setDeleting(null);
    }
  };

  const columns = [
    t('templates.table.name', 'Name'),
    t('templates.table.stages', 'Stages'),
    t('templates.table.version', 'Version'),
    t('templates.table.managed', 'Managed objects'),
    t('templates.table.open', 'Open requests'),
  ];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('templates.subtitle', 'Approval rules: who approves a change, in which stages, and within what time.')}
        primaryAction={
          canManage ? (
            <LinkButton tag={NavLink} to={`${LIST_URL}/new`} startIcon={<Plus />} size="S">
              {t('templates.create', 'Create template')}
            </LinkButton>
          ) : null
        }
      />
      <Layouts.Content>
        {list.state === 'loading' && list.data === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={
              list.state === 'failed' ? t('templates.load-failed', 'The templates could not be loaded.') : t('templates.empty', 'No template yet.')
            }
          />
        ) : (
          <ListTable columns={[...columns, t('templates.table.actions', 'Actions')]} rowCount={rows.length}>
              {rows.map((template) => (
                <Row
                  key={template.id}
                  template={template}
                  canManage={canManage}
                  onDefault={() => void setDefault(template)}
                  onDelete={() => setDeleting(template)}
                />
              ))}
            </ListTable>
        )}
      </Layouts.Content>
      <Dialog.Root open={deleting !== null} onOpenChange={(open) => (open ? undefined : setDeleting(null))}>
        <ConfirmDialog
          title={t('templates.delete.title', 'Delete this template?')}
          onConfirm={() => (deleting ? remove(deleting) : undefined)}
        >
          {deleting
            ? (refusalOf(t, deleting.name, deleting.isDefault, deleting.usage.managedObjects) ??
              t('templates.delete.body', '“{name}” will be deleted. Requests already started on it keep their copy.', { name: deleting.name }))
            : null}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
