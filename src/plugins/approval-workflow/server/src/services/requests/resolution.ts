import type { Core, UID as StrapiUID } from '@strapi/strapi';
import type { Settings } from '../../../../shared/contracts/settings';
import { ownerRulesSchema, resolveTemplateId, type Operation, type Rule, type TimePolicy } from '../../domain';
import { getService } from '../../utils/get-service';
import type { OpenInput } from './types';

/** The installation's reminder and escalation timing, as the engine takes it. */
export const policyOf = (settings: Settings): TimePolicy => ({
  reminderIntervalMinutes: settings.reminderIntervalMinutes,
  escalationAfterMinutes: settings.escalationAfterMinutes,
});

/** The same object and operation may have one open request at a time (DESIGN rule 2); creates never collide. */
export const openKeyOf = (uid: string, operation: Operation, documentId: string | null, locale: string | null) =>
  operation === 'create' || operation === 'clone' ? null : `${uid}|${documentId}|${locale ?? ''}|${operation}`;

/** The rule of a request that no template reaches: one stage for the approval admins (the bypass roles). */
const approvalAdminsRule = (settings: Settings): Rule => ({
  id: 'builtin:approval-admins',
  version: 1,
  name: 'Approval admins',
  securityLevel: 'simple',
  urgentAllowed: false,
  rejectionPolicy: 'decline',
  ownerRules: ownerRulesSchema.parse({}),
  stages: [
    {
      name: 'Approval admins',
      criteria: 1,
      obligations: settings.bypassRoles.map((roleId) => ({ kind: 'role' as const, id: String(roleId) })),
      timeSpanMinutes: null,
      onExpiry: 'deny',
    },
  ],
});

/** Who and what a new request starts with: its frozen rule (template resolution) and the target's owner. */
export const createResolution = (strapi: Core.Strapi) => {
  /** The template a target is under (DESIGN: template resolution), frozen for the new request. */
  const ruleFor = async (managed: OpenInput['managed'], settings: Settings): Promise<Rule> => {
    const managedObjects = getService(strapi, 'managedObjects');
    const inheritedFrom = managed.entry?.inheritedFrom ? await managedObjects.find(managed.entry.inheritedFrom) : null;
    const resolution = resolveTemplateId({
      entry: managed.entry?.templateId,
      parent: managed.parent?.templateId ?? inheritedFrom?.templateId,
      collection: managed.collection?.templateId,
      globalDefault: settings.defaultTemplateId,
    });
    return resolution ? getService(strapi, 'templates').rule(resolution.templateId) : approvalAdminsRule(settings);
  };

  /** The owner (seed 002): the admin who created the entry. */
  const creatorOf = async (uid: string, documentId: string) => {
    const row = await strapi.db
      .query(uid as StrapiUID.ContentType)
      .findOne({ where: { documentId }, populate: { createdBy: { select: ['id'] } }, select: ['id'] });
    const creator = row?.createdBy as { id: number } | null | undefined;
    return creator ? `admin:${creator.id}` : null;
  };

  /** The owner of the target; for a new child, the parent's creator; nobody for a create without a parent. */
  const ownerFor = (input: OpenInput) => {
    const { parent } = input.managed;
    if (input.documentId) return creatorOf(input.uid, input.documentId);
    return parent?.entryDocumentId ? creatorOf(parent.uid, parent.entryDocumentId) : Promise.resolve(null);
  };

  return { ruleFor, ownerFor };
};
