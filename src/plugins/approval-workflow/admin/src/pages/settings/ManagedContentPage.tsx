import * as React from 'react';

import {
  Badge,
  Box,
  Button,
  Dialog,
  EmptyStateLayout,
  Flex,
  IconButton,
  Link,
  SingleSelect,
  SingleSelectOption,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, isFetchError, useAPIErrorHandler, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';

import { ACTIONS, MANAGED_KINDS, type ManagedKind } from '../../../../shared/constants';
import type { ListManagedObjects, ManagedObjectView } from '../../../../shared/contracts/managed-objects';
import { operationLabel } from '../../components/labels';
import { useContentTypes, useGet, type ContentTypeInfo } from '../../services/api';
import { getTranslation } from '../../utils/translations';
import { useT, type T } from '../../utils/use-t';
import { managedListPath, useManagedPermissions, useManagedWrites, useTemplateOptions } from './managed/api';
import { ManagedDialog } from './managed/ManagedDialog';
import { templateName, type TemplateOption } from './managed/ManagedFields';
import { ListTable } from '../../components/ListTable';

interface ManagedQuery {
  kind?: string;
  uid?: string;
  page?: string;
  pageSize?: string;
}

const ANY = 'any';
const DEFAULT_PAGE_SIZE = 20;

const kindLabel = (t: T, kind: ManagedKind) => (kind === 'collection' ? t('managed.kind.collection', 'Collection') : t('managed.kind.entry', 'Entry'));

/** The content manager's edit view of an entry, inside the admin's router. */
const editViewRoute = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

const Row = ({
  object,
  contentTypes,
  templates,
  onEdit,
  onRemove,
}: {
  object: ManagedObjectView;
  contentTypes: Record<string, ContentTypeInfo>;
  templates: TemplateOption[] | null | undefined;
  onEdit: (() => void) | null;
  onRemove: (() => void) | null;
}) => {
  const t = useT();
  const typeName = (uid: string) => contentTypes[uid]?.info.displayName ?? uid;
  const template =
    object.templateId === null && object.inheritedFrom
      ? t('managed.template.parent', 'The parent’s template')
      : templateName(templates, object.templateId, t('managed.template.default', 'Default template'));
  return (
    <Tr data-managed-id={object.id}>
      <Td>
        <Badge>{kindLabel(t, object.kind)}</Badge>
      </Td>
      <Td>
        <Typography textColor="neutral800">{typeName(object.uid)}</Typography>
      </Td>
      <Td style={{ whiteSpace: 'normal' }}>
        {object.entryDocumentId ? (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Link tag={NavLink} to={editViewRoute(object.uid, object.entryDocumentId)}>
              {object.entryTitle ?? object.entryDocumentId}
            </Link>
            {object.inheritedFrom ? (
              <Typography variant="pi" textColor="neutral600">
                {t('managed.inherited', 'inherited from {parent}', { parent: object.inheritedFromTitle ?? object.inheritedFrom })}
              </Typography>
            ) : null}
          </Flex>
        ) : (
          <Typography textColor="neutral600">{t('managed.all-entries', 'All entries')}</Typography>
        )}
      </Td>
      <Td style={{ whiteSpace: 'normal' }}>
        <Typography textColor="neutral800">{object.operations.map((operation) => operationLabel(t, operation)).join(', ')}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{template}</Typography>
      </Td>
      <Td style={{ whiteSpace: 'normal' }}>
        <Typography textColor="neutral800">
          {object.childRelations.length
            ? object.childRelations.map((relation) => t('managed.relation', '{type} via {field}', { type: typeName(relation.uid), field: relation.field })).join(', ')
            : '—'}
        </Typography>
      </Td>
      {onEdit && onRemove ? (
        <Td>
          <Flex gap={1} justifyContent="flex-end">
            <IconButton label={t('managed.edit', 'Edit')} variant="ghost" onClick={onEdit}>
              <Pencil />
            </IconButton>
            <IconButton label={t('managed.remove', 'Remove')} variant="ghost" onClick={onRemove}>
              <Trash />
            </IconButton>
          </Flex>
        </Td>
      ) : null}
    </Tr>
  );
};

/** Asks before unmarking: the object's changes no longer need approval afterwards. */
const RemoveDialog = ({ object, name, onClose, onRemoved }: { object: ManagedObjectView; name: string; onClose: () => void; onRemoved: () => void }) => {
  const t = useT();
  const { unmark } = useManagedWrites();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const remove = async () => {
    try {
      await unmark(object.id);
      toggleNotification({ type: 'success', message: t('managed.removed', 'No longer managed: {name}', { name }) });
      onRemoved();
    } catch (error) {
      toggleNotification({ type: 'danger', message: isFetchError(error) ? formatAPIError(error) : t('managed.remove.failed', 'It could not be removed.') });
    }
    onClose();
  };
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Content>
        <Dialog.Header>{t('managed.remove.title', 'Remove from approval?')}</Dialog.Header>
        <Dialog.Body>
          <Typography textColor="neutral800">
            {object.kind === 'collection'
              ? t('managed.remove.collection', 'Changes to {name} will no longer need approval. Open requests stay open.', { name })
              : t('managed.remove.entry', 'Changes to the entry {name} will no longer need approval (unless its collection is managed). Open requests stay open.', { name })}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" fullWidth>
              {t('managed.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger-light" fullWidth onClick={remove}>
              {t('managed.remove', 'Remove')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

/**
 * Settings → Approval workflow → Managed content: the collections and entries whose changes need
 * approval, filtered by kind and content type (in the URL); admins who may manage them add
 * collections, change operations, templates and child relations, and remove them. Entries are
 * marked from their edit view in the content manager ("Manage approvals").
 */
const ManagedContentPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const [{ query }, setQuery] = useQueryParams<ManagedQuery>();
  const contentTypes = useContentTypes();
  const permissions = useManagedPermissions();
  const templates = useTemplateOptions(!permissions.isLoading && permissions.canReadTemplates);
  const [editing, setEditing] = React.useState<ManagedObjectView | 'new' | null>(null);
  const [removing, setRemoving] = React.useState<ManagedObjectView | null>(null);

  const kind = MANAGED_KINDS.find((value) => value === query.kind);
  const uid = query.uid || undefined;
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));
  const list = useGet<ListManagedObjects.Response>(managedListPath({ kind, uid, page, pageSize }));
  const collections = useGet<ListManagedObjects.Response>(managedListPath({ kind: 'collection', pageSize: 100 }));
  const refresh = () => {
    list.refetch();
    collections.refetch();
  };

  const failed = list.state === 'failed' ? list.error : null;
  React.useEffect(() => {
    if (failed === null) return;
    toggleNotification({ type: 'danger', message: isFetchError(failed) ? formatAPIError(failed) : t('managed.load-failed', 'The managed content could not be loaded.') });
  }, [failed, toggleNotification, formatAPIError, t]);

  const rows = Array.isArray(list.data?.data) ? list.data.data : [];
  const pagination = list.data?.meta?.pagination;
  const managedUids = new Set((collections.data?.data ?? []).map((object) => object.uid));
  const canManage = !permissions.isLoading && permissions.canManage;
  const nameOf = (object: ManagedObjectView) => object.entryTitle ?? contentTypes[object.uid]?.info.displayName ?? object.uid;
  const title = t('managed.title', 'Managed content');

  const columns = [
    t('managed.table.kind', 'Kind'),
    t('managed.table.content-type', 'Content type'),
    t('managed.table.entry', 'Entry'),
    t('managed.table.operations', 'Operations'),
    t('managed.table.template', 'Template'),
    t('managed.table.children', 'Child relations'),
    ...(canManage ? [t('managed.table.actions', 'Actions')] : []),
  ];

  const typeOptions = Object.values(contentTypes)
    .filter((type) => type.uid.startsWith('api::') && type.isDisplayed !== false)
    .sort((a, b) => a.info.displayName.localeCompare(b.info.displayName));

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('managed.subtitle', 'Changes to these collections and entries need approval. Mark single entries from their edit view: “Manage approvals” in the document menu.')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
              {t('managed.add.title', 'Add a collection')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex gap={2} paddingBottom={4} wrap="wrap">
          <Box minWidth="14rem">
            <SingleSelect
              aria-label={t('managed.filter.kind', 'Kind')}
              value={kind ?? ANY}
              onChange={(next) => setQuery({ kind: next === ANY ? undefined : String(next), page: '1' })}
            >
              <SingleSelectOption value={ANY}>{t('managed.filter.any-kind', 'Collections and entries')}</SingleSelectOption>
              {MANAGED_KINDS.map((value) => (
                <SingleSelectOption key={value} value={value}>
                  {kindLabel(t, value)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box minWidth="18rem">
            <SingleSelect
              aria-label={t('managed.filter.content-type', 'Content type')}
              value={uid ?? ANY}
              onChange={(next) => setQuery({ uid: next === ANY ? undefined : String(next), page: '1' })}
            >
              <SingleSelectOption value={ANY}>{t('managed.filter.any-content-type', 'Any content type')}</SingleSelectOption>
              {typeOptions.map((type) => (
                <SingleSelectOption key={type.uid} value={type.uid}>
                  {type.info.displayName}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
        </Flex>
        {list.state === 'loading' && list.data === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={
              list.state === 'failed'
                ? t('managed.load-failed', 'The managed content could not be loaded.')
                : kind || uid
                  ? t('managed.empty.filtered', 'Nothing managed matches these filters.')
                  : t('managed.empty', 'Nothing is managed yet: changes apply without approval.')
            }
          />
        ) : (
          <ListTable columns={columns} rowCount={rows.length} pagination={pagination} defaultPageSize={DEFAULT_PAGE_SIZE}>
                {rows.map((object) => (
                  <Row
                    key={object.id}
                    object={object}
                    contentTypes={contentTypes}
                    templates={templates}
                    onEdit={canManage ? () => setEditing(object) : null}
                    onRemove={canManage ? () => setRemoving(object) : null}
                  />
                ))}
              </ListTable>
        )}
      </Layouts.Content>
      {editing ? (
        <ManagedDialog
          object={editing === 'new' ? null : editing}
          contentTypes={contentTypes}
          managedUids={managedUids}
          templates={templates}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
      {removing ? <RemoveDialog object={removing} name={nameOf(removing)} onClose={() => setRemoving(null)} onRemoved={refresh} /> : null}
    </Page.Main>
  );
};

/** Only for admins holding the read action (the settings link is hidden for the others; the server checks it again). */
const ProtectedManagedContentPage = () => (
  <Page.Protect permissions={[{ action: ACTIONS.readManaged, subject: null }]}>
    <ManagedContentPage />
  </Page.Protect>
);

export default ProtectedManagedContentPage;
