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

  it('keeps what was typed while the URL catches up with the last search, and follows the URL when it changes otherwise', () => {
    const onSearch = jest.fn();
    const box = (value: string) => <SearchBox value={value} label="Search by entry title" placeholder="Search" onSearch={onSearch} />;
    const { rerender } = renderInAdmin(box(''));
    const input = screen.getByRole('searchbox', { name: 'Search by entry title' });
    fireEvent.change(input, { target: { value: 'new web' } });
    act(() => jest.advanceTimersByTime(300));
    expect(onSearch).toHaveBeenLastCalledWith('new web');
    fireEvent.change(input, { target: { value: 'new webs' } });
    rerender(box('new web'));
    expect(input).toHaveProperty('value', 'new webs');
    rerender(box('roadmap'));
    expect(input).toHaveProperty('value', 'roadmap');
  });

  it('clears the search at once', () => {
    const { onSearch } = setup('welcome');
    fireEvent.click(screen.getByRole('button', { name: 'Clear the search' }));
    expect(onSearch).toHaveBeenCalledWith('');
  });
});
