import { resolveTemplateId } from '../resolve';

describe('resolveTemplateId: entry, else managed parent, else collection, else global default', () => {
  it.each([
    [{ entry: 'e', parent: 'p', collection: 'c', globalDefault: 'g' }, { templateId: 'e', level: 'entry' }],
    [{ entry: null, parent: 'p', collection: 'c', globalDefault: 'g' }, { templateId: 'p', level: 'parent' }],
    [{ parent: undefined, collection: 'c', globalDefault: 'g' }, { templateId: 'c', level: 'collection' }],
    [{ entry: null, parent: null, collection: null, globalDefault: 'g' }, { templateId: 'g', level: 'global' }],
    [{ entry: null, parent: null, collection: null, globalDefault: null }, null],
    [{}, null],
  ])('%j → %j', (candidates, expected) => {
    expect(resolveTemplateId<string>(candidates)).toEqual(expected);
  });

  it('keeps numeric ids, 0 included', () => {
    expect(resolveTemplateId<number>({ entry: 0, collection: 4 })).toEqual({ templateId: 0, level: 'entry' });
  });
});
