import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { DiffEntryView, DiffValueType, MediaValue, RelationValue } from '../../../../shared/contracts/requests';
import { diffData, type Operation } from '../../domain';
import { canonicalJson } from '../../utils/canonical-json';
import type { Data, Snapshot } from '../snapshot';
import { configurationOf, titleIn, type ModelConfiguration } from './entry-title';

/** An attribute of a content type or component schema, as far as the diff reads it. */
interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  private?: boolean;
}

type Attributes = Record<string, Attribute>;

/** Bookkeeping fields: what they hold says nothing about the content, approving does not set them. */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

const VALUE_TYPES = new Set<string>([
  'string', 'text', 'richtext', 'blocks', 'email', 'uid', 'enumeration', 'integer', 'biginteger', 'float', 'decimal', 'boolean',
  'date', 'datetime', 'time', 'json', 'password', 'relation', 'media', 'component', 'dynamiczone',
]);

const FILE = 'plugin::upload.file';

/** How a related entry or a file is pointed at: by row id (the content manager) or by document id (REST, the base). */
interface Ref {
  id?: number;
  documentId?: string;
}

const refOf = (value: unknown): Ref | null => {
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string') return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (value && typeof value === 'object') {
    const { id, documentId } = value as Record<string, unknown>;
    const ref: Ref = {};
    if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) ref.id = Number(id);
    if (typeof documentId === 'string') ref.documentId = documentId;
    return ref.id === undefined && ref.documentId === undefined ? null : ref;
  }
  return null;
};

const toArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const refsOf = (value: unknown): Ref[] => toArray(value).flatMap((item) => refOf(item) ?? []);
const isRecord = (value: unknown): value is Data => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const isToMany = (attribute: Attribute) => Boolean(attribute.relation && (/ToMany$/.test(attribute.relation) || attribute.relation === 'manyWay'));
const isMorph = (attribute: Attribute) => Boolean(attribute.relation?.startsWith('morph'));
const hidden = (attribute: Attribute) => attribute.private === true || attribute.type === 'password';

/**
 * Looks up what refs point at. The walk runs twice: once recording every ref (one query per target
 * type and one for files follow), once reading the answers.
 */
interface Lookup {
  /** The document ids that refs of `uid` point at (refs to entries that no longer exist are left out). */
  documentIds(uid: string, refs: Ref[]): string[];
  relation(uid: string, documentId: string): RelationValue;
  media(refs: Ref[]): MediaValue[];
}

/**
 * A proposal's value of a relation as the set of document ids it leaves: the content manager's
 * `{ connect, disconnect, set }` applied to the base's set, or REST's array / single id (the whole set).
 */
const relationAfter = (lookup: Lookup, uid: string, value: unknown, base: unknown): string[] => {
  const baseIds = lookup.documentIds(uid, refsOf(base));
  if (isRecord(value) && ('connect' in value || 'disconnect' in value || 'set' in value)) {
    if (value.set !== undefined) return lookup.documentIds(uid, refsOf(value.set));
    const gone = new Set(lookup.documentIds(uid, refsOf(value.disconnect)));
    return [...new Set([...baseIds, ...lookup.documentIds(uid, refsOf(value.connect))])].filter((id) => !gone.has(id));
  }
  return lookup.documentIds(uid, refsOf(value));
};

/** A file shown by its URL, name and thumbnail. */
const mediaValueOf = (file: Data): MediaValue => {
  const formats = isRecord(file.formats) ? file.formats : {};
  const thumbnail = isRecord(formats.thumbnail) ? formats.thumbnail : {};
  return {
    id: file.id as number,
    name: String(file.name ?? ''),
    url: String(file.url ?? ''),
    thumbnailUrl: typeof thumbnail.url === 'string' ? thumbnail.url : null,
    mime: typeof file.mime === 'string' ? file.mime : null,
  };
};

/** Values that are compared whole (a to-one relation, a single file, a private field) stand in the diff as tokens. */
type Tokens = Map<string, unknown>;
const TOKEN = '\u0000approval-workflow:';

/**
 * The diff between a request's base and its proposal as approvers read it (`DiffEntryView`).
 *
 * Both sides are first brought to one shape by walking the content type's schema: relations become
 * the related entries (`RelationValue`, by the target type's main field; the content manager's
 * `{ connect, disconnect, set }` applied to the base), media the files (`MediaValue`), components
 * and dynamic-zone items are walked with their own schema and matched by position (the base keeps
 * no component ids: `chapters[id=2]` is the second chapter), bookkeeping fields are left out, and
 * private fields (and passwords) are compared but never shown: their entries have `before` and
 * `after` null. Then the engine's `diffData` compares them, and each entry gets its labels (the
 * content manager's field labels) and the attribute type at the end of its path.
 * Make one per answer: it keeps the content manager's configurations it read.
 */
