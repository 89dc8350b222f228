import type { Core } from '@strapi/strapi';
import type { Template, TemplateUsage, TemplateVersion } from '../../../shared/contracts/templates';
import { UID } from '../constants';
import { validateRule, type Rule } from '../domain';
import type { PageQuery } from '../utils/pagination';
import { columnOf } from '../utils/columns';
import { badRequest, conflict, invalidField } from '../utils/errors';
import { getService } from '../utils/get-service';
import { lockRows } from '../utils/lock';
import { table, writeAndAudit, type BaseRow } from '../utils/records';

/** A template's row: the rule's settings in columns, its owner rules and stages as JSON (checked when read). */
export interface TemplateRow extends BaseRow {
  name: string;
  description: string | null;
  version: number;
  securityLevel: Rule['securityLevel'];
  urgentAllowed: boolean | null;
  rejectionPolicy: Rule['rejectionPolicy'];
  ownerRules: unknown;
  stages: unknown;
  editedBy: string | null;
}
import { storedOwnerRulesSchema, storedStagesSchema, type TemplateInput } from '../validation/template';

/** The rule the engine runs, from a stored template row (JSON columns checked on the way out). */
export const ruleOf = (row: TemplateRow): Rule => ({
  id: row.documentId,
  version: row.version,
  name: row.name,
  securityLevel: row.securityLevel,
  urgentAllowed: Boolean(row.urgentAllowed),
  rejectionPolicy: row.rejectionPolicy,
  ownerRules: storedOwnerRulesSchema.parse(row.ownerRules ?? {}),
  stages: storedStagesSchema.parse(row.stages ?? []),
});

/**
 * Templates (approval rules): validated as seed 003 says, versioned on every edit (the old
 * version is kept), deletable only when nothing uses them. Item-level templates — assigned to a
 * managed entry — need the editor's password to change (seed 002).
 */
