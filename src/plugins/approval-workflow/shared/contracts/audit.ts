import type { ListMeta, PaginationQuery } from './common';

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
    query: PaginationQuery & { requestId?: string };
  }
  export interface Response {
    data: AuditEvent[];
    meta: ListMeta;
  }
}

/** GET /approval-workflow/audit/verify */
export namespace VerifyAudit {
  export interface Response {
    data: AuditVerification;
  }
}
