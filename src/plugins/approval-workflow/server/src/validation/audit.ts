import { z } from 'zod/v4';
import { AUDIT_EXPORT_FORMATS, type AuditFilters, type ExportAudit } from '../../../shared/contracts/audit';
import { RECORDED_AUDIT_ACTIONS } from '../../../shared/audit-actions';
import { documentId, text } from './common';
import { forContract } from './contract';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const NOT_A_DATE = 'must be an ISO date (2026-12-01) or an ISO date-time with its zone (2026-12-01T08:00:00Z)';

/**
 * The instant a bound of the `at` range means, as the events store it (`toISOString`): a date is
 * a whole UTC day, its first millisecond for `from` and its last for `to`; null if it is no date.
 */
const instantOf = (value: string, end: boolean): string | null => {
  const match = ISO.exec(value);
  if (!match) return null;
  const [, day, time] = match;
  const dayStart = Date.parse(`${day}T00:00:00.000Z`);
  // `2026-02-30` parses (to March 2nd): a day that does not come back as itself is not in the calendar.
  if (Number.isNaN(dayStart) || new Date(dayStart).toISOString().slice(0, 10) !== day) return null;
  if (!time) return new Date(dayStart + (end ? DAY_MS - 1 : 0)).toISOString();
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
};

const bound = (end: boolean) =>
  text.max(64).transform((value, ctx) => {
    const instant = instantOf(value, end);
    if (instant === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: NOT_A_DATE });
      return z.NEVER;
    }
    return instant;
  });

const filterShape = {
  requestId: documentId.optional(),
  actor: text.min(1).max(255).optional(),
  action: z.enum(RECORDED_AUDIT_ACTIONS).optional(),
  from: bound(false).optional(),
  to: bound(true).optional(),
};

const ordered = ({ from, to }: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (from && to && from > to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'must not be before from' });
};

/** The filters of `GET /audit` (paging aside; unknown keys are ignored): `from`/`to` become instants. */
export const auditFiltersSchema = forContract<AuditFilters>()(z.object(filterShape).superRefine(ordered));

/** The query of `GET /audit/export`: the same filters and the format. */
export const auditExportSchema = forContract<ExportAudit.Request['query']>()(
  z.object({ ...filterShape, format: z.enum(AUDIT_EXPORT_FORMATS) }).superRefine(ordered)
);
