import { accountPrincipal, dbIdLike, isStorableText } from '../common';
import { MAX_PROPOSAL_DEPTH, unstorableValues } from '../proposal';

describe('isStorableText', () => {
  it.each([
    ['', true],
    ['plain', true],
    ['emoji 😀 (a surrogate pair)', true],
    ['\u0000', false],
    ['a\u0000b', false],
    ['\ud800', false],
    ['x\udc00y', false],
    ['\udc00\ud800 (pair in the wrong order)', false],
    ['ends in half a pair \ud83d', false],
  ])('%j → %s', (value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });

  it('scans megabytes without running out of stack', () => {
    expect(isStorableText('a😀'.repeat(2_000_000))).toBe(true);
    expect(isStorableText(`${'a'.repeat(2_000_000)}\u0000`)).toBe(false);
  });
});

describe('accountPrincipal and dbIdLike: ids the id columns hold', () => {
  const principal = accountPrincipal('malformed');
  it.each([
    ['admin:1', true],
    ['user:2147483647', true],
    ['admin:2147483648', false],
    ['admin:99999999999999999999', false],
    ['user:1e20', false],
    ['admin:0', false],
    ['admin:1\u0000', false],
    ['bob', false],
  ])('principal %j → %s', (value, ok) => {
    expect(principal.safeParse(value).success).toBe(ok);
  });

  it('a malformed principal gets one issue (the format), not a range complaint too', () => {
    const result = principal.safeParse('bob');
    expect(result.success ? [] : result.error.issues.map((i) => i.message)).toEqual(['malformed']);
  });

  it.each([
    [4, 4],
    ['4', 4],
    [2147483647, 2147483647],
  ])('id %j → %j', (value, id) => {
    expect(dbIdLike.parse(value)).toBe(id);
  });

  it.each([0, -1, 1.5, 2147483648, 1e20, '99999999999999999999', '1e20', 'abc', '\u0000'])('id %j is refused', (value) => {
    expect(dbIdLike.safeParse(value).success).toBe(false);
  });
});

describe('unstorableValues: what a request cannot store, with the path of each', () => {
  const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { a: nested(levels - 1) });

  it.each([
    ['clean data', { title: 'ok', tags: ['a', 'b'], n: 1e20, nothing: null }, []],
    ['NUL in a value', { title: 'a\u0000' }, [['title']]],
    ['a lone surrogate deep in an array', { blocks: [{ text: 'ok' }, { text: 'x\ud800' }] }, [['blocks', '1', 'text']]],
    ['a NUL in a key', { ['ti\u0000tle']: 'x' }, [['ti\u0000tle']]],
    ['two bad values', { a: '\u0000', b: '\udc00' }, [['a'], ['b']]],
    ['nesting at the limit', nested(MAX_PROPOSAL_DEPTH), []],
    ['nesting beyond the limit', nested(MAX_PROPOSAL_DEPTH + 1), [Array(MAX_PROPOSAL_DEPTH).fill('a')]],
  ])('%s', (_, data, paths) => {
    expect(unstorableValues(data).map((problem) => problem.path)).toEqual(paths);
  });

  it('names at most 20 values', () => {
    const data = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, '\u0000']));
    expect(unstorableValues(data)).toHaveLength(20);
  });
});
