import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, hasPostgres } from '../../../test/support/postgres.js';
import type { Dialect } from '../../store/dialect.js';
import { UnsupportedFilterError } from './errors.js';
import { parseFilter } from './filter-parser.js';
import { compileFilterPredicate } from './filter-predicate.js';
import { compileFilterSql, prefixSuccessor } from './filter-sql.js';
import { MissingSqlMappingError } from './sql-values.js';
import { openPostgresTestDatabase, openSqliteTestDatabase, type TestDatabase } from './sql-test-databases.js';
import { createTestTable, entity, insertEntities, TEST_TABLE, testCatalog, type TestEntity } from './test-catalog.js';

const entities: TestEntity[] = [
  entity({
    id: 'a',
    displayName: 'Alice Smith',
    mail: 'alice@contoso.com',
    code: 'AbC',
    age: 31,
    enabled: true,
    created: '2021-03-01T10:00:00.000Z',
    appId: '219561ee-1480-4c67-9aa6-63d861fae3ef',
    city: 'Paris',
    score: 7.5,
    active: true,
    manager: { name: 'Bob' },
    tags: ['smtp:alice@contoso.com', 'SIP:alice'],
    nums: [1, 5],
    identities: [{ issuer: 'contoso.com', value: 'Alice' }],
  }),
  entity({
    id: 'b',
    displayName: 'bob o\'neil',
    mail: 'BOB@fabrikam.com',
    code: 'abc',
    age: 45,
    enabled: false,
    created: '2022-01-15T00:00:00.000Z',
    appId: '00000003-0000-0000-c000-000000000000',
    city: 'paris',
    score: 2,
    active: false,
    manager: { name: null },
    tags: [],
    nums: [10],
    identities: [{ issuer: 'fabrikam.com', value: 'bob' }, { issuer: 'contoso.com', value: 'BOB' }],
  }),
  entity({ id: 'c', displayName: 'Zoë', tags: ['x'], nums: [], identities: [] }),
  entity({ id: 'd' }),
];

/** Filter text → the ids it must select (sorted). */
const cases: [string, string[]][] = [
  ["displayName eq 'alice smith'", ['a']],
  ["DisplayName EQ 'ALICE SMITH'", ['a']],
  ["displayName ne 'alice smith'", ['b', 'c', 'd']],
  ['displayName eq null', ['d']],
  ['displayName ne null', ['a', 'b', 'c']],
  ["not (displayName eq 'alice smith')", ['b', 'c', 'd']],
  ["displayName eq 'bob o''neil'", ['b']],
  ["startswith(displayName, 'al')", ['a']],
  ["startsWith(displayName,'')", ['a', 'b', 'c']],
  ["endswith(displayName, 'SMITH')", ['a']],
  ["endswith(displayName, '')", ['a', 'b', 'c']],
  ["contains(displayName, 'O''N')", ['b']],
  ["not startswith(displayName, 'a')", ['b', 'c', 'd']],
  ["code eq 'abc'", ['b']],
  ["code eq 'AbC'", ['a']],
  ["code gt 'a'", ['b']],
  ["code lt 'a'", ['a']],
  ["tolower(code) eq 'abc'", ['a', 'b']],
  ["toupper(code) eq 'ABC'", ['a', 'b']],
  ["contains(code, 'C')", ['a']],
  ["mail in ('alice@contoso.com', 'bob@fabrikam.com')", ['a', 'b']],
  // displayName compares through the pre-folded column, so even non-ASCII folds alike on both back ends.
  ["displayName in ('ZOË', 'nobody')", ['c']],
  ["displayName in ('zoë')", ['c']],
  ['age gt 31', ['b']],
  ['age ge 31', ['a', 'b']],
  ['age lt 100 and age gt 0', ['a', 'b']],
  ['age eq null', ['c', 'd']],
  ['age ne 31', ['b', 'c', 'd']],
  ['age in (31, 44)', ['a']],
  ['31 lt age', ['b']],
  ['enabled eq true', ['a']],
  ['enabled eq false', ['b']],
  ['enabled ne true', ['b', 'c', 'd']],
  ['created ge 2022-01-01', ['b']],
  ['created lt 2021-03-01T11:00:00+02:00', []],
  ['created lt 2021-03-01T11:00:00Z', ['a']],
  ['created eq 2021-03-01T10:00:00Z', ['a']],
  ['appId eq 219561EE-1480-4C67-9AA6-63D861FAE3EF', ['a']],
  ['appId ne 219561ee-1480-4c67-9aa6-63d861fae3ef', ['b', 'c', 'd']],
  ["city eq 'PARIS'", ['a', 'b']],
  ["city gt 'P'", ['a', 'b']],
  ['score gt 5', ['a']],
  ['score le 2', ['b']],
  ['active eq true', ['a']],
  ['active eq false', ['b']],
  ['active eq null', ['c', 'd']],
  ["manager/name eq 'bob'", ['a']],
  ['manager/name eq null', ['b', 'c', 'd']],
  ["tags/any(t: t eq 'smtp:ALICE@contoso.com')", ['a']],
  ["tags/any(t: startswith(t, 'sip:'))", ['a']],
  ["tags/any(t: endswith(t, 'x'))", ['c']],
  ['tags/any()', ['a', 'c']],
  ["tags/all(t: t ne 'x')", ['a', 'b', 'd']],
  ["tags/all(t: contains(t, 'alice'))", ['a', 'b', 'd']],
  ["not tags/any(t: t eq 'x')", ['a', 'b', 'd']],
  ['nums/any(n: n gt 4)', ['a', 'b']],
  ['nums/all(n: n lt 6)', ['a', 'c', 'd']],
  ["identities/any(i: i/issuer eq 'CONTOSO.COM')", ['a', 'b']],
  ["identities/any(i: i/issuer eq 'contoso.com' and i/value eq 'BOB')", ['b']],
  ["identities/any(i: i/value eq 'bob')", ['b']],
  ["identities/all(i: startswith(i/issuer, 'contoso'))", ['a', 'c', 'd']],
  ["identities/any(i: i/issuer eq 'fabrikam.com') and age gt 40", ['b']],
  ["identities/any(i: i/issuer eq 'contoso.com' and age lt 40)", ['a']],
  ["(displayName eq 'zoë' or age eq 31) and not (enabled eq true)", ['c']],
  ["displayName eq 'zoë' or age eq 31 and enabled eq false", ['c']],
];

