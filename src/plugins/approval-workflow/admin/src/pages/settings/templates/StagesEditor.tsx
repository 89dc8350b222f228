import * as React from 'react';

import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Drag, Plus, Trash } from '@strapi/icons';

import type { DirectoryKind } from '../../../../../shared/contracts/directory';
import { EXPIRY_ACTIONS, type ExpiryAction } from '../../../../../shared/vocabulary';
import { DirectoryPicker } from '../../../components/DirectoryPicker';
import { useT, type T } from '../../../utils/use-t';
import { TIME_UNITS, move, newObligation, newStage, type FormErrors, type ObligationForm, type StageForm, type TimeUnit } from './form';

const OBLIGATION_KINDS: DirectoryKind[] = ['admin', 'user', 'role', 'group'];
const NO_LIMIT = 'none';

const kindLabel = (t: T, kind: DirectoryKind) =>
  ({
    admin: t('templates.obligation.kind.admin', 'Admin user'),
    user: t('templates.obligation.kind.user', 'Content-API user'),
    role: t('templates.obligation.kind.role', 'Admin role'),
    group: t('templates.obligation.kind.group', 'Group'),
  })[kind];

const unitLabel = (t: T, unit: TimeUnit) =>
  ({
    minutes: t('templates.stage.unit.minutes', 'minutes'),
    hours: t('templates.stage.unit.hours', 'hours'),
    days: t('templates.stage.unit.days', 'days'),
  })[unit];

export const expiryLabel = (t: T, action: ExpiryAction) =>
  action === 'approve'
    ? t('templates.stage.expiry.approve', 'Approve automatically')
    : t('templates.stage.expiry.deny', 'Deny: close the request as expired');

interface ObligationProps {
  value: ObligationForm;
  at: string;
  errors: FormErrors;
  readOnly: boolean;
  exclude: string[];
  canRemove: boolean;
  onChange: (next: ObligationForm) => void;
  onRemove: () => void;
}

