import { changedFields, paramsOf, transformData } from '../form-data';

describe('the content manager’s form values as it sends them', () => {
  it('transformData: relation and media values held as { apiData } are sent as that data, everywhere in the tree', () => {
    const values = {
      title: 'A',
      cover: { apiData: { id: 3 }, url: '/x.png' },
      chapters: [{ heading: 'H', related: { connect: [{ apiData: { documentId: 'd1', locale: null }, label: 'Doc 1' }], disconnect: [] } }],
      count: 2,
      empty: null,
    };
    expect(transformData(values)).toEqual({
      title: 'A',
      cover: { id: 3 },
      chapters: [{ heading: 'H', related: { connect: [{ documentId: 'd1', locale: null }], disconnect: [] } }],
      count: 2,
      empty: null,
    });
  });

  it.each([
    ['no query', undefined, {}],
    ['the locale of the i18n plugin', { plugins: { i18n: { locale: 'fr' } } }, { locale: 'fr' }],
    ['other keys kept, plugin options flattened in', { status: 'draft', plugins: { i18n: { locale: 'en' }, other: 'x' } }, { status: 'draft', locale: 'en' }],
  ])('paramsOf: %s', (_, query, params) => {
    expect(paramsOf(query)).toEqual(params);
  });

  it('changedFields: the fields whose sent value differs; an untouched relation ({ connect: [], disconnect: [] }) is no change', () => {
    const initial = { title: 'Welcome', body: 'Text', section: { connect: [], disconnect: [] }, chapters: [{ heading: 'A' }] };
    expect(changedFields({ ...initial }, initial)).toEqual([]);
    expect(changedFields({ ...initial, title: 'Welcome!', chapters: [{ heading: 'B' }] }, initial)).toEqual(['title', 'chapters']);
    expect(changedFields({ ...initial, section: { connect: [{ apiData: { documentId: 'n' } }], disconnect: [] } }, initial)).toEqual(['section']);
    expect(changedFields({ ...initial, price: 3 }, initial)).toEqual(['price']);
  });
});
