import type { Core } from '@strapi/strapi';
import type { DirectoryEntry, DirectoryKind } from '../../../shared/contracts/directory';
import type { PrincipalLabel } from '../../../shared/contracts/requests';
import { ACTIONS } from '../../../shared/constants';
import { PUBLIC_PRINCIPAL, type Directory, type Principal, type Rule } from '../domain';
import { CONTENT_API_APPROVE_ACTION, SUPER_ADMIN_ROLE_CODE, UID } from '../constants';
import { principalOf } from '../utils/actor';
import { forbidden, passwordRequired } from '../utils/errors';
import type { Page, PageQuery } from '../utils/pagination';

const ADMIN_USER = 'admin::user';
const ADMIN_ROLE = 'admin::role';
const API_USER = 'plugin::users-permissions.user';

/** `admin:3` → ['admin', 3]; anything else (email:, token:, markers) → null. */
const parseAccount = (principal: Principal): { kind: 'admin' | 'user'; id: number } | null => {
  const match = /^(admin|user):(\d+)$/.exec(principal);
  return match ? { kind: match[1] as 'admin' | 'user', id: Number(match[2]) } : null;
};

/** How each kind of directory entry is searched (`q`), found by `refs`, and shown. */
const DIRECTORY: Record<
  DirectoryKind,
  {
    uid: string;
    search: (q: string) => object;
    byRefs: (refs: string[]) => object;
    orderBy: Record<string, 'asc'>;
    entry: (row: Record<string, unknown>) => DirectoryEntry;
  }
> = {
  admin: {
    uid: ADMIN_USER,
    search: (q) => ({ $or: ['firstname', 'lastname', 'username', 'email'].map((field) => ({ [field]: { $containsi: q } })) }),
    byRefs: (refs) => ({ id: { $in: accountIds(refs, 'admin') } }),
    orderBy: { firstname: 'asc' },
    entry: (row) => ({
      kind: 'admin',
      ref: principalOf('admin', row.id as number),
      name: [row.firstname, row.lastname].filter(Boolean).join(' ') || String(row.username ?? row.email),
      detail: (row.email as string | null) ?? null,
      active: row.isActive === true,
    }),
  },
  user: {
    uid: API_USER,
    search: (q) => ({ $or: [{ username: { $containsi: q } }, { email: { $containsi: q } }] }),
    byRefs: (refs) => ({ id: { $in: accountIds(refs, 'user') } }),
    orderBy: { username: 'asc' },
    entry: (row) => ({
      kind: 'user',
      ref: principalOf('user', row.id as number),
      name: String(row.username),
      detail: (row.email as string | null) ?? null,
      active: row.blocked !== true,
    }),
  },
  role: {
    uid: ADMIN_ROLE,
    search: (q) => ({ name: { $containsi: q } }),
    byRefs: (refs) => ({ id: { $in: refs.filter((ref) => /^\d+$/.test(ref)).map(Number) } }),
    orderBy: { name: 'asc' },
    entry: (row) => ({ kind: 'role', ref: String(row.id), name: String(row.name), detail: (row.description as string | null) || null, active: true }),
  },
  group: {
    uid: UID.group,
    search: (q) => ({ name: { $containsi: q } }),
    byRefs: (refs) => ({ documentId: { $in: refs } }),
    orderBy: { name: 'asc' },
    entry: (row) => ({ kind: 'group', ref: String(row.documentId), name: String(row.name), detail: (row.description as string | null) || null, active: true }),
  },
};

/** The ids of the `admin:<id>` (or `user:<id>`) principals among these refs. */
const accountIds = (refs: string[], kind: 'admin' | 'user') =>
  refs.flatMap((ref) => {
    const account = parseAccount(ref);
    return account?.kind === kind ? [account.id] : [];
  });

/** Accounts that can act now: active admin users, content-API users not blocked. */
const ACTIVE = { admin: { isActive: true }, user: { $or: [{ blocked: false }, { blocked: { $null: true } }] } };
/** Any existing account. */
const EXISTING = { admin: {}, user: {} };

/**
 * Who is who: admin users, content-API users, admin roles and the plugin's groups, as the engine
 * needs them (principals and group members) and as people read them (names).
 */
