import type { Core } from '@strapi/strapi';
import type { Group } from '../../../shared/contracts/groups';
import { UID } from '../constants';
import type { PageQuery } from '../utils/pagination';
import { conflict, invalidField } from '../utils/errors';
import { getService } from '../utils/get-service';
import { table, writeAndAudit, type BaseRow } from '../utils/records';

/** A group's row. */
export interface GroupRow extends BaseRow {
  name: string;
  description: string | null;
  members: string[] | null;
}
import type { GroupInput } from '../validation/group';

const present = (row: GroupRow): Group => ({
  id: row.documentId,
  name: row.name,
  description: row.description ?? null,
  members: row.members ?? [],
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

export type { Group };

/**
 * Plugin-defined approver groups (DESIGN: "users, admin roles as groups, or plugin-defined
 * groups"). Members are frozen into a request when it starts; later edits change new requests only.
 */
export const createGroupsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = table<GroupRow>(strapi, UID.group);
  const LABEL = 'Group';

  const check = async (input: GroupInput) => {
    const unknown = await getService(strapi, 'directory').unknownPrincipals(input.members);
    if (unknown.length) throw invalidField(['members'], `Unknown users: ${unknown.join(', ')}`, { unknown: { users: unknown } });
  };

  const save = (action: 'group-created' | 'group-edited', actor: string, write: () => Promise<GroupRow>) =>
    writeAndAudit(strapi, async () => {
      const row = await write();
      return { result: present(row), audit: [{ action, actor, subject: row.documentId, details: { name: row.name } }] };
    });

  return {
    async list(page: PageQuery) {
      return groups.findPage(page, { orderBy: [{ name: 'asc' }, { id: 'asc' }] }, (rows) => rows.map(present));
    },

    async get(id: string) {
      return present(await groups.findOr404(id, LABEL));
    },

    async create(input: GroupInput, actor: string) {
      await check(input);
      return save('group-created', actor, () => groups.query().create({ data: input }));
    },

    async update(id: string, input: GroupInput, actor: string) {
      await groups.findOr404(id, LABEL);
      await check(input);
      return save('group-edited', actor, async () =>
        groups.query().update({ where: { id: (await groups.lockOr404(id, LABEL)).id }, data: input })
      );
    },

    /** Refused while a template names the group; checked under the group's lock, which writing a template that names it takes too. */
    async remove(id: string, actor: string) {
      await writeAndAudit(strapi, async () => {
        const row = await groups.lockOr404(id, LABEL);
        const templates = await strapi.db.query(UID.template).findMany({ select: ['documentId', 'stages'] });
        const users = templates.filter((t) =>
          ((t.stages ?? []) as Array<{ obligations: Array<{ kind: string; id?: string }> }>).some((stage) =>
            stage.obligations.some((o) => o.kind === 'group' && o.id === id)
          )
        );
        if (users.length) {
          throw conflict(`Group ${id} is used by templates and cannot be deleted`, { templates: users.map((t) => t.documentId) });
        }
        await groups.query().delete({ where: { id: row.id } });
        return { result: undefined, audit: [{ action: 'group-deleted', actor, subject: id, details: { name: row.name } }] };
      });
    },
  };
};

export type GroupsService = ReturnType<typeof createGroupsService>;
