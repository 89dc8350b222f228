import * as React from 'react';

import {
  Badge,
  Button,
  Dialog,
  EmptyStateLayout,
  Flex,
  IconButton,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';

import { ACTIONS, PLUGIN_ID } from '../../../../shared/constants';
import type { Group, ListGroups } from '../../../../shared/contracts/groups';
import { useDirectoryEntries } from '../../components/DirectoryPicker';
import { useGet } from '../../services/api';
import { errorBodyOf } from '../../utils/field-errors';
import { useT } from '../../utils/use-t';
import { GroupDialog } from './groups/GroupDialog';
import { ListTable } from '../../components/ListTable';

const MANAGE = { manage: [{ action: ACTIONS.manageGroups, subject: null }] };

/** The display names of every member of the listed groups, by principal. */
const useMemberNames = (groups: Group[]): Record<string, string> => {
  const members = groups.flatMap((group) => group.members);
  const admins = useDirectoryEntries('admin', members.filter((member) => member.startsWith('admin:')));
  const users = useDirectoryEntries('user', members.filter((member) => member.startsWith('user:')));
  return React.useMemo(
    () => Object.fromEntries(Object.values({ ...admins, ...users }).map((entry) => [entry.ref, entry.name])),
    [admins, users]
  );
};

/**
 * Settings → Approval workflow → Groups: the plugin's approver groups (admin users and content-API
 * users), which template stages can name. Admins without `groups.manage` see them read-only.
 */
const GroupsPage = () => {
  const t = useT();
  const { del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(MANAGE);
  const canManage = Boolean(allowedActions.canManage);
  const list = useGet<ListGroups.Response>(`/${PLUGIN_ID}/groups?pageSize=100`);
  const groups = Array.isArray(list.data?.data) ? list.data.data : [];
  const names = useMemberNames(groups);
  const [editing, setEditing] = React.useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = React.useState<Group | null>(null);

  const remove = async (group: Group) => {
    try {
      await del(`/${PLUGIN_ID}/groups/${encodeURIComponent(group.id)}`);
      toggleNotification({ type: 'success', message: t('groups.deleted', 'Group {name} deleted', { name: group.name }) });
      list.refetch();
    } catch (error) {
      const body = errorBodyOf(error);
      const templates = Array.isArray(body?.details?.templates) ? body.details.templates.length : 0;
      toggleNotification({
        type: 'danger',
        message: templates
          ? t(
              'groups.delete.in-use',
              '{name} is named by {count, plural, one {a template} other {# templates}}: remove it from their stages before deleting it.',
              { name: group.name, count: templates }
            )
          : (body?.message ?? t('groups.delete-failed', 'The group could not be deleted.')),
      });
    } finally {
      setDeleting(null);
    }
  };

  const title = t('groups.title', 'Groups');
  const columns = [
    t('groups.table.name', 'Name'),
    t('groups.table.description', 'Description'),
    t('groups.table.members', 'Members'),
  ];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('groups.subtitle', 'Approver groups that template stages can name; a stage may ask for a number of approvals from a group.')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
              {t('groups.create', 'Create group')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {list.state === 'loading' && list.data === null ? (
          <Page.Loading />
        ) : groups.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={list.state === 'failed' ? t('groups.load-failed', 'The groups could not be loaded.') : t('groups.empty', 'No group yet.')}
          />
        ) : (
          <ListTable columns={[...columns, t('groups.table.actions', 'Actions')]} rowCount={groups.length}>
              {groups.map((group) => {
                const memberNames = group.members.map((member) => names[member] ?? member);
                return (
                  <Tr key={group.id} data-group-id={group.id}>
                    <Td>
                      <Typography fontWeight="semiBold" textColor="neutral800">
                        {group.name}
                      </Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography textColor="neutral800">{group.description ?? '—'}</Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Flex gap={2} title={memberNames.join(', ')}>
                        <Badge>{t('groups.members.count', '{count, plural, one {# member} other {# members}}', { count: group.members.length })}</Badge>
                        <Typography textColor="neutral600" ellipsis>
                          {memberNames.join(', ')}
                        </Typography>
                      </Flex>
                    </Td>
                    <Td>
                      {canManage ? (
                        <Flex gap={1} justifyContent="flex-end">
                          <IconButton label={t('groups.edit', 'Edit {name}', { name: group.name })} variant="ghost" onClick={() => setEditing(group)}>
                            <Pencil />
                          </IconButton>
                          <IconButton label={t('groups.delete', 'Delete {name}', { name: group.name })} variant="ghost" onClick={() => setDeleting(group)}>
                            <Trash />
                          </IconButton>
                        </Flex>
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </ListTable>
        )}
      </Layouts.Content>
      {editing ? (
        <GroupDialog
          group={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.refetch();
          }}
        />
      ) : null}
      <Dialog.Root open={deleting !== null} onOpenChange={(open) => (open ? undefined : setDeleting(null))}>
        <ConfirmDialog onConfirm={() => (deleting ? remove(deleting) : undefined)}>
          {t('groups.delete.confirm', 'Delete the group {name}? Templates cannot name it any more.', { name: deleting?.name ?? '' })}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};

export default GroupsPage;
