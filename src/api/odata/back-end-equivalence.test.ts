import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, hasPostgres } from '../../../test/support/postgres.js';
import type { Dialect } from '../../store/dialect.js';
import { parseFilter } from './filter-parser.js';
import { compileFilterPredicate } from './filter-predicate.js';
import { compileFilterSql } from './filter-sql.js';
import { afterPositionSql, orderBySql } from './orderby-sql.js';
import { parseOrderBy } from './orderby.js';
import { compileSearchPredicate, compileSearchSql } from './search-filter.js';
import { parseSearch } from './search.js';
import { entityComparator, isAfterPosition, pagePosition, sortKeys } from './sort-keys.js';
import { openPostgresTestDatabase, openSqliteTestDatabase, type TestDatabase } from './sql-test-databases.js';
import { createTestTable, entity, insertEntities, TEST_TABLE, testCatalog, type TestEntity } from './test-catalog.js';

/**
 * Property tests: for random entities and random `$filter` / `$search` / `$orderby` texts over the test
 * catalog, the SQL back end (on SQLite and PostgreSQL) selects and orders exactly what the in-memory back end
 * does. Strings are ASCII: SQLite's lower() folds only ASCII (see docs/odata.md).
 */

const WORDS = ['a', 'A', 'ab', 'Ab', 'aB', 'b', 'B', 'ba', "o'n", "O'N", 'a b', 'A B', '%', '_x', '', 'smtp:a@b.c', 'SMTP:A@b.C'];
const NUMBERS = [-1, 0, 1, 2, 2.5, 10];
const INSTANTS = ['2021-01-01T00:00:00.000Z', '2021-01-01T12:30:00.000Z', '2021-06-15T08:00:00.000Z', '2022-01-01T00:00:00.000Z'];
const GUIDS = ['219561ee-1480-4c67-9aa6-63d861fae3ef', '00000003-0000-0000-c000-000000000000'];

const word = fc.constantFrom(...WORDS);
const maybe = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 4 });

const entityArbitrary = (id: string): fc.Arbitrary<TestEntity> =>
  fc.record({
    displayName: maybe(word),
    mail: maybe(word),
    code: maybe(word),
    age: maybe(fc.constantFrom(...NUMBERS)),
    enabled: maybe(fc.boolean()),
    created: maybe(fc.constantFrom(...INSTANTS)),
    appId: maybe(fc.constantFrom(...GUIDS)),
    city: maybe(word),
    score: maybe(fc.constantFrom(...NUMBERS)),
    active: maybe(fc.boolean()),
    manager: maybe(fc.record({ name: maybe(word) })),
    tags: maybe(fc.array(word, { maxLength: 3 })),
    nums: maybe(fc.array(fc.constantFrom(...NUMBERS), { maxLength: 3 })),
    identities: maybe(fc.array(fc.record({ issuer: maybe(word), value: maybe(word) }), { maxLength: 2 })),
  }).map((fields) => entity({ id, ...fields }));

const entitiesArbitrary = fc
  .integer({ min: 0, max: 8 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => entityArbitrary(`e${index}`))));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const stringLiteral = word.map(quote);
const numberLiteral = fc.constantFrom(...NUMBERS).map(String);
const booleanLiteral = fc.constantFrom('true', 'false');
const dateTimeLiteral = fc.oneof(
  fc.constantFrom(...INSTANTS),
  fc.constantFrom('2021-01-01', '2021-06-15', '2022-01-01'),
  fc.constantFrom('2021-01-01T14:30:00+02:00', '2021-06-15T08:00:00.000Z'),
);
const guidLiteral = fc.constantFrom(...GUIDS, GUIDS[0]?.toUpperCase() ?? '');

const orderOperator = fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le');
const equality = fc.constantFrom('eq', 'ne');
const stringFunction = fc.constantFrom('startswith', 'endswith', 'contains');

