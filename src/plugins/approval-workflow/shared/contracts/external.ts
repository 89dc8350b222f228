import type { DiffEntryView, RequestSummary } from './requests';

/**
 * What an external approver's link shows (GET /api/approval-workflow/external/:token with
 * `Accept: application/json`): the request as far as deciding it needs, the diff without private
 * fields, and until when the link works. Nothing else of the request (no proposal, no timeline,
 * no e-mail address of anyone).
 */
export interface ExternalLinkView {
  request: RequestSummary & {
    /** The entry's title (its content type's main field). */
    title: string | null;
    contentType: { uid: string; displayName: string };
    /** The requester's name (never their e-mail address). */
    requester: { name: string };
    comment: string | null;
    /** The stage of the obligation this link decides. */
    stage: { name: string };
  };
  /** Base → proposal: exactly what approving would change. */
  diff: DiffEntryView[];
  expiresAt: string;
}

/** GET /api/approval-workflow/external/:token */
export namespace GetExternalLink {
  export interface Request {
    params: { token: string };
  }
  export interface Response {
    data: ExternalLinkView;
  }
}

/** The body of approve and reject through a link (JSON, or the page's form). */
export interface ExternalDecideBody {
  comment?: string | null;
}

/** POST /api/approval-workflow/external/:token/approve and …/reject — once per link. */
export namespace DecideExternalLink {
  export interface Request {
    params: { token: string };
    body: ExternalDecideBody;
  }
  export interface Response {
    data: RequestSummary;
  }
}

/** The body of revoke: which live links of the request (both optional: every one the caller may revoke). */
export interface RevokeLinksBody {
  /** Only the links sent to this address (`email:<address>`). */
  to?: string;
  /** Only the link of this obligation. */
  obligationId?: string;
}

/** POST …/requests/:id/external-links/revoke — the delegator, or an approval admin. */
export namespace RevokeExternalLinks {
  export interface Request {
    params: { id: string };
    body: RevokeLinksBody;
  }
  export interface Response {
    data: { revoked: number };
  }
}
