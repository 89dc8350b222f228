import * as React from 'react';

import { SearchForm, Searchbar } from '@strapi/design-system';

import { useT } from '../utils/use-t';

const DEBOUNCE_MS = 300;

/**
 * The search of a list page, as Strapi's own lists have it, searching while the user types: the
 * value reaches `onSearch` once typing pauses (and at once on Enter or Clear).
 */
export const SearchBox = ({
  value,
  label,
  placeholder,
  onSearch,
}: {
  value: string;
  label: string;
  placeholder: string;
  onSearch: (value: string) => void;
}) => {
  const t = useT();
  const [text, setText] = React.useState(value);
  // The last search sent: when the URL comes back with it, the box keeps what was typed since.
  const sent = React.useRef(value);

  const send = React.useCallback(
    (next: string) => {
      sent.current = next;
      onSearch(next);
    },
    [onSearch]
  );

  // The URL changed under us (back button, a tab): show what it searches.
  React.useEffect(() => {
    if (value !== sent.current) setText(value);
    sent.current = value;
  }, [value]);

  React.useEffect(() => {
    if (text.trim() === value) return undefined;
    const timer = window.setTimeout(() => send(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, send]);

  return (
    <SearchForm
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        send(text.trim());
      }}
    >
      <Searchbar
        name="q"
        value={text}
        placeholder={placeholder}
        clearLabel={t('requests.search.clear', 'Clear the search')}
        onClear={() => {
          setText('');
          send('');
        }}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
      >
        {label}
      </Searchbar>
    </SearchForm>
  );
};
