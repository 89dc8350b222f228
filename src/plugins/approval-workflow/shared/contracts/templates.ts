import type { OwnerRules, StageRule, RejectionPolicy, SecurityLevel } from '../vocabulary';

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
  editedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateVersion {
  version: number;
  rule: Omit<Template, 'isDefault' | 'itemLevel' | 'createdAt' | 'updatedAt' | 'editedBy'>;
  editedBy: string | null;
  createdAt: string;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export namespace ListTemplates {
  export interface Response {
    data: Template[];
    meta: { pagination: Pagination };
  }
}

export namespace GetTemplate {
  export interface Response {
    data: Template & { versions: TemplateVersion[] };
  }
}
