import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import type { PageQuery } from '../utils/pagination';
import { conflict, invalidField, notFound } from '../utils/errors';
import { getService } from '../utils/get-service';
import { readLocked } from '../utils/lock';
import type { GroupInput } from '../validation/group';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a database row

const present = (row: Row) => ({
  id: row.documentId as string,
  name: row.name as string,
  description: (row.description ?? null) as string | null,
  members: (row.members ?? []) as string[],
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

export type Group = ReturnType<typeof present>;

/**
 * Plugin-defined approver groups (DESIGN: "users, admin roles as groups, or plugin-defined
 * groups"). Members are frozen into a request when it starts; later edits change new requests only.
 */
export const createGroupsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.group);
  const now = () => new Date().toISOString();

  const found = (row: Row | null, id: string) => {
    if (!row) throw notFound(`Group ${id} not found`, { id });
    return row;
  };
  const findRow = async (id: string) => found(await query().findOne({ where: { documentId: id } }), id);
  /** The row under its lock, inside a transaction: an edit or delete racing a delete finds it gone (404). */
  const lockedRow = async (id: string) => found(await readLocked(strapi, UID.group, { documentId: id }), id);

  const check = async (input: GroupInput) => {
    const unknown = await getService(strapi, 'directory').unknownPrincipals(input.members);
    if (unknown.length) throw invalidField(['members'], `Unknown users: ${unknown.join(', ')}`, { unknown: { users: unknown } });
  };

  const save = async (action: 'group-created' | 'group-edited', actor: string, write: () => Promise<Row>) =>
    strapi.db.transaction(async () => {
      const row = await write();
      await getService(strapi, 'audit').append([{ action, actor, at: now(), subject: row.documentId, details: { name: row.name } }]);
      return present(row);
    });

  return {
    async list({ page, pageSize }: PageQuery) {
      const [rows, total] = await Promise.all([
        query().findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        query().count(),
      ]);
      return { data: rows.map(present), total };
    },

    async get(id: string) {
      return present(await findRow(id));
    },

    async create(input: GroupInput, actor: string) {
      await check(input);
      return save('group-created', actor, () => query().create({ data: input }));
    },

    async update(id: string, input: GroupInput, actor: string) {
      await findRow(id);
      await check(input);
      return save('group-edited', actor, async () => query().update({ where: { id: (await lockedRow(id)).id }, data: input }));
    },

    /** Refused while a template names the group; checked under the group's lock, which writing a template that names it takes too. */
    async remove(id: string, actor: string) {
      await strapi.db.transaction(async () => {
        const row = await lockedRow(id);
        const templates = await strapi.db.query(UID.template).findMany({ select: ['documentId', 'stages'] });
        const users = templates.filter((t) =>
          ((t.stages ?? []) as Array<{ obligations: Array<{ kind: string; id?: string }> }>).some((stage) =>
            stage.obligations.some((o) => o.kind === 'group' && o.id === id)
          )
        );
        if (users.length) {
          throw conflict(`Group ${id} is used by templates and cannot be deleted`, { templates: users.map((t) => t.documentId) });
        }
        await query().delete({ where: { id: row.id } });
        await getService(strapi, 'audit').append([{ action: 'group-deleted', actor, at: now(), subject: id, details: { name: row.name } }]);
      });
    },
  };
};

export type GroupsService = ReturnType<typeof createGroupsService>;
