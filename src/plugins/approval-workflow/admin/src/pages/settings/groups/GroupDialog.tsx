import * as React from 'react';

import { Button, Field, Flex, Modal, Textarea } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../../../../../shared/constants';
import type { CreateGroup, Group, GroupBody, UpdateGroup } from '../../../../../shared/contracts/groups';
import { DirectoryMultiPicker } from '../../../components/DirectoryPicker';
import { errorBodyOf, fieldErrorsOf } from '../../../utils/field-errors';
import { useT } from '../../../utils/use-t';

const isAdmin = (principal: string) => principal.startsWith('admin:');

interface Props {
  /** The group to edit; null to create one. */
  group: Group | null;
  onClose: () => void;
  onSaved: (group: Group) => void;
}

/** Create or edit a group: name, description, and its members (admin users and content-API users). */
export const GroupDialog = ({ group, onClose, onSaved }: Props) => {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [name, setName] = React.useState(group?.name ?? '');
  const [description, setDescription] = React.useState(group?.description ?? '');
  const [admins, setAdmins] = React.useState(() => (group?.members ?? []).filter(isAdmin));
  const [users, setUsers] = React.useState(() => (group?.members ?? []).filter((member) => !isAdmin(member)));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const body: GroupBody = { name, description: description.trim() ? description : null, members: [...admins, ...users] };
    try {
      const { data } = group
        ? await put<UpdateGroup.Response>(`/${PLUGIN_ID}/groups/${encodeURIComponent(group.id)}`, body)
        : await post<CreateGroup.Response>(`/${PLUGIN_ID}/groups`, body);
      toggleNotification({ type: 'success', message: t('groups.saved', 'Group saved') });
      onSaved(data.data);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) {
        toggleNotification({ type: 'danger', message: errorBodyOf(error)?.message ?? t('groups.save-failed', 'The group could not be saved.') });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <form onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>{group ? t('groups.edit.title', 'Edit group') : t('groups.create.title', 'Create a group')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Field.Root name="name" required error={errors.name}>
                <Field.Label>{t('groups.field.name', 'Name')}</Field.Label>
                <Field.Input value={name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="description"
                error={errors.description}
                hint={t('groups.field.description.hint', 'What the group is for, shown where templates name it.')}
              >
                <Field.Label>{t('groups.field.description', 'Description')}</Field.Label>
                <Textarea value={description} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setDescription(e.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <DirectoryMultiPicker
                kind="admin"
                name="admins"
                label={t('groups.field.admins', 'Admin users')}
                hint={t('groups.field.admins.hint', 'Type a name or an e-mail address to find an admin user.')}
                placeholder={t('groups.field.admins.placeholder', 'Add an admin user')}
                value={admins}
                onChange={setAdmins}
                error={errors.members}
              />
              <DirectoryMultiPicker
                kind="user"
                name="users"
                label={t('groups.field.users', 'Content-API users')}
                hint={t('groups.field.users.hint', 'Users of the Users & Permissions plugin, who decide over the REST or GraphQL API.')}
                placeholder={t('groups.field.users.placeholder', 'Add a content-API user')}
                value={users}
                onChange={setUsers}
              />
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                {t('groups.cancel', 'Cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {t('groups.save', 'Save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