const stringProperty = fc.constantFrom('displayName', 'mail', 'code', 'city');
const comparison: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(stringProperty, orderOperator, stringLiteral).map(([p, op, v]) => `${p} ${op} ${v}`),
  fc.tuple(fc.constantFrom('tolower', 'toupper'), fc.constantFrom('code', 'city'), equality, stringLiteral).map(
    ([fn, p, op, v]) => `${fn}(${p}) ${op} ${v}`,
  ),
  fc.tuple(stringFunction, stringProperty, stringLiteral).map(([fn, p, v]) => `${fn}(${p}, ${v})`),
  fc.tuple(fc.constantFrom('age', 'score'), orderOperator, numberLiteral).map(([p, op, v]) => `${p} ${op} ${v}`),
  fc.tuple(numberLiteral, orderOperator, fc.constantFrom('age', 'score')).map(([v, op, p]) => `${v} ${op} ${p}`),
  fc.tuple(fc.constantFrom('enabled', 'active'), equality, booleanLiteral).map(([p, op, v]) => `${p} ${op} ${v}`),
  fc.tuple(orderOperator, dateTimeLiteral).map(([op, v]) => `created ${op} ${v}`),
  fc.tuple(equality, guidLiteral).map(([op, v]) => `appId ${op} ${v}`),
  fc.tuple(fc.constantFrom('displayName', 'mail', 'code', 'age', 'enabled', 'created', 'appId', 'city', 'score', 'active', 'manager/name'), equality).map(
    ([p, op]) => `${p} ${op} null`,
  ),
  fc.tuple(fc.constantFrom('eq', 'startswith'), stringLiteral).map(([op, v]) => (op === 'eq' ? `manager/name eq ${v}` : `startswith(manager/name, ${v})`)),
  fc.array(stringLiteral, { minLength: 1, maxLength: 3 }).chain((values) =>
    fc.constantFrom('displayName', 'mail', 'code').map((p) => `${p} in (${values.join(', ')})`),
  ),
  fc.array(numberLiteral, { minLength: 1, maxLength: 3 }).map((values) => `age in (${values.join(',')})`),
);

const lambdaBody = (variable: string, collection: 'tags' | 'nums' | 'identities'): fc.Arbitrary<string> => {
  if (collection === 'tags') {
    return fc.oneof(
      fc.tuple(equality, stringLiteral).map(([op, v]) => `${variable} ${op} ${v}`),
      fc.tuple(stringFunction, stringLiteral).map(([fn, v]) => `${fn}(${variable}, ${v})`),
    );
  }
  if (collection === 'nums') {
    return fc.tuple(fc.constantFrom('eq', 'gt', 'lt'), numberLiteral).map(([op, v]) => `${variable} ${op} ${v}`);
  }
  const issuer = fc.oneof(
    stringLiteral.map((v) => `${variable}/issuer eq ${v}`),
    stringLiteral.map((v) => `startswith(${variable}/issuer, ${v})`),
  );
  const value = stringLiteral.map((v) => `${variable}/value eq ${v}`);
  return fc.oneof(issuer, value, fc.tuple(issuer, fc.constantFrom('and', 'or'), value).map(([a, op, b]) => `${a} ${op} ${b}`));
};

const lambda: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('tags', 'nums', 'identities') as fc.Arbitrary<'tags' | 'nums' | 'identities'>, fc.constantFrom('any', 'all'), fc.boolean())
  .chain(([collection, operator, empty]) =>
    empty && operator === 'any'
      ? fc.constant(`${collection}/any()`)
      : lambdaBody('x', collection).map((body) => `${collection}/${operator}(x: ${body})`),
  );

const { filter: filterArbitrary } = fc.letrec<{ filter: string; leaf: string }>((tie) => ({
  leaf: fc.oneof({ weight: 4, arbitrary: comparison }, { weight: 1, arbitrary: lambda }),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('filter').map((inner) => `not (${inner})`),
  ),
}));

