import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import type { Operation } from '../domain';
import { deepPopulate } from '../utils/deep-populate';
import type { ApplyParams } from './apply';
import type { Data } from './snapshot';

/** A write that an approval request would make: what the interceptor held back. */
export interface ProposalInput {
  uid: string;
  operation: Operation;
  /** The target; null for a create. For clone, the document cloned. */
  documentId: string | null;
  locale: string | null;
  params: ApplyParams;
}

/**
 * One entry the Document Service would write, as its entries service validates it: a creation or
 * an update of a draft (or of the only version without draft & publish), or the published version
 * a publish creates from the draft.
 */
interface EntryWrite {
  mode: 'creation' | 'update';
  data: unknown;
  isDraft: boolean;
  /** The status relations are looked up in (`transformData`). */
  status: string | undefined;
  /** A publish keeps only the relations whose targets have a published version. */
  allowMissingId?: boolean;
  /** The row an update changes. */
  entity?: { id: number };
}

const isRecord = (value: unknown): value is Data => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** The would-be entry: the stored one (without its row id) with the proposed attributes over it. */
const over = (stored: Data | null, data: unknown): Data => {
  const { id: _id, ...rest } = stored ?? {};
  return { ...rest, ...(isRecord(data) ? data : {}) };
};

/**
 * A draft as a publish reads it back from the database: a scalar attribute the write left out is
 * stored, and read, as null — in components and dynamic zone items too — so the published
 * version is validated with the null a publish sees ("must be a `string` type"), not with a gap.
 */
const asStored = (strapi: Core.Strapi, uid: string, value: unknown): unknown => {
  if (!isRecord(value)) return value;
  const model = strapi.getModel(uid as StrapiUID.Schema);
  const stored: Data = { ...value };
  for (const [name, attribute] of Object.entries(model.attributes)) {
    const current = stored[name];
    if (contentTypes.isScalarAttribute(attribute)) stored[name] = current === undefined ? null : current;
    else if (attribute.type === 'component' && current) {
      stored[name] = Array.isArray(current) ? current.map((item) => asStored(strapi, attribute.component, item)) : asStored(strapi, attribute.component, current);
    } else if (attribute.type === 'dynamiczone' && Array.isArray(current)) {
      stored[name] = current.map((item) => (isRecord(item) && typeof item.__component === 'string' && strapi.components[item.__component as StrapiUID.Component] ? asStored(strapi, item.__component, item) : item));
    }
  }
  return stored;
};

/** The Document Service's `statusToData`: the publication state is written into the data (an array stays what it is). */
const stamped = (data: unknown, publishedAt: Date | null): unknown =>
  data === undefined || data === null ? { publishedAt } : isRecord(data) ? { ...data, publishedAt } : data;

/**
 * DESIGN rule 9, a proposal is checked when it is made: what the Document Service would refuse if
 * the write were made directly is refused when the request is opened, with Strapi's own error.
 * Each entry the write would create or update goes, in the Document Service's order, through the
 * same two steps its entries service runs: `strapi.documents.utils.transformData` (document ids to
 * row ids; "Document with id … not found") and the entity validator (`strapi.entityValidator`, the
 * one the Document Service is built with) in draft or published mode, which checks types, lengths,
 * required fields (published only), uniqueness, components, dynamic zones and that related
 * entries exist. The first refusal is thrown as it is: a 400 `ValidationError` with `details.errors`.
 */
