/** One minute in epoch milliseconds: rules and policies count time spans in minutes. */
export const MINUTE_MS = 60_000;

/**
 * The ISO timestamp stored in a request for the moment `now` (epoch milliseconds). The engine has
 * no clock: every moment comes from the caller.
 */
export function isoAt(now: number): string {
  return new Date(now).toISOString();
}

/** Epoch milliseconds of a timestamp the engine stored. */
export function msOf(iso: string): number {
  return Date.parse(iso);
}
