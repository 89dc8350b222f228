import * as React from 'react';

import type { DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { CheckCircle } from '@strapi/icons';
import { unstable_useContentManagerContext, useRBAC } from '@strapi/strapi/admin';

import { ACTIONS } from '../../../shared/constants';
import type { ListManagedObjects, ManagedObjectView } from '../../../shared/contracts/managed-objects';
import { operationsFor } from '../../../shared/managed-operations';
import { operationLabel } from '../components/labels';
import { managedListPath, useChildRelationCandidates, useManagedPermissions, useManagedWrites, useTemplateOptions } from '../pages/settings/managed/api';
import { ManagedFields, templateName, type ManagedValues } from '../pages/settings/managed/ManagedFields';
import { useManagedSave } from '../pages/settings/managed/useManagedSave';
import { useGet } from '../services/api';
import { useT } from '../utils/use-t';
import { useRefreshApprovalData } from './data';

const COLLECTION_TYPES = 'collection-types';
const READ_MANAGED = [{ action: ACTIONS.readManaged, subject: null }];

/**
 * The dialog behind "Manage approvals": whether this entry is managed (itself, as the child of a
 * managed parent, or through its collection), and, for admins who may manage, marking it with its
 * operations, template and child relations, changing that, or unmarking it.
 */
const ManageApprovalsDialog = ({ onClose }: { onClose: () => void }) => {
  const t = useT();
  const { model, id: documentId, contentType } = unstable_useContentManagerContext();
  const permissions = useManagedPermissions();
  const canManage = !permissions.isLoading && permissions.canManage;
  const templates = useTemplateOptions(!permissions.isLoading && permissions.canReadTemplates);
  const entryList = useGet<ListManagedObjects.Response>(documentId ? managedListPath({ uid: model, kind: 'entry', documentId }) : null);
  const collectionList = useGet<ListManagedObjects.Response>(managedListPath({ uid: model, kind: 'collection' }));
  const candidates = useChildRelationCandidates(model);
  const writes = useManagedWrites();
  const refreshApprovalData = useRefreshApprovalData();
  const [busy, setBusy] = React.useState(false);
  const { save, errors, dialog } = useManagedSave(() => {
    refreshApprovalData();
    onClose();
  });

  const draftAndPublish = Boolean(contentType?.options?.draftAndPublish);
  const entry: ManagedObjectView | null = entryList.data?.data?.[0] ?? null;
  const collection: ManagedObjectView | null = collectionList.data?.data?.[0] ?? null;
  const loaded = entryList.state === 'loaded' && collectionList.state === 'loaded';
  const [values, setValues] = React.useState<ManagedValues | null>(null);
  React.useEffect(() => {
    if (!loaded || values) return;
    setValues(
      entry
        ? { operations: entry.operations, templateId: entry.templateId, childRelations: entry.childRelations }
        : { operations: operationsFor('entry', draftAndPublish), templateId: null, childRelations: [] }
    );
  }, [loaded, values, entry, draftAndPublish]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const submit = () =>
    run(() =>
      save((password) =>
        entry
          ? writes.update(entry.id, { ...(values as ManagedValues), ...(password ? { password } : {}) })
          : writes.mark({ kind: 'entry', uid: model, documentId: documentId as string, ...(values as ManagedValues) })
      )
    );
  const unmark = () => run(() => (entry ? save(() => writes.unmark(entry.id)) : Promise.resolve()));

  const defaultLabel = t('managed.template.default', 'Default template');
  const status = entry
    ? entry.inheritedFrom
      ? t('managed.cm.inherited', 'This entry is managed: it was created under {parent}, a managed entry, and follows its template unless it has one of its own.', {
          parent: entry.inheritedFromTitle ?? entry.inheritedFrom,
        })
      : t('managed.cm.entry', 'This entry is managed: its changes need approval.')
    : collection
      ? t('managed.cm.collection', 'This entry is managed through its collection ({operations}; {template}). Marking it gives it settings of its own.', {
          operations: collection.operations.map((op) => operationLabel(t, op)).join(', '),
          template: templateName(templates, collection.templateId, defaultLabel),
        })
      : t('managed.cm.none', 'This entry is not managed: its changes apply without approval.');

  return (
    <>
      <Modal.Body>
        {!loaded || !values ? (
          <Typography textColor="neutral600">{t('managed.cm.loading', 'Loading…')}</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={5}>
            <Box background={entry || collection ? 'success100' : 'neutral100'} padding={3} hasRadius>
              <Typography data-testid="managed-status" textColor="neutral800">
                {status}
              </Typography>
            </Box>
            <ManagedFields
              kind="entry"
              draftAndPublish={draftAndPublish}
              values={values}
              onChange={setValues}
              errors={errors}
              templates={templates}
              candidates={candidates.data?.data ?? []}
              disabled={!canManage}
            />
          </Flex>
        )}
      </Modal.Body>
      <Modal.Footer>
        <Modal.Close>
          <Button variant="tertiary">{t('managed.cancel', 'Cancel')}</Button>
        </Modal.Close>
        {canManage && loaded && values ? (
          <Flex gap={2}>
            {entry ? (
              <Button variant="danger-light" onClick={unmark} disabled={busy}>
                {t('managed.cm.unmark', 'Stop managing')}
              </Button>
            ) : null}
            <Button onClick={submit} loading={busy}>
              {entry ? t('managed.save', 'Save') : t('managed.cm.mark', 'Manage this entry')}
            </Button>
          </Flex>
        ) : null}
      </Modal.Footer>
      {dialog}
    </>
  );
};

/**
 * "Manage approvals" in the document's menu of the edit view (header position), for a saved entry
 * of a collection type, shown to admins who may read managed objects (writing needs the manage action).
 */
export const ManageApprovalsAction: DocumentActionComponent = ({ collectionType, documentId }) => {
  const t = useT();
  const { allowedActions, isLoading } = useRBAC(READ_MANAGED);
  if (collectionType !== COLLECTION_TYPES || !documentId || isLoading || !allowedActions.canRead) return null;
  return {
    label: t('managed.cm.action', 'Manage approvals'),
    icon: <CheckCircle />,
    position: 'header',
    dialog: { type: 'modal', title: t('managed.cm.title', 'Manage approvals'), content: ManageApprovalsDialog },
  };
};
ManageApprovalsAction.position = 'header';