export const createProposalService = ({ strapi }: { strapi: Core.Strapi }) => {
  const strictRelations = () => strapi.config.get<unknown>('api.documents.strictRelations') === true;
  const i18n = () => strapi.plugin('i18n').service('content-types');

  return {
    async check(input: ProposalInput): Promise<void> {
      const uid = input.uid as StrapiUID.ContentType;
      const contentType = strapi.contentType(uid);
      const draftAndPublish = contentTypes.hasDraftAndPublish(contentType);
      const localized = Boolean(i18n().isLocalizedContentType(contentType));
      // The Document Service's `defaultLocale`: a localized type without a locale means the default one.
      const locale = localized ? (input.locale ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string)) : (input.locale ?? undefined);
      const { data } = input.params;
      const documentId = input.documentId as string;

      /** The stored draft (or only version) in this locale, as deep as a publish reads it. */
      const storedVersion = async () =>
        (await strapi.db.query(uid).findOne({
          where: { documentId, ...(localized ? { locale } : {}), ...(draftAndPublish ? { publishedAt: null } : {}) },
          populate: (await deepPopulate(strapi, uid)) as never,
        })) as (Data & { id: number }) | null;

      /** A new locale of an existing document starts with the non-localized fields of another one (`copyNonLocalizedFields`). */
      const nonLocalizedFields = async (): Promise<Data> => {
        if (!localized) return {};
        const existing = await strapi.db.query(uid).findOne({
          where: { documentId },
          orderBy: { publishedAt: 'desc' },
          populate: i18n().getNestedPopulateOfNonLocalizedAttributes(uid),
        });
        const copied: Data = {};
        if (existing) i18n().fillNonLocalizedAttributes(copied, existing, { model: uid });
        return copied;
      };

      // Without draft & publish the only version is the published one.
      const draftWrite = (mode: EntryWrite['mode'], value: unknown, entity?: { id: number }): EntryWrite => ({
        mode,
        data: stamped(value, draftAndPublish ? null : new Date()),
        isDraft: draftAndPublish,
        status: draftAndPublish ? 'draft' : input.params.status,
        ...(entity ? { entity } : {}),
      });
      const publishWrite = (draft: Data): EntryWrite => ({
        mode: 'creation',
        data: stamped(asStored(strapi, uid, over(draft, {})), new Date()),
        isDraft: false,
        status: 'published',
        allowMissingId: true,
      });

      /** An update of the draft in this locale; without one in this locale, the new locale's creation. */
      const saveDraft = async (): Promise<{ writes: EntryWrite[]; draft: Data } | null> => {
        const stored = await storedVersion();
        if (stored) return { writes: [draftWrite('update', data, { id: stored.id })], draft: over(stored, data) };
        if (!(await strapi.db.query(uid).findOne({ where: { documentId }, select: ['id'] }))) return null;
        const created = over(await nonLocalizedFields(), data);
        return { writes: [draftWrite('creation', created)], draft: created };
      };

      const writes: EntryWrite[] = [];
      switch (input.operation) {
        case 'create':
          writes.push(draftWrite('creation', data));
          if (draftAndPublish && input.params.status === 'published') writes.push(publishWrite(over(null, data)));
          break;
        case 'update':
        case 'publish': {
          const publishes = input.operation === 'publish' || input.params.status === 'published';
          const edits = input.operation === 'update' || (isRecord(data) && Object.keys(data).length > 0);
          const saved = edits ? await saveDraft() : null;
          if (saved) writes.push(...saved.writes);
          const draft = saved?.draft ?? (await storedVersion());
          if (draftAndPublish && publishes && draft) writes.push(publishWrite(draft));
          break;
        }
        case 'clone': {
          const source = await storedVersion();
          // A clone is created from the source's draft as a draft.
          if (source) writes.push({ ...draftWrite('creation', over(source, data)), status: 'draft' });
          break;
        }
        default:
          // delete, unpublish and discard carry no data to validate.
          break;
      }

      for (const write of writes) {
        const transformed = await strapi.documents.utils.transformData(write.data, {
          uid,
          locale,
          status: write.status,
          allowMissingId: write.allowMissingId,
          useRequestCache: false,
        });
        const options = { isDraft: write.isDraft, locale, strictRelations: strictRelations() };
        if (write.mode === 'creation') await strapi.entityValidator.validateEntityCreation(contentType, transformed as never, options);
        else await strapi.entityValidator.validateEntityUpdate(contentType, transformed as never, options, write.entity);
      }
    },
  };
};

export type ProposalService = ReturnType<typeof createProposalService>;
