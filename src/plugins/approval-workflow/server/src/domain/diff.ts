/** What happened to one value between the base (the target as it was) and the proposal. */
export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  /**
   * Where the value is: keys joined by dots (`seo.metaTitle`); an element of an array of objects
   * with ids is named by its id (`blocks[id=3].text`, `authors[documentId=abc]`); '' for the whole
   * value.
   */
  path: string;
  kind: DiffKind;
  /** The base value (undefined when added). */
  before: unknown;
  /** The proposed value (undefined when removed). */
  after: unknown;
}

type Plain = Record<string, unknown>;

const hasOwn = (value: Plain, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/** A plain data object (JSON object), not an array, a date or another class instance. */
function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A key whose value is undefined is the same as no key (JSON data). */
function definedKeys(value: Plain): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/** Structural equality of data: JSON values (NaN equals NaN), and dates by their time. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = definedKeys(a);
    return keys.length === definedKeys(b).length && keys.every((key) => hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** The identity of an array element: `documentId=<x>`, else `id=<x>`; null when it has neither. */
function identityOf(value: unknown): string | null {
  if (!isPlainObject(value)) return null;
  for (const field of ['documentId', 'id']) {
    const id = value[field];
    if (typeof id === 'string' || typeof id === 'number') return `${field}=${id}`;
  }
  return null;
}

/** The elements of an array by identity, or null unless every element has a distinct identity. */
function byIdentity(values: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const value of values) {
    const id = identityOf(value);
    if (id === null || map.has(id)) return null;
    map.set(id, value);
  }
  return map;
}

const sortedUnion = (a: Iterable<string>, b: Iterable<string>): string[] => [...new Set([...a, ...b])].sort();

const child = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function walk(path: string, before: unknown, after: unknown, out: DiffEntry[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of sortedUnion(definedKeys(before), definedKeys(after))) {
      const b = hasOwn(before, key) ? before[key] : undefined;
      const a = hasOwn(after, key) ? after[key] : undefined;
      if (b === undefined) out.push({ path: child(path, key), kind: 'added', before: undefined, after: a });
      else if (a === undefined) out.push({ path: child(path, key), kind: 'removed', before: b, after: undefined });
      else walk(child(path, key), b, a, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const left = byIdentity(before);
    const right = byIdentity(after);
    if (left !== null && right !== null) {
      // Same elements in another order: the order itself changed, shown as a change of the array.
      const leftOrder = [...left.keys()].filter((id) => right.has(id));
      const rightOrder = [...right.keys()].filter((id) => left.has(id));
      if (JSON.stringify(leftOrder) === JSON.stringify(rightOrder)) {
        for (const id of sortedUnion(left.keys(), right.keys())) {
          const at = `${path}[${id}]`;
          if (!left.has(id)) out.push({ path: at, kind: 'added', before: undefined, after: right.get(id) });
          else if (!right.has(id)) out.push({ path: at, kind: 'removed', before: left.get(id), after: undefined });
          else walk(at, left.get(id), right.get(id), out);
        }
        return;
      }
    }
  }
  if (!deepEqual(before, after)) out.push({ path, kind: 'changed', before, after });
}

/**
 * What an approver sees: the differences between the base (the target when the request was made)
 * and the proposal. Plain objects are compared key by key, deeply, keys in sorted order; a key
 * whose value is undefined counts as absent. Arrays are compared as whole values, except two arrays
 * whose elements are all objects with distinct `documentId`s or `id`s: their elements are matched
 * by id (added, removed, or compared deeply), and a change of their order is one change of the
 * whole array. A null or absent base or proposal at the top counts as an empty object (a create
 * shows every field added, a delete every field removed). Deterministic: same input, same list.
 */
export function diffData(base: unknown, proposal: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  const empty = (value: unknown, other: unknown): unknown => ((value === null || value === undefined) && isPlainObject(other) ? {} : value);
  walk('', empty(base, proposal), empty(proposal, base), out);
  return out;
}
