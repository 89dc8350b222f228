import { violatedUniqueIndex } from '../unique-violation';

const TABLE = 'approval_workflow_managed_objects';
const KEY = { name: 'approval_workflow_managed_objects_key_uq', columns: ['key'] };
const PAIR = { name: 'approval_workflow_template_versions_uq', columns: ['template_id', 'version'] };

describe('violatedUniqueIndex: a unique violation, as each driver reports it', () => {
  it.each([
    ['PostgreSQL (pg)', { code: '23505', constraint: KEY.name, message: `insert into "${TABLE}" … - duplicate key value violates unique constraint "${KEY.name}"` }],
    ['MariaDB (mysql2)', { code: 'ER_DUP_ENTRY', errno: 1062, message: `insert into \`${TABLE}\` … - Duplicate entry 'entry:x' for key '${KEY.name}'` }],
    ['MySQL 8 (mysql2)', { code: 'ER_DUP_ENTRY', errno: 1062, message: `Duplicate entry 'entry:x' for key '${TABLE}.${KEY.name}'` }],
    ['SQLite (better-sqlite3)', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: `insert into \`${TABLE}\` … - UNIQUE constraint failed: ${TABLE}.key` }],
  ])('%s', (_, error) => {
    expect(violatedUniqueIndex(error, TABLE, [PAIR, KEY])).toEqual(KEY);
  });

  it('a unique index over several columns, on SQLite', () => {
    const error = { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: t.template_id, t.version' };
    expect(violatedUniqueIndex(error, 't', [KEY, PAIR])).toEqual(PAIR);
    expect(violatedUniqueIndex({ ...error, message: 'UNIQUE constraint failed: t.template_id' }, 't', [PAIR])).toBeNull();
  });

  it.each([
    ['another table’s index (the audit chain’s seq, in the same transaction)', { code: '23505', constraint: 'approval_workflow_audit_events_seq_uq', message: 'duplicate key value violates unique constraint "approval_workflow_audit_events_seq_uq"' }],
    ['another table, on SQLite', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: approval_workflow_audit_events.seq' }],
    ['a not-null violation', { code: '23502', message: 'null value in column "key" violates not-null constraint' }],
    ['any other error', new Error('connection reset')],
    ['not an error at all', undefined],
  ])('not for %s', (_, error) => {
    expect(violatedUniqueIndex(error, TABLE, [KEY])).toBeNull();
  });
});
