import type { ListMeta, PaginationQuery } from './common';
import type { PrincipalLabel } from './requests';
import type { RecordedAuditAction } from '../audit-actions';

/** One event of the audit trail, with the hashes that chain it to the one before. */
export interface AuditEvent {
  seq: number;
  action: string;
  /** The principal who acted (`system` for time-driven events). */
  actor: string;
  requestId: string | null;
  /** What a non-request event is about (a template, group or managed object document id). */
  subject: string | null;
  at: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** An event as the list shows it: the chained event, and the actor's display name (not part of the hash). */
export interface AuditListItem extends AuditEvent {
  actorLabel: PrincipalLabel;
}

/**
 * The filters of the list and of the export, all optional and combined with AND. `from` and `to`
 * bound `at`, both inclusive: an ISO date (`2026-12-01`, the whole UTC day) or an ISO date-time
 * with its zone (`2026-12-01T08:00:00Z`, `…+01:00`).
 */
export interface AuditFilters {
  requestId?: string;
  /** A principal: `admin:3`, `user:5`, `token:2`, `email:a@b.c`, `public`, `system`. */
  actor?: string;
  action?: RecordedAuditAction;
  from?: string;
  to?: string;
}

/** The audit trail's export formats. */
export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** The verdict of recomputing the whole hash chain. */
export interface AuditVerification {
  valid: boolean;
  checked: number;
  /** The seq where the chain breaks; null when valid. */
  brokenAt: number | null;
  reason: string | null;
}

/** GET /approval-workflow/audit — newest first. */
export namespace ListAuditEvents {
  export interface Request {
    query: PaginationQuery & AuditFilters;
  }
  export interface Response {
    data: AuditListItem[];
    meta: ListMeta;
  }
}

/**
 * GET /approval-workflow/audit/export?format=csv|json — every event the filters select, oldest
 * first, as a download. CSV: a header row, then `seq, at, action, actor, requestId, subject,
 * details` (JSON), `prevHash, hash`. JSON: the body below.
 */
export namespace ExportAudit {
  export interface Request {
    query: AuditFilters & { format: AuditExportFormat };
  }
  export interface Response {
    data: AuditEvent[];
    meta: { exportedAt: string; filters: AuditFilters; count: number };
  }
}

/** GET /approval-workflow/audit/verify */
export namespace VerifyAudit {
  export interface Response {
    data: AuditVerification;
  }
}