export const createTemplatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = table<TemplateRow>(strapi, UID.template);
  const query = templates.query;
  const LABEL = 'Template';
  const findRow = (id: string) => templates.findOr404(id, LABEL);

  /**
   * Rows of `uid` per value of its `templateId` (and of `also`), among `ids`: one GROUP BY query
   * for a whole page of templates.
   */
  const countByTemplate = async (uid: typeof UID.managedObject | typeof UID.request, ids: string[], where: Record<string, string>, also?: string) => {
    if (ids.length === 0) return [];
    const { tableName } = strapi.db.metadata.get(uid);
    const column = (name: string) => columnOf(strapi, uid, name);
    const keys = also ? [column('templateId'), column(also)] : [column('templateId')];
    const conditions = Object.fromEntries(Object.entries(where).map(([name, value]) => [column(name), value]));
    const rows: Array<Record<string, unknown>> = await strapi.db
      .getConnection(tableName)
      .select(keys)
      .count({ n: '*' })
      .whereIn(column('templateId'), ids)
      .where(conditions)
      .groupBy(keys);
    return rows.map((row) => ({ templateId: String(row[keys[0]]), also: also ? String(row[keys[1]]) : null, n: Number(row.n) }));
  };

  /** For each template: the managed objects naming it (entries make it item-level) and the pending requests started on it. */
  const usageOf = async (ids: string[]) => {
    const [managed, open] = await Promise.all([
      countByTemplate(UID.managedObject, ids, {}, 'kind'),
      countByTemplate(UID.request, ids, { status: 'pending' }),
    ]);
    const usage = new Map<string, TemplateUsage & { entries: number }>(ids.map((id) => [id, { managedObjects: 0, openRequests: 0, entries: 0 }]));
    for (const { templateId, also, n } of managed) {
      const counts = usage.get(templateId);
      if (!counts) continue;
      counts.managedObjects += n;
      if (also === 'entry') counts.entries += n;
    }
    for (const { templateId, n } of open) {
      const counts = usage.get(templateId);
      if (counts) counts.openRequests += n;
    }
    return usage;
  };

  const present = async (rows: TemplateRow[]): Promise<Template[]> => {
    const [{ defaultTemplateId }, usage] = await Promise.all([
      getService(strapi, 'settings').get(),
      usageOf(rows.map((row) => row.documentId)),
    ]);
    return rows.map((row) => {
      const { entries = 0, managedObjects = 0, openRequests = 0 } = usage.get(row.documentId) ?? {};
      return {
        ...ruleOf(row),
        description: row.description ?? null,
        isDefault: row.documentId === defaultTemplateId,
        itemLevel: entries > 0,
        usage: { managedObjects, openRequests },
        editedBy: row.editedBy ?? null,
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
      };
    });
  };

  /**
   * Rule problems (seed 003) and unknown users/roles/groups, as one 400 naming them. Inside the
   * write's transaction: the groups named are locked first, so that none is deleted before the
   * template that names it commits.
   */
  const check = async (input: TemplateInput) => {
    const groupIds = input.stages.flatMap((stage) => stage.obligations.flatMap((o) => (o.kind === 'group' ? [o.id] : [])));
    if (groupIds.length) await lockRows(strapi, UID.group, { documentId: { $in: groupIds } });
    const { name, securityLevel, urgentAllowed, rejectionPolicy, ownerRules, stages } = input;
    const problems = validateRule({ id: 'new', version: 1, name, securityLevel, urgentAllowed, rejectionPolicy, ownerRules, stages });
    if (problems.length) {
      throw badRequest(`Invalid template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
        problems,
        errors: problems.map((p) => ({ path: p.segments.map(String), message: p.message, name: 'ValidationError' })),
      });
    }
    const unknown = await getService(strapi, 'directory').unknownReferences(input);
    const parts = [
      unknown.users.length ? `unknown users ${unknown.users.join(', ')}` : '',
      unknown.roles.length ? `unknown roles ${unknown.roles.join(', ')}` : '',
      unknown.groups.length ? `unknown groups ${unknown.groups.join(', ')}` : '',
    ].filter(Boolean);
    if (parts.length) throw invalidField(['stages'], `Invalid template: ${parts.join('; ')}`, { unknown });
  };

  const fields = (input: TemplateInput) => ({
    name: input.name,
    description: input.description,
    securityLevel: input.securityLevel,
    urgentAllowed: input.urgentAllowed,
    rejectionPolicy: input.rejectionPolicy,
    ownerRules: input.ownerRules,
    stages: input.stages,
  });

  const recordVersion = async (row: TemplateRow, actor: string) => {
    await strapi.db.query(UID.templateVersion).create({
      data: { templateId: row.documentId, version: row.version, rule: ruleOf(row), editedBy: actor },
    });
  };

  return {
    ruleOf,

    async list(page: PageQuery) {
      return templates.findPage(page, { orderBy: [{ name: 'asc' }, { id: 'asc' }] }, present);
    },

    async get(id: string) {
      const row = await findRow(id);
      const [template] = await present([row]);
      const versions = await strapi.db
        .query(UID.templateVersion)
        .findMany({ where: { templateId: id }, orderBy: { version: 'desc' } });
      return {
        ...template,
        versions: versions.map(
          (v): TemplateVersion => ({ version: v.version, rule: v.rule, editedBy: v.editedBy ?? null, createdAt: new Date(v.createdAt).toISOString() })
        ),
      };
    },

    /** The frozen rule of a template, for a request that starts now. */
    async rule(id: string): Promise<Rule> {
      return ruleOf(await findRow(id));
    },

    async create(input: TemplateInput, actor: string) {
      const row = await writeAndAudit(strapi, async () => {
        await check(input);
        const created = await query().create({ data: { ...fields(input), version: 1, editedBy: actor } });
        await recordVersion(created, actor);
        return {
          result: created,
          audit: [{ action: 'rule-created', actor, subject: created.documentId, details: { version: 1, name: input.name } }],
        };
      });
      return (await present([row]))[0];
    },

    /** A new version; open requests keep the copy they started with. */
    async update(id: string, input: TemplateInput, actor: { principal: string }) {
      const current = await findRow(id);
      if (((await usageOf([id])).get(id)?.entries ?? 0) > 0) {
        await getService(strapi, 'directory').confirmPassword(actor.principal, input.password, 'Editing an item-level template');
      }
      const row = await writeAndAudit(strapi, async () => {
        const locked = await templates.lockOr404(id, LABEL);
        await check(input);
        const version = locked.version + 1;
        const updated = await query().update({
          where: { id: current.id },
          data: { ...fields(input), version, editedBy: actor.principal },
        });
        await recordVersion(updated, actor.principal);
        return {
          result: updated,
          audit: [{ action: 'rule-edited', actor: actor.principal, subject: id, details: { version, name: input.name } }],
        };
      });
      return (await present([row]))[0];
    },

    /**
     * Refused while a managed object or the default setting names the template. Checked under the
     * template's lock, which marking an object with it and making it the default take too.
     */
    async remove(id: string, actor: string) {
      await writeAndAudit(strapi, async () => {
        const row = await templates.lockOr404(id, LABEL);
        const [users, { defaultTemplateId }] = await Promise.all([
          strapi.db.query(UID.managedObject).findMany({ where: { templateId: id }, select: ['documentId', 'uid', 'entryDocumentId'] }),
          getService(strapi, 'settings').get(),
        ]);
        if (users.length || defaultTemplateId === id) {
          throw conflict(`Template ${id} is in use and cannot be deleted`, {
            managedObjects: users.map((u) => u.documentId),
            isDefault: defaultTemplateId === id,
          });
        }
        await query().delete({ where: { id: row.id } });
        return { result: undefined, audit: [{ action: 'rule-deleted', actor, subject: id, details: { version: row.version, name: row.name } }] };
      });
    },

    /** Makes a template the global default (or clears it with null). */
    async setDefault(id: string | null, actor: string) {
      if (id) await findRow(id);
      return getService(strapi, 'settings').update({ defaultTemplateId: id }, actor);
    },
  };
};

export type TemplatesService = ReturnType<typeof createTemplatesService>;