function inMemory(text: string): string[] {
  const predicate = compileFilterPredicate(parseFilter(text), testCatalog);
  return entities.filter(predicate).map((item) => item.id).sort();
}

describe('in-memory filter back end', () => {
  it.each(cases)('%s', (text, expected) => {
    expect(inMemory(text)).toEqual(expected);
  });

  it('reads values through a custom resolver', () => {
    const rows = [{ props: { displayName: 'X' } }, { props: { displayName: 'Y' } }];
    const predicate = compileFilterPredicate<(typeof rows)[number]>(
      parseFilter("displayName eq 'y'"),
      testCatalog,
      (row, path) => (row.props as Record<string, unknown>)[path.join('/')],
    );
    expect(rows.filter(predicate)).toEqual([rows[1]]);
  });

  it('treats store-style 0/1 booleans as booleans', () => {
    const predicate = compileFilterPredicate(parseFilter('enabled eq true'), testCatalog);
    expect(predicate({ enabled: 1 })).toBe(true);
    expect(predicate({ enabled: 0 })).toBe(false);
  });
});

describe('SQL filter back end on sqlite', () => runSqlSuite('sqlite'));
describe.skipIf(!hasPostgres)('SQL filter back end on postgres', () => runSqlSuite('postgres'));

function runSqlSuite(dialect: Dialect): void {
  let database: TestDatabase;

  beforeAll(async () => {
    database = dialect === 'sqlite' ? openSqliteTestDatabase() : openPostgresTestDatabase(await createTestSchema());
    await createTestTable(database.db, dialect);
    await insertEntities(database.db, entities);
  });

  afterAll(async () => {
    await database?.close();
  });

  async function select(text: string): Promise<string[]> {
    const where = compileFilterSql(parseFilter(text), testCatalog, dialect);
    const result = await sql<{ id: string }>`select id from ${sql.table(TEST_TABLE)} where ${where} order by id`.execute(database.db);
    return result.rows.map((row) => row.id);
  }

  it.each(cases)('%s', async (text, expected) => {
    expect(await select(text)).toEqual(expected);
  });

  it('rejects properties without a SQL mapping with a programming error', () => {
    const catalog = { ...testCatalog, properties: { name: { type: 'string' as const, filter: ['eq' as const] } } };
    expect(() => compileFilterSql(parseFilter("name eq 'x'"), catalog, dialect)).toThrow(MissingSqlMappingError);
  });

  it('rejects unsupported operators before building SQL', () => {
    expect(() => compileFilterSql(parseFilter('appId gt 219561ee-1480-4c67-9aa6-63d861fae3ef'), testCatalog, dialect)).toThrow(UnsupportedFilterError);
  });
}

describe('prefixSuccessor', () => {
  it('increments the last code point, carrying over maximal ones, and skips the surrogate range', () => {
    expect(prefixSuccessor('ab')).toBe('ac');
    expect(prefixSuccessor(`a${String.fromCodePoint(0x10ffff)}`)).toBe('b');
    expect(prefixSuccessor('\ud7ff')).toBe('\ue000');
    expect(prefixSuccessor(String.fromCodePoint(0x10ffff))).toBeUndefined();
    expect(prefixSuccessor('')).toBeUndefined();
  });
});
