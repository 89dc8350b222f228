import { Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';

import type { ManagedKind } from '../../../../../shared/constants';
import type { ChildRelation, ChildRelationCandidate } from '../../../../../shared/contracts/managed-objects';
import { operationsFor } from '../../../../../shared/managed-operations';
import type { Operation } from '../../../../../shared/vocabulary';
import { operationLabel } from '../../../components/labels';
import { useT } from '../../../utils/use-t';

/** A template the selects offer. */
export interface TemplateOption {
  id: string;
  name: string;
}

/** What the dialogs edit of a managed object. */
export interface ManagedValues {
  operations: Operation[];
  templateId: string | null;
  childRelations: ChildRelation[];
}

/** The select's value for "no template of its own": the default template applies. */
const DEFAULT = 'default';

const sameRelation = (a: ChildRelation) => (b: ChildRelation) => a.uid === b.uid && a.field === b.field;

/** A template's name; the id when the admin cannot read templates or it is gone; nothing while they load. */
export const templateName = (templates: TemplateOption[] | null | undefined, id: string | null, defaultLabel: string) => {
  if (id === null) return defaultLabel;
  if (templates === undefined) return '…';
  return templates?.find((template) => template.id === id)?.name ?? id;
};

/**
 * The fields of a managed object: the operations it guards (only those the server accepts for this
 * kind and type), its template, and for an entry its child relations. Server messages stand under their field.
 */
export const ManagedFields = ({
  kind,
  draftAndPublish,
  values,
  onChange,
  errors,
  templates,
  candidates,
  disabled = false,
}: {
  kind: ManagedKind;
  draftAndPublish: boolean;
  values: ManagedValues;
  onChange: (values: ManagedValues) => void;
  errors: Record<string, string>;
  /** Undefined while they load, null when the admin may not read them. */
  templates: TemplateOption[] | null | undefined;
  /** The relations an entry may name as child relations; undefined for a collection. */
  candidates?: ChildRelationCandidate[];
  disabled?: boolean;
}) => {
  const t = useT();
  const set = (next: Partial<ManagedValues>) => onChange({ ...values, ...next });
  const defaultLabel = t('managed.template.default', 'Default template');
  const toggleOperation = (operation: Operation, on: boolean) =>
    set({ operations: on ? [...values.operations, operation] : values.operations.filter((op) => op !== operation) });
  const toggleRelation = (relation: ChildRelation, on: boolean) =>
    set({
      childRelations: on
        ? [...values.childRelations, { uid: relation.uid, field: relation.field }]
        : values.childRelations.filter((r) => !sameRelation(relation)(r)),
    });

  return (
    <Flex direction="column" alignItems="stretch" gap={5}>
      <Field.Root name="operations" error={errors.operations}>
        <Field.Label>{t('managed.field.operations', 'Operations that need approval')}</Field.Label>
        <Flex gap={4} wrap="wrap" paddingTop={1}>
          {operationsFor(kind, draftAndPublish).map((operation) => (
            <Checkbox
              key={operation}
              name={`operation-${operation}`}
              disabled={disabled}
              checked={values.operations.includes(operation)}
              onCheckedChange={(checked) => toggleOperation(operation, checked === true)}
            >
              {operationLabel(t, operation)}
            </Checkbox>
          ))}
        </Flex>
        <Field.Error />
      </Field.Root>
      <Field.Root
        name="templateId"
        error={errors.templateId}
        hint={t('managed.field.template.hint', 'The approval rule of requests on this content. The default template applies when none is chosen.')}
      >
        <Field.Label>{t('managed.field.template', 'Template')}</Field.Label>
        {templates !== null ? (
          <SingleSelect
            disabled={disabled || templates === undefined}
            value={values.templateId ?? DEFAULT}
            onChange={(next) => set({ templateId: next === DEFAULT ? null : String(next) })}
          >
            <SingleSelectOption value={DEFAULT}>{defaultLabel}</SingleSelectOption>
            {(templates ?? []).map((template) => (
              <SingleSelectOption key={template.id} value={template.id}>
                {template.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        ) : (
          <Typography textColor="neutral800">{templateName(templates, values.templateId, defaultLabel)}</Typography>
        )}
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      {candidates ? (
        <Field.Root
          name="childRelations"
          error={errors.childRelations}
          hint={t('managed.field.children.hint', 'Entries created later through these relations become managed too, with this template. Existing ones are not changed.')}
        >
          <Field.Label>{t('managed.field.children', 'Child relations')}</Field.Label>
          {candidates.length ? (
            <Flex direction="column" alignItems="flex-start" gap={2} paddingTop={1}>
              {candidates.map((candidate) => (
                <Checkbox
                  key={`${candidate.uid}.${candidate.field}`}
                  name={`child-${candidate.uid}.${candidate.field}`}
                  disabled={disabled}
                  checked={values.childRelations.some(sameRelation(candidate))}
                  onCheckedChange={(checked) => toggleRelation(candidate, checked === true)}
                >
                  {t('managed.relation', '{type} via {field}', { type: candidate.label, field: candidate.field })}
                </Checkbox>
              ))}
            </Flex>
          ) : (
            <Typography textColor="neutral600">{t('managed.field.children.none', 'No other content type has a to-one relation to this one.')}</Typography>
          )}
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      ) : null}
    </Flex>
  );
};
