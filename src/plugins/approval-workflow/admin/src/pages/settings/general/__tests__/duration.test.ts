import { durationOf, minutesOf } from '../duration';

describe('durations as a number and a unit', () => {
  it.each([
    [2880, { amount: 2, unit: 'days' }],
    [1440, { amount: 1, unit: 'days' }],
    [120, { amount: 2, unit: 'hours' }],
    [90, { amount: 90, unit: 'minutes' }],
    [1, { amount: 1, unit: 'minutes' }],
    [0, { amount: 0, unit: 'minutes' }],
  ] as const)('%i minutes → %j, and back', (minutes, duration) => {
    expect(durationOf(minutes)).toEqual(duration);
    expect(minutesOf(durationOf(minutes))).toBe(minutes);
  });

  it('counts an amount in its unit', () => {
    expect(minutesOf({ amount: 3, unit: 'hours' })).toBe(180);
    expect(minutesOf({ amount: 1.5, unit: 'hours' })).toBe(90);
  });
});
