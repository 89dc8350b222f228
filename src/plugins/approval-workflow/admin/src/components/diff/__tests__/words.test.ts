import fc from 'fast-check';

import { diffWords } from '../words';

const side = (parts: ReturnType<typeof diffWords>, drop: 'added' | 'removed') =>
  parts
    .filter((part) => part.kind !== drop)
    .map((part) => part.text)
    .join('');

describe('diffWords', () => {
  it.each([
    [
      'Welcome',
      'Welcome to the new website',
      [
        { kind: 'same', text: 'Welcome' },
        { kind: 'added', text: ' to the new website' },
      ],
    ],
    [
      'Welcome to our site',
      'Welcome to the new website',
      [
        { kind: 'same', text: 'Welcome to ' },
        { kind: 'removed', text: 'our site' },
        { kind: 'added', text: 'the new website' },
      ],
    ],
    ['same text', 'same text', [{ kind: 'same', text: 'same text' }]],
    ['', 'new', [{ kind: 'added', text: 'new' }]],
    [
      'old\n\nline',
      'new\n\nline',
      [
        { kind: 'removed', text: 'old' },
        { kind: 'added', text: 'new' },
        { kind: 'same', text: '\n\nline' },
      ],
    ],
  ])('%j → %j', (before, after, parts) => {
    expect(diffWords(before, after)).toEqual(parts);
  });

  it('gives both texts back: same + removed is the base, same + added the proposal', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '\n', 'dd'), { maxLength: 30 }).map((words) => words.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffWords(before, after);
        expect(side(parts, 'added')).toBe(before);
        expect(side(parts, 'removed')).toBe(after);
      })
    );
  });

  it('shows a very long change as one removal and one addition', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    expect(diffWords(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });
});