export const createDirectoryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const roleMembers = async (roleIds: number[]): Promise<Record<string, Principal[]>> => {
    if (roleIds.length === 0) return {};
    const users = await strapi.db.query(ADMIN_USER).findMany({
      where: { isActive: true, roles: { id: { $in: roleIds } } },
      populate: { roles: { select: ['id'] } },
      select: ['id'],
    });
    const groups: Record<string, Principal[]> = {};
    for (const roleId of roleIds) {
      groups[`role:${roleId}`] = users
        .filter((user) => (user.roles as Array<{ id: number }>).some((role) => role.id === roleId))
        .map((user) => principalOf('admin', user.id as number));
    }
    return groups;
  };

  /** The principals among these that name an account (admin user, content-API user) matching the conditions, in two queries. */
  const accounts = async (principals: Principal[], conditions: { admin: object; user: object }): Promise<Set<Principal>> => {
    const ids = (kind: 'admin' | 'user') => principals.flatMap((p) => (parseAccount(p)?.kind === kind ? [parseAccount(p)!.id] : []));
    const [admins, users] = await Promise.all([
      ids('admin').length ? strapi.db.query(ADMIN_USER).findMany({ where: { id: { $in: ids('admin') }, ...conditions.admin }, select: ['id'] }) : [],
      ids('user').length ? strapi.db.query(API_USER).findMany({ where: { id: { $in: ids('user') }, ...conditions.user }, select: ['id'] }) : [],
    ]);
    return new Set([...admins.map((a) => principalOf('admin', a.id)), ...users.map((u) => principalOf('user', u.id))]);
  };

  return {
    /**
     * One page of the directory of one kind: entries whose name (or e-mail) contains `q`, or
     * exactly those of `refs`, by name. Never the password or any other field of an account.
     */
    async search(query: { kind: DirectoryKind; q?: string; refs?: string[] }, page: PageQuery): Promise<Page<DirectoryEntry>> {
      const kind = DIRECTORY[query.kind];
      const where = query.refs ? kind.byRefs(query.refs) : query.q ? kind.search(query.q) : {};
      const { results, pagination } = await strapi.db.query(kind.uid as typeof ADMIN_USER).findPage({ where, orderBy: kind.orderBy, ...page });
      return { data: results.map((row) => kind.entry(row)), pagination };
    },

    /** Group membership for a rule, frozen into the request when it starts (inactive accounts left out). */
    async directoryFor(rule: Rule): Promise<Directory> {
      const obligations = rule.stages.flatMap((stage) => stage.obligations);
      const roleIds = obligations.filter((o) => o.kind === 'role').map((o) => Number((o as { id: string }).id));
      const groupIds = obligations.filter((o) => o.kind === 'group').map((o) => (o as { id: string }).id);
      const groups = await roleMembers([...new Set(roleIds)]);
      if (groupIds.length) {
        const rows = await strapi.db.query(UID.group).findMany({ where: { documentId: { $in: groupIds } } });
        const active = await accounts(rows.flatMap((row) => (row.members as Principal[] | null) ?? []), ACTIVE);
        for (const row of rows) groups[`group:${row.documentId}`] = ((row.members as Principal[] | null) ?? []).filter((p) => active.has(p));
      }
      return { groups };
    },

    /** Members of the bypass roles: the approval admins. */
    async approvalAdmins(bypassRoles: number[]): Promise<Principal[]> {
      const groups = await roleMembers(bypassRoles);
      return [...new Set(Object.values(groups).flat())];
    },

    /** The principals, roles and groups a rule names that do not exist. */
    async unknownReferences(rule: Pick<Rule, 'stages'>) {
      const obligations = rule.stages.flatMap((stage) => stage.obligations);
      const principals = obligations.flatMap((o) => (o.kind === 'user' ? [o.principal] : []));
      const roleIds = [...new Set(obligations.flatMap((o) => (o.kind === 'role' ? [o.id] : [])))];
      const groupIds = [...new Set(obligations.flatMap((o) => (o.kind === 'group' ? [o.id] : [])))];
      const users = await this.unknownPrincipals(principals);
      const foundRoles = roleIds.length
        ? await strapi.db.query(ADMIN_ROLE).findMany({ where: { id: { $in: roleIds.map(Number).filter(Number.isInteger) } }, select: ['id'] })
        : [];
      const foundGroups = groupIds.length
        ? await strapi.db.query(UID.group).findMany({ where: { documentId: { $in: groupIds } }, select: ['documentId'] })
        : [];
      return {
        users,
        roles: roleIds.filter((id) => !foundRoles.some((role) => String(role.id) === id)),
        groups: groupIds.filter((id) => !foundGroups.some((group) => group.documentId === id)),
      };
    },

    /**
     * Who can ever decide a request: an active admin user with a role that holds the decide action
     * or is Super Admin; a content-API user, not blocked, whose role is granted the content-API
     * approve action. An obligation held by anyone else would never be fulfilled.
     */
    async deciders(principals: Principal[]): Promise<Set<Principal>> {
      return accounts(principals, {
        admin: { ...ACTIVE.admin, roles: { $or: [{ code: SUPER_ADMIN_ROLE_CODE }, { permissions: { action: ACTIONS.decide } }] } },
        user: { ...ACTIVE.user, role: { permissions: { action: CONTENT_API_APPROVE_ACTION } } },
      });
    },

    /** Principals that name no existing admin user or content-API user (emails are always valid). */
    async unknownPrincipals(principals: Principal[]): Promise<Principal[]> {
      const unique = [...new Set(principals)];
      const existing = await accounts(unique, EXISTING);
      return unique.filter((principal) => !/^email:[^@\s]+@[^@\s]+$/.test(principal) && !existing.has(principal));
    },

    /** Checks a password against the stored hash of an admin or content-API user (security level `password`). */
    async checkPassword(principal: Principal, password: string): Promise<boolean> {
      const account = parseAccount(principal);
      if (!account) return false;
      const row = await strapi.db
        .query(account.kind === 'admin' ? ADMIN_USER : API_USER)
        .findOne({ where: { id: account.id }, select: ['id', 'password'] });
      if (!row?.password) return false;
      return account.kind === 'admin'
        ? strapi.service('admin::auth').validatePassword(password, row.password)
        : strapi.plugin('users-permissions').service('user').validatePassword(password, row.password);
    },

    /**
     * Re-authentication (seed 003's security level `password`, seed 002's item-level rules): a
     * missing password is a 400 naming the field, a wrong one a 403.
     */
    async confirmPassword(principal: Principal, password: string | undefined, what: string) {
      if (!password) throw passwordRequired(what);
      if (!(await this.checkPassword(principal, password))) throw forbidden('The password is wrong', { code: 'wrong-password' });
    },

    /** Display names for principals, looked up in batches. */
    async labels(principals: Principal[]): Promise<Record<Principal, PrincipalLabel>> {
      const unique = [...new Set(principals)];
      const ids = (kind: 'admin' | 'user') =>
        unique.flatMap((p) => {
          const account = parseAccount(p);
          return account?.kind === kind ? [account.id] : [];
        });
      const [admins, users] = await Promise.all([
        ids('admin').length
          ? strapi.db.query(ADMIN_USER).findMany({ where: { id: { $in: ids('admin') } }, select: ['id', 'firstname', 'lastname', 'username', 'email'] })
          : [],
        ids('user').length
          ? strapi.db.query(API_USER).findMany({ where: { id: { $in: ids('user') } }, select: ['id', 'username', 'email'] })
          : [],
      ]);
      const labels: Record<Principal, PrincipalLabel> = {};
      for (const principal of unique) {
        const account = parseAccount(principal);
        if (account?.kind === 'admin') {
          const row = admins.find((a) => a.id === account.id);
          const name = row ? [row.firstname, row.lastname].filter(Boolean).join(' ') || row.username || row.email : principal;
          labels[principal] = { principal, kind: 'admin', name, email: row?.email ?? null };
        } else if (account?.kind === 'user') {
          const row = users.find((u) => u.id === account.id);
          labels[principal] = { principal, kind: 'user', name: row?.username ?? principal, email: row?.email ?? null };
        } else if (principal.startsWith('email:')) {
          const email = principal.slice('email:'.length);
          labels[principal] = { principal, kind: 'email', name: email, email };
        } else if (principal.startsWith('token:')) {
          labels[principal] = { principal, kind: 'token', name: `API token ${principal.slice('token:'.length)}`, email: null };
        } else if (principal === PUBLIC_PRINCIPAL) {
          labels[principal] = { principal, kind: 'public', name: 'Public (not signed in)', email: null };
        } else if (principal === 'approval-admins') {
          labels[principal] = { principal, kind: 'group', name: 'Approval admins', email: null };
        } else {
          labels[principal] = { principal, kind: 'system', name: principal, email: null };
        }
      }
      return labels;
    },
  };
};

export type DirectoryService = ReturnType<typeof createDirectoryService>;