export const createDiffView = (strapi: Core.Strapi) => {
  const configurations = new Map<string, Promise<ModelConfiguration>>();
  const configuration = (uid: string) => {
    if (!configurations.has(uid)) configurations.set(uid, configurationOf(strapi, uid));
    return configurations.get(uid) as Promise<ModelConfiguration>;
  };
  const attributesOf = (uid: string): Attributes => ((strapi.getModel(uid as never) as { attributes?: Attributes } | undefined)?.attributes ?? {});

  /** Brings an entry's data (or a component's) to the diff's shape; keys that are not content are left out. */
  const shape = (uid: string, data: Data, base: Data | null, lookup: Lookup, tokens: Tokens): Data => {
    const attributes = attributesOf(uid);
    const out: Data = {};
    for (const [key, value] of Object.entries(data)) {
      const attribute = attributes[key];
      if (!attribute || SYSTEM_FIELDS.has(key) || value === undefined) continue;
      out[key] = shapeValue(attribute, value, base?.[key], lookup, tokens);
    }
    // A component's relation the proposal leaves out is kept by Strapi (the stored proposal drops an
    // unchanged `{ connect: [], disconnect: [] }`): it stays the base's.
    if (base && uid in strapi.components) {
      for (const [key, attribute] of Object.entries(attributes)) {
        if (attribute.type === 'relation' && !(key in out) && base[key] !== undefined) out[key] = shapeValue(attribute, { connect: [], disconnect: [] }, base[key], lookup, tokens);
      }
    }
    return out;
  };

  const token = (tokens: Tokens, key: string, shown: unknown) => {
    tokens.set(`${TOKEN}${key}`, shown);
    return `${TOKEN}${key}`;
  };

  const shapeValue = (attribute: Attribute, value: unknown, base: unknown, lookup: Lookup, tokens: Tokens): unknown => {
    // Compared by a hash, shown as null: approvers see that a private field changes, not its value.
    if (hidden(attribute)) return token(tokens, `hidden:${createHash('sha256').update(canonicalJson(value ?? null)).digest('hex')}`, null);
    if (attribute.type === 'relation' && attribute.target && !isMorph(attribute)) {
      const target = attribute.target;
      const related = relationAfter(lookup, target, value, base).map((documentId) => lookup.relation(target, documentId));
      if (isToMany(attribute)) return related;
      const one = related[related.length - 1];
      return one ? token(tokens, `relation:${one.uid}:${one.documentId}`, one) : null;
    }
    if (attribute.type === 'media') {
      const files = lookup.media(refsOf(value));
      if (attribute.multiple) return files;
      return files[0] ? token(tokens, `media:${files[0].id}`, files[0]) : null;
    }
    if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      if (attribute.repeatable) {
        const bases = toArray(base);
        return toArray(value).map((item, i) =>
          isRecord(item) ? { id: i + 1, ...shape(component, item, isRecord(bases[i]) ? bases[i] : null, lookup, tokens) } : item
        );
      }
      return isRecord(value) ? shape(component, value, isRecord(base) ? base : null, lookup, tokens) : value;
    }
    if (attribute.type === 'dynamiczone') {
      const bases = toArray(base);
      return toArray(value).map((item, i) => {
        if (!isRecord(item) || typeof item.__component !== 'string') return item;
        const before = bases[i];
        const sameKind = isRecord(before) && before.__component === item.__component ? before : null;
        return { id: i + 1, __component: item.__component, ...shape(item.__component, item, sameKind, lookup, tokens) };
      });
    }
    return value;
  };

  /** Runs `walk` once to learn every ref, asks the database once per target type (and once for files), runs it again. */
  const resolved = async <T>(walk: (lookup: Lookup) => T): Promise<T> => {
    const wanted = new Map<string, Ref[]>();
    const want = (uid: string, refs: Ref[]) => wanted.set(uid, [...(wanted.get(uid) ?? []), ...refs]);
    walk({
      documentIds: (uid, refs) => (want(uid, refs), []),
      relation: (uid, documentId) => ({ uid, documentId, title: null }),
      media: (refs) => (want(FILE, refs), []),
    });
    const rows = new Map<string, Data[]>();
    await Promise.all(
      [...wanted].map(async ([uid, refs]) => {
        const ids = [...new Set(refs.flatMap((ref) => (ref.id === undefined ? [] : [ref.id])))];
        const documentIds = [...new Set(refs.flatMap((ref) => (ref.documentId === undefined ? [] : [ref.documentId])))];
        if ((!ids.length && !documentIds.length) || !strapi.getModel(uid as never)) return;
        const where = { $or: [{ id: { $in: ids } }, { documentId: { $in: documentIds } }] };
        rows.set(uid, (await strapi.db.query(uid as never).findMany({ where, orderBy: { id: 'asc' } })) as Data[]);
      })
    );
    const titles = new Map<string, string>();
    await Promise.all(
      [...rows.keys()].filter((uid) => uid !== FILE).map(async (uid) => titles.set(uid, (await configuration(uid)).mainField))
    );
    const find = (uid: string, ref: Ref) =>
      (rows.get(uid) ?? []).find((row) => (ref.documentId !== undefined ? row.documentId === ref.documentId : row.id === ref.id));
    return walk({
      documentIds: (uid, refs) => refs.flatMap((ref) => ref.documentId ?? (find(uid, ref)?.documentId as string | undefined) ?? []),
      relation: (uid, documentId) => ({ uid, documentId, title: titleIn(titles.get(uid) ?? 'id', find(uid, { documentId })) }),
      media: (refs) => refs.flatMap((ref) => {
        const file = find(FILE, ref);
        return file ? [mediaValueOf(file)] : [];
      }),
    });
  };

  const displayName = (component: unknown) =>
    typeof component === 'string' ? (strapi.components[component as keyof typeof strapi.components]?.info.displayName ?? component) : '';

  /**
   * Labels and type of a diff path, read along the schema and the shaped values: one label per
   * attribute (the content manager's label) and per array element (a component's display name and
   * position, a related entry's title, a file's name); inside JSON the keys themselves, type `other`.
   */
  const describe = async (uid: string, path: string, roots: unknown[]): Promise<{ labels: string[]; type: DiffValueType }> => {
    const labels: string[] = [];
    let type: DiffValueType = 'other';
    let model: string | null = uid;
    let attribute: Attribute | undefined;
    let nodes = roots;
    for (const [, key, idField, idValue] of path.matchAll(/([^.[\]]+)|\[(documentId|id)=([^\]]*)\]/g)) {
      if (key !== undefined) {
        attribute = model ? attributesOf(model)[key] : undefined;
        labels.push(model && attribute ? ((await configuration(model)).labels[key] ?? key) : key);
        type = attribute && VALUE_TYPES.has(attribute.type) ? (attribute.type as DiffValueType) : 'other';
        nodes = nodes.map((node) => (isRecord(node) ? node[key] : undefined));
        model = attribute?.type === 'component' && !attribute.repeatable ? (attribute.component ?? null) : null;
        continue;
      }
      nodes = nodes.map((node) => (Array.isArray(node) ? node.find((item) => isRecord(item) && String(item[idField]) === idValue) : undefined));
      const element = nodes.find(isRecord) ?? {};
      if (attribute?.type === 'component' || attribute?.type === 'dynamiczone') {
        model = attribute.type === 'component' ? (attribute.component ?? null) : typeof element.__component === 'string' ? element.__component : null;
        labels.push(`${displayName(model)} ${idValue}`);
        type = 'component';
      } else {
        labels.push(String(element.title ?? element.name ?? idValue));
        model = null;
      }
      attribute = undefined;
    }
    return { labels, type };
  };

  return {
    /**
     * What approving would change, base → proposal, for the operation's kind: a create shows every
     * proposed field, an update (and a clone) the fields it sends, a publish the published version
     * against draft + proposal, a delete or an unpublish every field removed, a discard the draft
     * against the published version. Relations are taken from the base the proposal changes.
     */
    async of(uid: string, operation: Operation, base: Snapshot | null, proposal: Data | null): Promise<DiffEntryView[]> {
      const current = base?.draft ?? base?.published ?? null;
      const pick = (from: Data | null) => Object.fromEntries(Object.keys(proposal ?? {}).map((key) => [key, from?.[key]]));
      const sides: Record<Operation, [Data | null, Data | null]> = {
        create: [null, proposal],
        clone: [pick(current), proposal],
        update: [pick(current), proposal],
        delete: [current, null],
        publish: [base?.published ?? null, { ...(base?.draft ?? {}), ...(proposal ?? {}) }],
        unpublish: [base?.published ?? null, null],
        discardDraft: [base?.draft ?? null, base?.published ?? null],
      };
      const [before, after] = sides[operation];
      const tokens: Tokens = new Map();
      const [left, right] = await resolved((lookup) => [
        shape(uid, before ?? {}, null, lookup, tokens),
        shape(uid, after ?? {}, current, lookup, tokens),
      ]);
      const shown = (value: unknown): unknown => {
        if (typeof value === 'string') return tokens.has(value) ? tokens.get(value) : value;
        if (Array.isArray(value)) return value.map(shown);
        return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shown(item)])) : value;
      };
      return Promise.all(
        diffData(left, right).map(async (entry) => ({
          path: entry.path,
          ...(await describe(uid, entry.path, [left, right])),
          kind: entry.kind,
          before: shown(entry.before),
          after: shown(entry.after),
        }))
      );
    },
  };
};

export type DiffView = ReturnType<typeof createDiffView>;
