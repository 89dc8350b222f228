import type { ListMeta, PaginationQuery } from './common';

/** What the directory lists: admin users, content-API users, admin roles, the plugin's groups. */
export const DIRECTORY_KINDS = ['admin', 'user', 'role', 'group'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * One thing an obligation, a group's members or the bypass roles can name, as a picker shows it.
 * `ref` is what a body writes: the principal for accounts (`admin:3`, `user:5`), the role id as
 * digits (`"4"`), the group's document id.
 */
export interface DirectoryEntry {
  kind: DirectoryKind;
  ref: string;
  name: string;
  /** The account's e-mail, the role's or group's description. */
  detail: string | null;
  /** False for a deactivated admin user or a blocked content-API user (they get no obligations). */
  active: boolean;
}

/**
 * GET /approval-workflow/directory?kind=admin&q=ann — one kind at a time, by name or e-mail
 * (`q`, case-insensitive), or exactly the entries of `refs` (comma-separated, at most 100): what a
 * picker needs to show the names of what is already chosen. For approval admins who read or manage
 * templates, groups, settings or managed content.
 */
export namespace SearchDirectory {
  export interface Request {
    query: PaginationQuery & { kind: DirectoryKind; q?: string; refs?: string };
  }
  export interface Response {
    data: DirectoryEntry[];
    meta: ListMeta;
  }
}
