/** One run of a word diff: words both sides share, or words only the base / only the proposal has. */
export interface WordPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Beyond this many word pairs the middle is shown as one removal and one addition (memory stays small). */
const MAX_CELLS = 4_000_000;

/** Words and the runs of whitespace between them: joined, the tokens give the text back. */
const tokens = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

const push = (parts: WordPart[], kind: WordPart['kind'], text: string) => {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
};

/**
 * Base → proposal word by word (a longest common subsequence of the words): the `same` and
 * `removed` parts joined give the base, the `same` and `added` parts the proposal.
 */
/** The longest common subsequence of two token lists as a list of single-token steps. */
const steps = (a: string[], b: string[]): WordPart[] => {
  if (a.length * b.length > MAX_CELLS)
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const out: WordPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
      out.push({ kind: 'removed', text: a[i] });
      i += 1;
    } else {
      out.push({ kind: 'added', text: b[j] });
      j += 1;
    }
  }
  return out;
};

/** Spaces within a line (a line break between two changes stays a line break). */
const isSpace = (part: WordPart) => /^[^\S\n]+$/.test(part.text);

/**
 * Base → proposal word by word (a longest common subsequence of the words): the `same` and
 * `removed` parts joined give the base, the `same` and `added` parts the proposal. The space
 * between two changed words belongs to the change ("our site" → "the new website" is one run).
 */
export const diffWords = (before: string, after: string): WordPart[] => {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const middle = steps(a.slice(start, endA), b.slice(start, endB));
  const parts: WordPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  // A run of changes: its removed words, then its added words.
  let removed = '';
  let added = '';
  middle.forEach((step, index) => {
    const changedAround =
      index > 0 && middle[index - 1].kind !== 'same' && middle[index + 1] !== undefined && middle[index + 1].kind !== 'same';
    if (step.kind === 'same' && !(isSpace(step) && changedAround)) {
      push(parts, 'removed', removed);
      push(parts, 'added', added);
      removed = '';
      added = '';
      push(parts, 'same', step.text);
    } else {
      if (step.kind !== 'added') removed += step.text;
      if (step.kind !== 'removed') added += step.text;
    }
  });
  push(parts, 'removed', removed);
  push(parts, 'added', added);
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
};
