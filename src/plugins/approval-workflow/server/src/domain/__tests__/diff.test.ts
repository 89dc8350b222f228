import { deepEqual, diffData } from '../diff';

describe('diffData: what the approver sees', () => {
  it.each([
    ['no change', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, []],
    ['changed scalar', { title: 'a' }, { title: 'b' }, [{ path: 'title', kind: 'changed', before: 'a', after: 'b' }]],
    ['added and removed keys, sorted', { z: 1, a: 2 }, { b: 3, a: 2 }, [
      { path: 'b', kind: 'added', before: undefined, after: 3 },
      { path: 'z', kind: 'removed', before: 1, after: undefined },
    ]],
    ['undefined counts as absent', { a: undefined, b: 1 }, { b: 1, c: undefined }, []],
    ['deep objects', { seo: { meta: { title: 'x' } } }, { seo: { meta: { title: 'y' } } }, [
      { path: 'seo.meta.title', kind: 'changed', before: 'x', after: 'y' },
    ]],
    ['object replaced by scalar', { seo: { a: 1 } }, { seo: null }, [{ path: 'seo', kind: 'changed', before: { a: 1 }, after: null }]],
    ['scalar arrays as whole values', { tags: ['a', 'b'] }, { tags: ['a', 'c'] }, [
      { path: 'tags', kind: 'changed', before: ['a', 'b'], after: ['a', 'c'] },
    ]],
    ['arrays of different length', { tags: ['a'] }, { tags: ['a', 'b'] }, [{ path: 'tags', kind: 'changed', before: ['a'], after: ['a', 'b'] }]],
    ['equal arrays of objects without id', { l: [{ x: 1 }] }, { l: [{ x: 1 }] }, []],
    ['arrays of objects without id as whole values', { l: [{ x: 1 }] }, { l: [{ x: 2 }] }, [
      { path: 'l', kind: 'changed', before: [{ x: 1 }], after: [{ x: 2 }] },
    ]],
    ['objects with id matched by id', { blocks: [{ id: 1, t: 'a' }, { id: 2, t: 'b' }] }, { blocks: [{ id: 1, t: 'A' }, { id: 3, t: 'c' }] }, [
      { path: 'blocks[id=1].t', kind: 'changed', before: 'a', after: 'A' },
      { path: 'blocks[id=2]', kind: 'removed', before: { id: 2, t: 'b' }, after: undefined },
      { path: 'blocks[id=3]', kind: 'added', before: undefined, after: { id: 3, t: 'c' } },
    ]],
    ['documentId preferred over id', { rel: [{ documentId: 'x', id: 1 }] }, { rel: [{ documentId: 'x', id: 2 }] }, [
      { path: 'rel[documentId=x].id', kind: 'changed', before: 1, after: 2 },
    ]],
    ['empty array to related objects', { rel: [] }, { rel: [{ documentId: 'x' }] }, [
      { path: 'rel[documentId=x]', kind: 'added', before: undefined, after: { documentId: 'x' } },
    ]],
    ['reordered ids: one change of the whole array', { b: [{ id: 1 }, { id: 2 }] }, { b: [{ id: 2 }, { id: 1 }] }, [
      { path: 'b', kind: 'changed', before: [{ id: 1 }, { id: 2 }], after: [{ id: 2 }, { id: 1 }] },
    ]],
    ['duplicate ids: whole values', { b: [{ id: 1, v: 1 }, { id: 1, v: 2 }] }, { b: [{ id: 1, v: 1 }] }, [
      { path: 'b', kind: 'changed', before: [{ id: 1, v: 1 }, { id: 1, v: 2 }], after: [{ id: 1, v: 1 }] },
    ]],
    ['one side without ids', { b: [{ id: 1 }] }, { b: [{ x: 1 }] }, [{ path: 'b', kind: 'changed', before: [{ id: 1 }], after: [{ x: 1 }] }]],
    ['elements that are not objects', { b: [1] }, { b: [{ id: 1 }] }, [{ path: 'b', kind: 'changed', before: [1], after: [{ id: 1 }] }]],
    ['array vs object', { b: [] }, { b: {} }, [{ path: 'b', kind: 'changed', before: [], after: {} }]],
    ['create: null base, every field added', null, { a: 1 }, [{ path: 'a', kind: 'added', before: undefined, after: 1 }]],
    ['delete: no proposal, every field removed', { a: 1 }, undefined, [{ path: 'a', kind: 'removed', before: 1, after: undefined }]],
    ['scalars at the top', 1, 2, [{ path: '', kind: 'changed', before: 1, after: 2 }]],
    ['null at the top against a scalar', null, 2, [{ path: '', kind: 'changed', before: null, after: 2 }]],
  ])('%s', (_label, base, proposal, expected) => {
    expect(diffData(base, proposal)).toEqual(expected);
  });

  it('reads own keys only (a "__proto__" key is data)', () => {
    const base = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    expect(diffData(base, {})).toEqual([{ path: '__proto__', kind: 'removed', before: { a: 1 }, after: undefined }]);
    expect(diffData({}, base)).toEqual([{ path: '__proto__', kind: 'added', before: undefined, after: { a: 1 } }]);
  });

  it('is deterministic', () => {
    const base = { b: [{ id: 2 }, { id: 1, x: 1 }], a: { y: 1 } };
    const proposal = { a: { y: 2 }, b: [{ id: 2 }, { id: 1, x: 2 }] };
    expect(diffData(base, proposal)).toEqual(diffData(base, proposal));
    expect(diffData(base, proposal).map((d) => d.path)).toEqual(['a.y', 'b[id=1].x']);
  });
});

describe('deepEqual', () => {
  class Box {
    constructor(readonly v: number) {}
  }
  it.each([
    [NaN, NaN, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 }, true],
    [{ a: 1 }, { b: 1 }, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: [1] }, { a: [2] }, false],
    [new Box(1), new Box(1), false],
    [new Date(0), new Date(0), true],
    [new Date(0), new Date(1), false],
    [new Date(0), 0, false],
    [[1, [2]], [1, [2]], true],
  ])('%p vs %p → %p', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
