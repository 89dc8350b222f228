import type { AuditFilters } from '../../../../../shared/contracts/audit';
import { RECORDED_AUDIT_ACTIONS } from '../../../../../shared/audit-actions';

/** The audit page's filters as the URL keeps them: dates are the admin's local days (`2026-12-01`). */
export interface AuditUrlQuery {
  requestId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: string;
  pageSize?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a local day starts (or, for `end`, its last millisecond), as the API takes it; undefined for no valid day. */
export const localDayBound = (day: string | undefined, end: boolean): string | undefined => {
  if (!day || !DAY.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  const at = end ? new Date(year, month - 1, date, 23, 59, 59, 999) : new Date(year, month - 1, date);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

/**
 * The API filters of the URL's: an unknown action and an empty or malformed value are no filter
 * (a hand-edited URL shows the unfiltered trail rather than an error); days become instants.
 */
export const apiFiltersOf = (query: AuditUrlQuery): AuditFilters => ({
  requestId: query.requestId?.trim() || undefined,
  actor: query.actor?.trim() || undefined,
  action: RECORDED_AUDIT_ACTIONS.find((action) => action === query.action),
  from: localDayBound(query.from, false),
  to: localDayBound(query.to, true),
});