const ObligationRow = ({ value, at, errors, readOnly, exclude, canRemove, onChange, onRemove }: ObligationProps) => {
  const t = useT();
  const grouped = value.kind === 'role' || value.kind === 'group';
  return (
    <Grid.Root gap={3} data-obligation={at}>
      <Grid.Item col={3} s={12} alignItems="flex-start">
        <Field.Root name={`${at}.kind`} width="100%">
          <Field.Label>{t('templates.obligation.kind', 'Kind')}</Field.Label>
          <SingleSelect
            value={value.kind}
            disabled={readOnly}
            onChange={(kind) => onChange({ key: value.key, kind: kind as DirectoryKind, ref: null })}
          >
            {OBLIGATION_KINDS.map((kind) => (
              <SingleSelectOption key={kind} value={kind}>
                {kindLabel(t, kind)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={grouped ? 5 : 8} s={12} alignItems="flex-start">
        <Box width="100%">
          <DirectoryPicker
            key={value.kind}
            kind={value.kind}
            name={`${at}.ref`}
            label={kindLabel(t, value.kind)}
            value={value.ref}
            exclude={exclude}
            disabled={readOnly}
            error={errors[`${at}.ref`]}
            placeholder={t('templates.obligation.search', 'Search by name or e-mail')}
            onChange={(ref) => onChange({ ...value, ref })}
          />
        </Box>
      </Grid.Item>
      {grouped ? (
        <Grid.Item col={3} s={10} alignItems="flex-start">
          <Field.Root
            name={`${at}.minApprovals`}
            width="100%"
            error={errors[`${at}.minApprovals`]}
            hint={t('templates.obligation.min.hint', 'Members who must approve; empty = one. Reduced to the member count.')}
          >
            <Field.Label>{t('templates.obligation.min', 'Minimum approvals')}</Field.Label>
            <NumberInput
              value={value.minApprovals}
              disabled={readOnly}
              onValueChange={(minApprovals) => onChange({ ...value, minApprovals })}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      ) : null}
      <Grid.Item col={1} s={2} alignItems="flex-start">
        {readOnly ? null : (
          <Box paddingTop={6}>
            <IconButton type="button" label={t('templates.obligation.remove', 'Remove this obligation')} disabled={!canRemove} onClick={onRemove}>
              <Trash />
            </IconButton>
          </Box>
        )}
      </Grid.Item>
    </Grid.Root>
  );
};

interface StageProps {
  stage: StageForm;
  index: number;
  count: number;
  errors: FormErrors;
  readOnly: boolean;
  dragging: boolean;
  onChange: (next: StageForm) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
}

const StageCard = ({ stage, index, count, errors, readOnly, dragging, onChange, onMove, onRemove, onDragStart, onDragEnd, onDrop }: StageProps) => {
  const t = useT();
  const at = `stages.${index}`;
  const [over, setOver] = React.useState(false);
  const cardRef = React.useRef<HTMLDivElement>(null);
  const set = (patch: Partial<StageForm>) => onChange({ ...stage, ...patch });
  const setObligation = (o: number, next: ObligationForm) => set({ obligations: stage.obligations.map((item, i) => (i === o ? next : item)) });
  const title = stage.name.trim() || t('templates.stage.untitled', 'Untitled stage');

  return (
    <div
      ref={cardRef}
      data-stage={index}
      aria-label={t('templates.stage.label', 'Stage {number}: {name}', { number: index + 1, name: title })}
      role="group"
      onDragOver={(event) => {
        if (readOnly) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        onDrop();
      }}
    >
      <Box
        background="neutral0"
        hasRadius
        shadow="tableShadow"
        padding={5}
        borderStyle="solid"
        borderWidth="1px"
        borderColor={over ? 'primary600' : 'neutral150'}
        style={{ opacity: dragging ? 0.5 : 1 }}
      >
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex justifyContent="space-between" gap={2}>
            <Flex gap={2}>
              {readOnly ? null : (
                <span
                  draggable
                  data-drag-handle={index}
                  title={t('templates.stage.drag', 'Drag to reorder')}
                  style={{ cursor: 'grab', display: 'inline-flex' }}
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', String(index));
                    if (cardRef.current) event.dataTransfer.setDragImage(cardRef.current, 16, 16);
                    // Chromium ends a drag whose source re-renders inside dragstart: mark it dragged afterwards.
                    window.setTimeout(onDragStart, 0);
                  }}
                  onDragEnd={onDragEnd}
                >
                  <Drag aria-hidden />
                </span>
              )}
              <Typography variant="delta" tag="h3">
                {t('templates.stage.title', 'Stage {number}', { number: index + 1 })}
              </Typography>
            </Flex>
            {readOnly ? null : (
              <Flex gap={1}>
                <IconButton type="button" label={t('templates.stage.up', 'Move up')} disabled={index === 0} onClick={() => onMove(index - 1)}>
                  <ArrowUp />
                </IconButton>
                <IconButton type="button" label={t('templates.stage.down', 'Move down')} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
                  <ArrowDown />
                </IconButton>
                <IconButton type="button" label={t('templates.stage.remove', 'Remove this stage')} disabled={count === 1} onClick={onRemove}>
                  <Trash />
                </IconButton>
              </Flex>
            )}
          </Flex>

          <Field.Root name={`${at}.name`} required error={errors[`${at}.name`]}>
            <Field.Label>{t('templates.stage.name', 'Stage name')}</Field.Label>
            <TextInput value={stage.name} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ name: e.target.value })} />
            <Field.Error />
          </Field.Root>

          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="sigma" textColor="neutral600" tag="h4">
              {t('templates.stage.obligations', 'Obligations')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('templates.stage.obligations.hint', 'Who must approve: users, or every member of an admin role or group (a group may demand a minimum).')}
            </Typography>
            {stage.obligations.map((obligation, o) => (
              <ObligationRow
                key={obligation.key}
                value={obligation}
                at={`${at}.obligations.${o}`}
                errors={errors}
                readOnly={readOnly}
                canRemove={stage.obligations.length > 1}
                exclude={stage.obligations.flatMap((other) => (other !== obligation && other.kind === obligation.kind && other.ref ? [other.ref] : []))}
                onChange={(next) => setObligation(o, next)}
                onRemove={() => set({ obligations: stage.obligations.filter((_, i) => i !== o) })}
              />
            ))}
            {errors[`${at}.obligations`] ? (
              <Typography variant="pi" textColor="danger600" data-error-for={`${at}.obligations`}>
                {errors[`${at}.obligations`]}
              </Typography>
            ) : null}
            {readOnly ? null : (
              <Box>
                <Button type="button"
                  variant="tertiary"
                  startIcon={<Plus />}
                  onClick={() => set({ obligations: [...stage.obligations, newObligation()] })}
                >
                  {t('templates.obligation.add', 'Add an obligation')}
                </Button>
              </Box>
            )}
          </Flex>

          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} alignItems="flex-start">
              <Field.Root
                name={`${at}.criteria`}
                width="100%"
                error={errors[`${at}.criteria`]}
                hint={t('templates.stage.criteria.hint', 'N approvals close the stage; 0 = all; when larger than the number of obligations it is reduced to it.')}
              >
                <Field.Label>{t('templates.stage.criteria', 'Fulfillment criteria')}</Field.Label>
                <NumberInput value={stage.criteria} disabled={readOnly} onValueChange={(criteria) => set({ criteria })} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} alignItems="flex-start">
              <Flex gap={2} alignItems="flex-start" width="100%">
                <Field.Root
                  name={`${at}.timeSpan`}
                  style={{ flex: 1 }}
                  error={errors[`${at}.timeSpan`]}
                  hint={t('templates.stage.time-span.hint', 'From the moment the stage starts; empty = no time limit.')}
                >
                  <Field.Label>{t('templates.stage.time-span', 'Time span')}</Field.Label>
                  <NumberInput value={stage.timeSpan} disabled={readOnly} onValueChange={(timeSpan) => set({ timeSpan })} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
                <Field.Root name={`${at}.timeUnit`} style={{ minWidth: '10rem' }}>
                  <Field.Label>{t('templates.stage.unit', 'Unit')}</Field.Label>
                  <SingleSelect value={stage.timeUnit} disabled={readOnly} onChange={(unit) => set({ timeUnit: unit as TimeUnit })}>
                    {(Object.keys(TIME_UNITS) as TimeUnit[]).map((unit) => (
                      <SingleSelectOption key={unit} value={unit}>
                        {unitLabel(t, unit)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Flex>
            </Grid.Item>
            <Grid.Item col={4} s={12} alignItems="flex-start">
              <Field.Root
                name={`${at}.onExpiry`}
                width="100%"
                hint={
                  stage.timeSpan === undefined
                    ? t('templates.stage.expiry.none', 'Without a time span the stage never expires.')
                    : t('templates.stage.expiry.hint', 'What happens when the time span runs out before the stage is fulfilled.')
                }
              >
                <Field.Label>{t('templates.stage.expiry', 'When the time runs out')}</Field.Label>
                <SingleSelect
                  value={stage.timeSpan === undefined ? NO_LIMIT : stage.onExpiry}
                  disabled={readOnly || stage.timeSpan === undefined}
                  onChange={(action) => set({ onExpiry: action as ExpiryAction })}
                >
                  {stage.timeSpan === undefined ? (
                    <SingleSelectOption value={NO_LIMIT}>{t('templates.stage.expiry.never', 'Nothing (no time limit)')}</SingleSelectOption>
                  ) : null}
                  {EXPIRY_ACTIONS.map((action) => (
                    <SingleSelectOption key={action} value={action}>
                      {expiryLabel(t, action)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Box>
    </div>
  );
};

interface StagesEditorProps {
  stages: StageForm[];
  errors: FormErrors;
  readOnly: boolean;
  onChange: (stages: StageForm[]) => void;
}

/**
 * The ordered stages of a template: each a card; reordered by dragging its handle (native HTML5
 * drag and drop) or with its Move up / Move down buttons (keyboard), added and removed.
 */
export const StagesEditor = ({ stages, errors, readOnly, onChange }: StagesEditorProps) => {
  const t = useT();
  const [dragged, setDragged] = React.useState<number | null>(null);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {stages.map((stage, index) => (
        <StageCard
          key={stage.key}
          stage={stage}
          index={index}
          count={stages.length}
          errors={errors}
          readOnly={readOnly}
          dragging={dragged === index}
          onChange={(next) => onChange(stages.map((item, i) => (i === index ? next : item)))}
          onMove={(to) => onChange(move(stages, index, to))}
          onRemove={() => onChange(stages.filter((_, i) => i !== index))}
          onDragStart={() => setDragged(index)}
          onDragEnd={() => setDragged(null)}
          onDrop={() => {
            if (dragged !== null) onChange(move(stages, dragged, index));
            setDragged(null);
          }}
        />
      ))}
      {errors.stages ? (
        <Typography variant="pi" textColor="danger600" data-error-for="stages">
          {errors.stages}
        </Typography>
      ) : null}
      {readOnly ? null : (
        <Box>
          <Button type="button" variant="secondary" startIcon={<Plus />} onClick={() => onChange([...stages, newStage()])}>
            {t('templates.stage.add', 'Add a stage')}
          </Button>
        </Box>
      )}
    </Flex>
  );
};
