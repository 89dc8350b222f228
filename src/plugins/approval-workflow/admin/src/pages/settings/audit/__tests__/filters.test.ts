import { apiFiltersOf, localDayBound } from '../filters';

describe('audit filters: from the URL to the API', () => {
  it('local days become the instants they start and end at', () => {
    expect(localDayBound('2026-12-01', false)).toBe(new Date(2026, 11, 1).toISOString());
    expect(localDayBound('2026-12-01', true)).toBe(new Date(2026, 11, 1, 23, 59, 59, 999).toISOString());
    expect(Date.parse(localDayBound('2026-12-01', true)!) - Date.parse(localDayBound('2026-12-01', false)!)).toBe(24 * 3600_000 - 1);
  });

  it.each([undefined, '', 'yesterday', '2026-12', '2026-12-01T10:00'])('%j is no bound', (day) => {
    expect(localDayBound(day, false)).toBeUndefined();
  });

  it('keeps the known filters, trims text, drops empty values and unknown actions', () => {
    expect(apiFiltersOf({ requestId: ' r1 ', actor: 'admin:3', action: 'approved', from: '2026-12-01', to: '2026-12-02', page: '2' })).toEqual({
      requestId: 'r1',
      actor: 'admin:3',
      action: 'approved',
      from: new Date(2026, 11, 1).toISOString(),
      to: new Date(2026, 11, 2, 23, 59, 59, 999).toISOString(),
    });
    expect(apiFiltersOf({ requestId: ' ', actor: '', action: 'bogus', from: 'x' })).toEqual({
      requestId: undefined,
      actor: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
    expect(apiFiltersOf({ action: 'group-created' }).action).toBe('group-created');
  });
});
