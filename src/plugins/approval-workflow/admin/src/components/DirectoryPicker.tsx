import * as React from 'react';

import { Box, Combobox, ComboboxOption, Field, Flex, Tag } from '@strapi/design-system';
import { Cross } from '@strapi/icons';

import type { DirectoryEntry, DirectoryKind, SearchDirectory } from '../../../shared/contracts/directory';
import { directoryPath, useGet } from '../services/api';
import { useT } from '../utils/use-t';

const DEBOUNCE_MS = 250;

/** `text`, once typing pauses. */
const useDebounced = (text: string) => {
  const [settled, setSettled] = React.useState(text);
  React.useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return settled;
};

/** The directory entries of these refs (the names of what is already chosen), by ref. */
export const useDirectoryEntries = (kind: DirectoryKind, refs: string[]): Record<string, DirectoryEntry> => {
  const key = [...new Set(refs)].sort().join(',');
  const { data } = useGet<SearchDirectory.Response>(key ? directoryPath({ kind, refs: key, pageSize: 100 }) : null);
  return React.useMemo(() => Object.fromEntries((key ? (data?.data ?? []) : []).map((entry) => [entry.ref, entry])), [data, key]);
};

const optionText = (entry: DirectoryEntry) => (entry.detail && entry.kind !== 'role' && entry.kind !== 'group' ? `${entry.name} (${entry.detail})` : entry.name);

interface PickerProps {
  kind: DirectoryKind;
  label: string;
  /** The chosen ref, or null. */
  value: string | null;
  onChange: (ref: string | null, entry: DirectoryEntry | null) => void;
  /** Refs not offered (already chosen elsewhere). */
  exclude?: string[];
  hint?: string;
  error?: string;
  name?: string;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A searchable combobox over one kind of the directory (admin users, content-API users, admin
 * roles, groups): the options come from the server as the user types, by name or e-mail.
 */
export const DirectoryPicker = ({ kind, label, value, onChange, exclude = [], hint, error, name, placeholder, disabled }: PickerProps) => {
  const t = useT();
  const [text, setText] = React.useState('');
  const q = useDebounced(text);
  const { data, state } = useGet<SearchDirectory.Response>(directoryPath({ kind, q, pageSize: 20 }));
  const chosen = useDirectoryEntries(kind, value ? [value] : []);
  const options = (data?.data ?? []).filter((entry) => !exclude.includes(entry.ref) || entry.ref === value);
  // The chosen entry stays an option, so the combobox can show its name before any search.
  const withChosen = value && chosen[value] && !options.some((entry) => entry.ref === value) ? [chosen[value], ...options] : options;

  return (
    <Field.Root name={name} hint={hint} error={error}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        // The server searches (by name or e-mail, anywhere in them): no completion in the input, no filtering in the list.
        autocomplete="none"
        value={value ?? ''}
        placeholder={placeholder}
        disabled={disabled}
        loading={state === 'loading'}
        loadingMessage={t('directory.loading', 'Searching…')}
        noOptionsMessage={() => t('directory.none', 'Nothing found')}
        onInputChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
        onClear={() => onChange(null, null)}
        onChange={(ref?: string) => {
          const entry = withChosen.find((candidate) => candidate.ref === ref) ?? null;
          onChange(ref ?? null, entry);
        }}
      >
        {withChosen.map((entry) => (
          <ComboboxOption key={entry.ref} value={entry.ref}>
            {optionText(entry)}
            {entry.active ? '' : ` — ${t('directory.inactive', 'inactive')}`}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

/**
 * Several entries of one kind: a picker to add one, and the chosen ones as tags with a remove
 * button each (group members, bypass roles).
 */
export const DirectoryMultiPicker = ({
  kind,
  label,
  value,
  onChange,
  hint,
  error,
  name,
  placeholder,
}: Omit<PickerProps, 'value' | 'onChange' | 'exclude'> & { value: string[]; onChange: (refs: string[]) => void }) => {
  const t = useT();
  const entries = useDirectoryEntries(kind, value);
  // A fresh picker after each choice, so its text is empty again.
  const [round, setRound] = React.useState(0);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <DirectoryPicker
        key={round}
        kind={kind}
        label={label}
        value={null}
        exclude={value}
        hint={hint}
        error={error}
        name={name}
        placeholder={placeholder}
        onChange={(ref) => {
          if (ref && !value.includes(ref)) onChange([...value, ref]);
          setRound((n) => n + 1);
        }}
      />
      {value.length > 0 && (
        <Box>
          <Flex gap={2} wrap="wrap" tag="ul" aria-label={label}>
            {value.map((ref) => (
              <li key={ref}>
                <Tag
                  icon={<Cross aria-hidden />}
                  label={t('directory.remove', 'Remove {name}', { name: entries[ref]?.name ?? ref })}
                  onClick={() => onChange(value.filter((other) => other !== ref))}
                >
                  {entries[ref] ? optionText(entries[ref]) : ref}
                </Tag>
              </li>
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
};
