import { act, fireEvent, screen } from '@testing-library/react';

import { renderInAdmin } from './render';
import { SearchBox } from '../SearchBox';

describe('SearchBox', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setup = (value = '') => {
    const onSearch = jest.fn();
    renderInAdmin(<SearchBox value={value} label="Search by entry title" placeholder="Search" onSearch={onSearch} />);
    return { onSearch, input: screen.getByRole('searchbox', { name: 'Search by entry title' }) };
  };

  it('searches once typing pauses, with the text trimmed', () => {
    const { onSearch, input } = setup();
    fireEvent.change(input, { target: { value: 'wel' } });
    act(() => jest.advanceTimersByTime(100));
    fireEvent.change(input, { target: { value: 'welcome ' } });
    act(() => jest.advanceTimersByTime(299));
    expect(onSearch).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenCalledWith('welcome');
  });

  it('does not search again for the text the URL already has', () => {
    const { onSearch, input } = setup('welcome');
    expect(input).toHaveProperty('value', 'welcome');
    act(() => jest.advanceTimersByTime(1000));
    expect(onSearch).not.toHaveBeenCalled();
  });

  it('clears the search at once', () => {
    const { onSearch } = setup('welcome');
    fireEvent.click(screen.getByRole('button', { name: 'Clear the search' }));
    expect(onSearch).toHaveBeenCalledWith('');
  });
});
