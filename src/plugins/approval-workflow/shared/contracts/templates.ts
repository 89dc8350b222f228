import type { ExpiryAction, OwnerRules, RejectionPolicy, SecurityLevel, StageRule } from '../vocabulary';
import type { DeletedResponse, IdParams, ListMeta, PaginationQuery } from './common';
import type { Settings } from './settings';

/** What uses a template: the managed objects naming it, and the pending requests running on one of its versions. */
export interface TemplateUsage {
  managedObjects: number;
  openRequests: number;
}

/** A template (approval rule) as the API shows it. `id` is its document id. */
export interface Template {
  id: string;
  name: string;
  description: string | null;
  version: number;
  securityLevel: SecurityLevel;
  urgentAllowed: boolean;
  rejectionPolicy: RejectionPolicy;
  ownerRules: OwnerRules;
  stages: StageRule[];
  isDefault: boolean;
  /** Assigned to at least one managed entry: editing it needs the editor's password. */
  itemLevel: boolean;
  usage: TemplateUsage;
  editedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateVersion {
  version: number;
  rule: Omit<Template, 'isDefault' | 'itemLevel' | 'usage' | 'createdAt' | 'updatedAt' | 'editedBy'>;
  editedBy: string | null;
  createdAt: string;
}

/** An obligation as a template body names it: a user, or an admin role / plugin group (its id). */
export type ObligationBody =
  | { kind: 'user'; principal: string }
  | { kind: 'role'; id: number | string; minApprovals?: number }
  | { kind: 'group'; id: string | number; minApprovals?: number };

/** A stage as a template body writes it; omitted fields take their defaults. */
export interface StageBody {
  name: string;
  /** N approvals close the stage, 0 = all. Default 1. */
  criteria?: number;
  obligations: ObligationBody[];
  /** Default null: no time limit. */
  timeSpanMinutes?: number | null;
  /** Default `deny`. */
  onExpiry?: ExpiryAction;
}

/** The body of POST /templates and PUT /templates/:id (a template is always sent whole). */
export interface TemplateBody {
  name: string;
  description?: string | null;
  securityLevel?: SecurityLevel;
  urgentAllowed?: boolean;
  rejectionPolicy?: RejectionPolicy;
  ownerRules?: Partial<OwnerRules>;
  stages: StageBody[];
  /** Editing an item-level template (assigned to a managed entry) needs the editor's password. */
  password?: string;
}

/** GET /approval-workflow/templates */
export namespace ListTemplates {
  export interface Request {
    query: PaginationQuery;
  }
  export interface Response {
    data: Template[];
    meta: ListMeta;
  }
}

/** GET /approval-workflow/templates/:id — with its versions, newest first. */
export namespace GetTemplate {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: Template & { versions: TemplateVersion[] };
  }
}

/** POST /approval-workflow/templates (201) */
export namespace CreateTemplate {
  export interface Request {
    body: TemplateBody;
  }
  export interface Response {
    data: Template;
  }
}

/** PUT /approval-workflow/templates/:id — a new version; open requests keep theirs. */
export namespace UpdateTemplate {
  export interface Request {
    params: IdParams;
    body: TemplateBody;
  }
  export interface Response {
    data: Template;
  }
}

/** DELETE /approval-workflow/templates/:id — refused (409) while in use or the default. */
export namespace DeleteTemplate {
  export interface Request {
    params: IdParams;
  }
  export type Response = DeletedResponse;
}

/** PUT /approval-workflow/templates/:id/default — answers the settings it changed. */
export namespace SetDefaultTemplate {
  export interface Request {
    params: IdParams;
  }
  export interface Response {
    data: Settings;
  }
}
