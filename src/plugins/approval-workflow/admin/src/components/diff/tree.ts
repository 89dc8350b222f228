import type { DiffEntryView } from '../../../../shared/contracts/requests';

/** One field as the diff shows it: its label, and the change (elements of a to-many relation or media field merged). */
export interface FieldChange {
  path: string;
  label: string;
  type: DiffEntryView['type'];
  kind: DiffEntryView['kind'];
  before: unknown;
  after: unknown;
}

export type DiffNode =
  | { node: 'field'; key: string; change: FieldChange }
  | { node: 'group'; key: string; label: string; children: DiffNode[] };

/** `blocks[id=3].body` → `blocks`, `[id=3]`, `body`: attribute names and array elements. */
const segmentsOf = (path: string): string[] => path.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];

const ELEMENT = /\[[^\]]*\]$/;

/**
 * The path of an entry as groups (keys and labels) and the field at its end. The server gives one
 * label per segment, an array element being a segment of its own (`blocks`, `[id=3]`, `body`) or
 * part of its attribute's (`blocks[id=3]`, `body`); labels that match neither are their own keys.
 * An element added to or removed from a to-many relation or media field is a change of that field.
 */
const stepsOf = (entry: DiffEntryView): { steps: Array<{ key: string; label: string }>; path: string; element: boolean } => {
  const labels = Array.isArray(entry.labels) && entry.labels.length > 0 ? entry.labels : segmentsOf(entry.path);
  const keys = [segmentsOf(entry.path), entry.path.split('.')].find((candidate) => candidate.length === labels.length) ?? labels;
  const steps = labels.map((label, index) => ({ key: keys[index], label }));
  const element =
    (entry.type === 'relation' || entry.type === 'media') && ELEMENT.test(entry.path) && entry.path.replace(ELEMENT, '') !== '';
  if (!element) return { steps, path: entry.path, element };
  const last = steps[steps.length - 1];
  // The element's own segment (`[documentId=…]`) names no group: the field is its attribute.
  const trimmed = steps.length > 1 && last.key.startsWith('[') ? steps.slice(0, -1) : steps;
  return { steps: trimmed, path: entry.path.replace(ELEMENT, ''), element };
};

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Two changes of one field (elements of a to-many relation): the removed values before, the added ones after. */
const merge = (a: FieldChange, b: FieldChange): FieldChange => {
  const before = [...asList(a.before), ...asList(b.before)];
  const after = [...asList(a.after), ...asList(b.after)];
  const kind = before.length === 0 ? 'added' : after.length === 0 ? 'removed' : 'changed';
  return { ...a, kind, before: before.length > 0 ? before : undefined, after: after.length > 0 ? after : undefined };
};

/**
 * The diff as a tree: fields inside a component or a dynamic-zone item are grouped under that
 * component's label (nested as deep as the path goes), in the server's order.
 */
export const diffTree = (diff: DiffEntryView[]): DiffNode[] => {
  const root: DiffNode[] = [];
  for (const entry of diff) {
    const { steps, path, element } = stepsOf(entry);
    let level = root;
    let key = '';
    for (const step of steps.slice(0, -1)) {
      key = `${key}/${step.key}`;
      let group = level.find((node) => node.node === 'group' && node.key === key);
      if (!group) {
        group = { node: 'group', key, label: step.label, children: [] };
        level.push(group);
      }
      level = (group as Extract<DiffNode, { node: 'group' }>).children;
    }
    const change: FieldChange = {
      path,
      label: steps[steps.length - 1]?.label ?? '',
      type: entry.type ?? 'other',
      kind: entry.kind,
      before: entry.before,
      after: entry.after,
    };
    const index = element ? level.findIndex((node) => node.node === 'field' && node.key === path) : -1;
    if (index >= 0) {
      const existing = level[index] as Extract<DiffNode, { node: 'field' }>;
      level[index] = { ...existing, change: merge(existing.change, change) };
    } else {
      level.push({ node: 'field', key: path, change });
    }
  }
  return root;
};
