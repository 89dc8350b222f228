import * as React from 'react';

import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption } from '@strapi/design-system';

import type { ManagedObjectView } from '../../../../../shared/contracts/managed-objects';
import { operationsFor } from '../../../../../shared/managed-operations';
import type { ContentTypeInfo } from '../../../services/api';
import { useT } from '../../../utils/use-t';
import { useChildRelationCandidates, useManagedWrites } from './api';
import { ManagedFields, type ManagedValues, type TemplateOption } from './ManagedFields';
import { useManagedSave } from './useManagedSave';

const valuesOf = (object: ManagedObjectView): ManagedValues => ({
  operations: object.operations,
  templateId: object.templateId,
  childRelations: object.childRelations,
});

/**
 * Adds a collection (`object` null: its type picked among the content manager's collection types
 * not managed yet, every operation checked) or changes a managed object's operations, template and,
 * for an entry, child relations.
 */
export const ManagedDialog = ({
  object,
  contentTypes,
  managedUids,
  templates,
  onClose,
  onSaved,
}: {
  object: ManagedObjectView | null;
  contentTypes: Record<string, ContentTypeInfo>;
  /** The types managed as collections already (not offered again). */
  managedUids: Set<string>;
  templates: TemplateOption[] | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const t = useT();
  const writes = useManagedWrites();
  const [uid, setUid] = React.useState<string | null>(object?.uid ?? null);
  const [values, setValues] = React.useState<ManagedValues>(object ? valuesOf(object) : { operations: [], templateId: null, childRelations: [] });
  const [busy, setBusy] = React.useState(false);
  const { save, errors, dialog } = useManagedSave(() => {
    onSaved();
    onClose();
  });
  const entry = object?.kind === 'entry';
  const candidates = useChildRelationCandidates(entry ? object.uid : null);
  const draftAndPublish = Boolean(uid && contentTypes[uid]?.options?.draftAndPublish);
  const choices = Object.values(contentTypes)
    .filter((type) => type.kind === 'collectionType' && type.isDisplayed !== false && type.uid.startsWith('api::') && !managedUids.has(type.uid))
    .sort((a, b) => a.info.displayName.localeCompare(b.info.displayName));

  const pickType = (next: string) => {
    setUid(next);
    setValues((current) => ({ ...current, operations: operationsFor('collection', Boolean(contentTypes[next]?.options?.draftAndPublish)) }));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!uid) return;
    setBusy(true);
    try {
      await save((password) =>
        object
          ? writes.update(object.id, { operations: values.operations, templateId: values.templateId, ...(entry ? { childRelations: values.childRelations } : {}), ...(password ? { password } : {}) })
          : writes.mark({ kind: 'collection', uid, operations: values.operations, templateId: values.templateId })
      );
    } finally {
      setBusy(false);
    }
  };

  const title = object
    ? t('managed.edit.title', 'Edit {name}', { name: object.entryTitle ?? contentTypes[object.uid]?.info.displayName ?? object.uid })
    : t('managed.add.title', 'Add a collection');

  return (
    <>
      <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
        <Modal.Content>
          <form onSubmit={submit}>
            <Modal.Header>
              <Modal.Title>{title}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={5}>
                {object ? null : (
                  <Field.Root name="uid" required error={errors.uid}>
                    <Field.Label>{t('managed.field.collection', 'Collection type')}</Field.Label>
                    <SingleSelect value={uid ?? undefined} placeholder={t('managed.field.collection.pick', 'Choose a collection type')} onChange={(next) => pickType(String(next))}>
                      {choices.map((type) => (
                        <SingleSelectOption key={type.uid} value={type.uid}>
                          {type.info.displayName}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                )}
                {uid ? (
                  <ManagedFields
                    kind={object?.kind ?? 'collection'}
                    draftAndPublish={draftAndPublish}
                    values={values}
                    onChange={setValues}
                    errors={errors}
                    templates={templates}
                    candidates={entry ? (candidates.data?.data ?? []) : undefined}
                  />
                ) : null}
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary" type="button">
                  {t('managed.cancel', 'Cancel')}
                </Button>
              </Modal.Close>
              <Button type="submit" loading={busy} disabled={!uid || busy}>
                {object ? t('managed.save', 'Save') : t('managed.add', 'Add')}
              </Button>
            </Modal.Footer>
          </form>
        </Modal.Content>
      </Modal.Root>
      {dialog}
    </>
  );
};
