import { TITLE_MAX_LENGTH, titleIn } from '../entry-title';

describe('titleIn: the main field of the first source that has one', () => {
  it.each<[string, string, Array<Record<string, unknown> | null>, string | null]>([
    ['the proposal first', 'title', [{ title: 'Proposed' }, { title: 'Draft' }], 'Proposed'],
    ['else the next source', 'title', [{ body: 'x' }, null, { title: 'Published' }], 'Published'],
    ['an empty value is no title', 'title', [{ title: '  ' }, { title: 'Draft' }], 'Draft'],
    ['a number as text', 'rank', [{ rank: 3 }], '3'],
    ['an identifier is no title', 'documentId', [{ documentId: 'abc' }], null],
    ['nor is the row id', 'id', [{ id: 1 }], null],
    ['none anywhere', 'title', [{ title: null }, null], null],
  ])('%s', (_case, mainField, sources, expected) => {
    expect(titleIn(mainField, ...sources)).toBe(expected);
  });

  it('keeps at most what the column holds', () => {
    expect(titleIn('title', { title: 'x'.repeat(TITLE_MAX_LENGTH + 10) })).toHaveLength(TITLE_MAX_LENGTH);
  });
});
