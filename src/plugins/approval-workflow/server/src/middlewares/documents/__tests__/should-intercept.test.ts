import { isGuardableAction, relationRefs, shouldIntercept, type InterceptFacts } from '../should-intercept';

const SERVER = { kind: 'server' } as const;
const PUBLIC = { kind: 'public' } as const;
const APPROVAL_ADMIN = { kind: 'authenticated', actor: { isApprovalAdmin: true } } as const;

const facts = (overrides: Partial<InterceptFacts>): InterceptFacts => ({
  operation: 'update',
  origin: { kind: 'authenticated', actor: { isApprovalAdmin: false } },
  entryOperations: null,
  collectionOperations: null,
  underManagedParent: false,
  ...overrides,
});

describe('shouldIntercept', () => {
  it.each([
    ['server code outside HTTP on a managed collection', facts({ origin: SERVER, collectionOperations: ['update'] }), false, 'server'],
    ['server code outside HTTP on a managed entry', facts({ origin: SERVER, entryOperations: ['update'] }), false, 'server'],
    ['server code creating under a managed entry', facts({ origin: SERVER, operation: 'create', underManagedParent: true }), false, 'server'],
    ['public (nobody authenticated) on a managed collection', facts({ origin: PUBLIC, collectionOperations: ['update'] }), true, 'collection'],
    ['public creating on a managed collection', facts({ origin: PUBLIC, operation: 'create', collectionOperations: ['create'] }), true, 'collection'],
    ['public deleting a managed entry', facts({ origin: PUBLIC, operation: 'delete', entryOperations: ['delete'] }), true, 'entry'],
    ['public creating under a managed entry', facts({ origin: PUBLIC, operation: 'create', underManagedParent: true }), true, 'parent'],
    ['public on an unmanaged target', facts({ origin: PUBLIC }), false, 'not-managed'],
    ['approval admin', facts({ origin: APPROVAL_ADMIN, collectionOperations: ['update'] }), false, 'approval-admin'],
    ['unmanaged target', facts({}), false, 'not-managed'],
    ['managed entry guarding the operation', facts({ entryOperations: ['update'] }), true, 'entry'],
    ['managed entry not guarding it', facts({ entryOperations: ['delete'] }), false, 'not-managed'],
    ['managed collection guarding it', facts({ collectionOperations: ['update'] }), true, 'collection'],
    ['entry does not guard, collection does', facts({ entryOperations: ['publish'], collectionOperations: ['update'] }), true, 'collection'],
    ['collection not guarding publish', facts({ operation: 'publish', collectionOperations: ['update'] }), false, 'not-managed'],
    ['new child of a managed entry', facts({ operation: 'create', underManagedParent: true }), true, 'parent'],
    ['update of a child of a managed entry', facts({ operation: 'update', underManagedParent: true }), false, 'not-managed'],
    ['create on a managed collection', facts({ operation: 'create', collectionOperations: ['create'] }), true, 'collection'],
    ['clone on a collection guarding clone', facts({ operation: 'clone', collectionOperations: ['clone'] }), true, 'collection'],
    ['admin creating under a managed entry', facts({ operation: 'create', origin: APPROVAL_ADMIN, underManagedParent: true }), false, 'approval-admin'],
  ])('%s', (_name, input, intercept, because) => {
    expect(shouldIntercept(input)).toEqual({ intercept, because });
  });
});

describe('isGuardableAction', () => {
  it.each([
    ['create', true],
    ['update', true],
    ['delete', true],
    ['publish', true],
    ['unpublish', true],
    ['discardDraft', true],
    ['clone', true],
    ['findOne', false],
    ['findMany', false],
    ['count', false],
  ])('%s → %s', (action, expected) => {
    expect(isGuardableAction(action)).toBe(expected);
  });
});

describe('relationRefs', () => {
  it.each([
    [null, []],
    [undefined, []],
    ['', []],
    ['abc', [{ documentId: 'abc' }]],
    [7, [{ id: 7 }]],
    [1.5, []],
    // No id column holds these: they point nowhere (and never reach a query).
    [0, []],
    [2147483647, [{ id: 2147483647 }]],
    [2147483648, []],
    [1e20, []],
    [{ id: '99999999999999999999' }, []],
    [{ documentId: 'abc' }, [{ documentId: 'abc' }]],
    [{ id: 3 }, [{ id: 3 }]],
    [{ id: '3' }, [{ id: 3 }]],
    [['a', 2], [{ documentId: 'a' }, { id: 2 }]],
    [{ connect: ['a', { documentId: 'b' }] }, [{ documentId: 'a' }, { documentId: 'b' }]],
    [{ set: [{ id: 4 }] }, [{ id: 4 }]],
    [{ disconnect: ['a'] }, []],
    [true, []],
  ])('%j → %j', (value, expected) => {
    expect(relationRefs(value)).toEqual(expected);
  });
});
