/** The units a duration setting is shown in, with their length in minutes. */
export const DURATION_UNITS = { minutes: 1, hours: 60, days: 24 * 60 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** A number of minutes in the largest unit that holds it whole: 2880 → 2 days, 90 → 90 minutes. */
export const durationOf = (minutes: number): Duration => {
  if (minutes > 0 && minutes % DURATION_UNITS.days === 0) return { amount: minutes / DURATION_UNITS.days, unit: 'days' };
  if (minutes > 0 && minutes % DURATION_UNITS.hours === 0) return { amount: minutes / DURATION_UNITS.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
};

/** The minutes of an amount in a unit (the server checks the range and that it is whole). */
export const minutesOf = ({ amount, unit }: Duration): number => amount * DURATION_UNITS[unit];
