import * as React from 'react';

import { Badge, Box, Checkbox, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';

import type { DirectoryKind } from '../../../../../shared/contracts/directory';
import type { MailSwitches } from '../../../../../shared/contracts/settings';
import { NOTIFY_REASONS, type NotifyReason } from '../../../../../shared/vocabulary';
import { DirectoryMultiPicker, useDirectoryEntries } from '../../../components/DirectoryPicker';
import { useT } from '../../../utils/use-t';
import { DURATION_UNITS, durationOf, minutesOf, type DurationUnit } from './duration';

const NEVER = 'never';

/** One titled block of the settings form (approvers, urgent mode, timing, e-mail, templates). */
export const SettingsSection = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

interface DurationProps {
  name: string;
  label: string;
  hint: string;
  error?: string;
  /** Minutes, or null for "never" when `allowNever`. */
  value: number | null;
  onChange: (minutes: number | null) => void;
  allowNever?: boolean;
  disabled?: boolean;
}

/** A duration setting as a number and a unit (minutes, hours, days), or "never" where that is allowed. */
export const DurationField = ({ name, label, hint, error, value, onChange, allowNever = false, disabled }: DurationProps) => {
  const t = useT();
  const [unit, setUnit] = React.useState<DurationUnit>(() => (value === null ? 'hours' : durationOf(value).unit));
  const amount = value === null ? undefined : value / DURATION_UNITS[unit];
  const unitLabels: Record<DurationUnit, string> = {
    minutes: t('general.unit.minutes', 'minutes'),
    hours: t('general.unit.hours', 'hours'),
    days: t('general.unit.days', 'days'),
  };
  return (
    <Field.Root name={name} hint={hint} error={error}>
      <Field.Label>{label}</Field.Label>
      <Flex gap={2} alignItems="flex-start">
        {value === null ? null : (
          <Box width="12rem">
            <NumberInput
              aria-label={t('general.duration.amount', '{label}: amount', { label })}
              value={amount}
              disabled={disabled}
              onValueChange={(next?: number) => onChange(next === undefined ? 0 : minutesOf({ amount: next, unit }))}
            />
          </Box>
        )}
        <Box width="12rem">
          <SingleSelect
            aria-label={t('general.duration.unit', '{label}: unit', { label })}
            value={value === null ? NEVER : unit}
            disabled={disabled}
            onChange={(next) => {
              if (next === NEVER) return onChange(null);
              const nextUnit = next as DurationUnit;
              setUnit(nextUnit);
              // The amount stays as typed: "2 hours" becomes "2 days".
              onChange(minutesOf({ amount: value === null ? 1 : (amount ?? 1), unit: nextUnit }));
            }}
          >
            {(Object.keys(DURATION_UNITS) as DurationUnit[]).map((key) => (
              <SingleSelectOption key={key} value={key}>
                {unitLabels[key]}
              </SingleSelectOption>
            ))}
            {allowNever ? <SingleSelectOption value={NEVER}>{t('general.duration.never', 'never')}</SingleSelectOption> : null}
          </SingleSelect>
        </Box>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

interface ChosenProps {
  kind: DirectoryKind;
  name: string;
  label: string;
  hint: string;
  placeholder: string;
  error?: string;
  value: string[];
  onChange: (refs: string[]) => void;
  readOnly: boolean;
}

/** Several directory entries: the picker for those who may edit, their names as tags for the others. */
export const DirectoryField = ({ kind, name, label, hint, placeholder, error, value, onChange, readOnly }: ChosenProps) => {
  const entries = useDirectoryEntries(kind, readOnly ? value : []);
  if (!readOnly) return (
      <DirectoryMultiPicker kind={kind} name={name} label={label} hint={hint} placeholder={placeholder} error={error} value={value} onChange={onChange} />
    );
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Flex gap={2} wrap="wrap" tag="ul" aria-label={label}>
        {value.map((ref) => (
          <li key={ref}>
            <Badge>{entries[ref]?.name ?? ref}</Badge>
          </li>
        ))}
      </Flex>
      <Field.Hint />
    </Field.Root>
  );
};

/**
 * One switch per kind of mail the plugin sends (the outbox records a switched-off kind as
 * `skipped`), each saying who gets it and when.
 */
export const MailSwitchesField = ({
  value,
  onChange,
  error,
  disabled,
}: {
  value: MailSwitches;
  onChange: (mail: MailSwitches) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const t = useT();
  const labels: Record<NotifyReason, string> = {
    'request-opened': t('general.mail.request-opened', 'New request: to the approvers of its first stage'),
    'stage-started': t('general.mail.stage-started', 'Next stage: to its approvers when the stage before it closes'),
    delegated: t('general.mail.delegated', 'Delegation: to the delegate'),
    decided: t('general.mail.decided', 'Outcome (approved, declined, failed, expired, cancelled): to the requester'),
    reminder: t('general.mail.reminder', 'Reminders: to approvers still awaited, once per reminder interval'),
    escalation: t('general.mail.escalation', 'Escalation: to the approval admins'),
    'urgent-applied': t('general.mail.urgent-applied', 'Urgent change applied: to its approvers and the approval admins'),
  };
  return (
    <Field.Root
      name="mail"
      error={error}
      hint={t('general.mail.hint', 'Mails go out through Strapi\'s e-mail plugin (SMTP from the environment); without SMTP they are written to the server log.')}
    >
      <Field.Label>{t('general.mail', 'Send these e-mails')}</Field.Label>
      <Flex direction="column" alignItems="flex-start" gap={2}>
        {NOTIFY_REASONS.map((reason) => (
          <Checkbox
            key={reason}
            name={`mail.${reason}`}
            checked={value[reason]}
            disabled={disabled}
            onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ ...value, [reason]: checked === true })}
          >
            {labels[reason]}
          </Checkbox>
        ))}
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