const searchArbitrary = fc
  .array(
    fc.tuple(fc.constantFrom('displayName', 'mail'), fc.constantFrom('a', 'A', 'b', 'ab', 'a b', 'o', 'smtp', 'B a')),
    { minLength: 1, maxLength: 3 },
  )
  .chain((terms) =>
    fc.array(fc.constantFrom(' AND ', ' OR ', ' '), { minLength: terms.length - 1, maxLength: terms.length - 1 }).map((joins) =>
      terms.map(([p, v], index) => `${index === 0 ? '' : joins[index - 1]}"${p}:${v}"`).join(''),
    ),
  );

const orderByArbitrary = fc
  .uniqueArray(fc.constantFrom('displayName', 'code', 'age', 'enabled', 'created', 'city', 'score', 'active'), { minLength: 1, maxLength: 3 })
  .chain((properties) =>
    fc.tuple(...properties.map((property) => fc.constantFrom(`${property}`, `${property} asc`, `${property} desc`))).map((items) => items.join(',')),
  );

describe('in-memory and SQL back ends agree on sqlite', () => runEquivalence('sqlite', 200));
describe.skipIf(!hasPostgres)('in-memory and SQL back ends agree on postgres', () => runEquivalence('postgres', 100));

function runEquivalence(dialect: Dialect, numRuns: number): void {
  let database: TestDatabase;

  beforeAll(async () => {
    database = dialect === 'sqlite' ? openSqliteTestDatabase() : openPostgresTestDatabase(await createTestSchema());
    await createTestTable(database.db, dialect);
  });

  afterAll(async () => {
    await database?.close();
  });

  async function load(entities: readonly TestEntity[]): Promise<void> {
    await sql`delete from ${sql.table(TEST_TABLE)}`.execute(database.db);
    await insertEntities(database.db, entities);
  }

  async function ids(where: unknown, order: readonly unknown[] = [sql`id`]): Promise<string[]> {
    const result = await sql<{ id: string }>`select id from ${sql.table(TEST_TABLE)} where ${where} order by ${sql.join(order)}`.execute(database.db);
    return result.rows.map((row) => row.id);
  }

  it('$filter', async () => {
    await fc.assert(
      fc.asyncProperty(entitiesArbitrary, filterArbitrary, async (entities, text) => {
        const filter = parseFilter(text);
        await load(entities);
        const expected = entities.filter(compileFilterPredicate(filter, testCatalog)).map((item) => item.id).sort();
        expect(await ids(compileFilterSql(filter, testCatalog, dialect))).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('$search', async () => {
    await fc.assert(
      fc.asyncProperty(entitiesArbitrary, searchArbitrary, async (entities, text) => {
        const search = parseSearch(text, testCatalog);
        await load(entities);
        const expected = entities.filter(compileSearchPredicate(search, testCatalog)).map((item) => item.id).sort();
        expect(await ids(compileSearchSql(search, testCatalog, dialect))).toEqual(expected);
      }),
      { numRuns: Math.ceil(numRuns / 2) },
    );
  });

  it('$orderby and keyset paging', async () => {
    await fc.assert(
      fc.asyncProperty(entitiesArbitrary, orderByArbitrary, fc.nat(), async (entities, text, pick) => {
        const keys = sortKeys(parseOrderBy(text, testCatalog), testCatalog);
        await load(entities);
        const sorted = [...entities].sort(entityComparator(keys, testCatalog));
        const order = orderBySql(keys, testCatalog, dialect);
        expect(await ids(sql`1 = 1`, order)).toEqual(sorted.map((item) => item.id));
        const anchor = sorted[pick % Math.max(sorted.length, 1)];
        if (anchor === undefined) return;
        const position = pagePosition(anchor, keys, testCatalog);
        const after = sorted.filter((item) => isAfterPosition(item, position, keys, testCatalog)).map((item) => item.id);
        expect(after).toEqual(sorted.slice(sorted.indexOf(anchor) + 1).map((item) => item.id));
        expect(await ids(afterPositionSql(keys, testCatalog, position, dialect), order)).toEqual(after);
      }),
      { numRuns: Math.ceil(numRuns / 2) },
    );
  });
}
