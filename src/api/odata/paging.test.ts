import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, hasPostgres } from '../../../test/support/postgres.js';
import type { Dialect } from '../../store/dialect.js';
import { compileFilterSql } from './filter-sql.js';
import { nextLinkFor } from './next-link.js';
import { afterPositionSql, orderBySql } from './orderby-sql.js';
import { parseQueryOptions, type RawQuery } from './query-options.js';
import { SkipTokenCodec, skipTokenScope } from './skiptoken.js';
import { pagePosition, sortKeys } from './sort-keys.js';
import { openPostgresTestDatabase, openSqliteTestDatabase, type TestDatabase } from './sql-test-databases.js';
import { createTestTable, entity, insertEntities, TEST_TABLE, testCatalog, type TestEntity } from './test-catalog.js';

/**
 * A listing route's paging loop end to end, the way an integrator wires it: parse the options, read
 * `$top + 1` rows after the token's position, answer with a nextLink whose token carries the last row's
 * position, and follow nextLinks until there are none.
 */

const entities: TestEntity[] = [
  entity({ id: 'p1', displayName: 'delta', age: 40 }),
  entity({ id: 'p2', displayName: 'Alpha', age: 30 }),
  entity({ id: 'p3', displayName: 'charlie', age: null }),
  entity({ id: 'p4', displayName: 'alpha', age: 30 }),
  entity({ id: 'p5', displayName: null, age: 20 }),
  entity({ id: 'p6', displayName: 'Bravo', age: 30 }),
  entity({ id: 'p7', displayName: 'echo', age: 50 }),
];

const codec = new SkipTokenCodec('paging-test-secret-0123456789');

interface Row {
  id: string;
  display_name: string | null;
  age: number | null;
}

describe('paging on sqlite', () => runPaging('sqlite'));
describe.skipIf(!hasPostgres)('paging on postgres', () => runPaging('postgres'));

function runPaging(dialect: Dialect): void {
  let database: TestDatabase;

  beforeAll(async () => {
    database = dialect === 'sqlite' ? openSqliteTestDatabase() : openPostgresTestDatabase(await createTestSchema());
    await createTestTable(database.db, dialect);
    await insertEntities(database.db, entities);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** One request of a listing route: the page and its nextLink. */
  async function list(url: string): Promise<{ ids: string[]; nextLink: string | undefined }> {
    const query: RawQuery = Object.fromEntries(new URL(url).searchParams);
    const options = parseQueryOptions(query, {
      allowed: ['filter', 'orderby', 'top', 'skiptoken'],
      catalog: testCatalog,
    });
    const keys = sortKeys(options.orderBy, testCatalog);
    const scope = skipTokenScope(testCatalog.resource, options);
    const conditions = [sql`1 = 1`];
    if (options.filter !== undefined) conditions.push(sql`${compileFilterSql(options.filter, testCatalog, dialect)}`);
    if (options.skipToken !== undefined) {
      conditions.push(sql`${afterPositionSql(keys, testCatalog, codec.decode(options.skipToken, scope), dialect)}`);
    }
    const top = options.top ?? 100;
    const result = await sql<Row>`select id, display_name, age from ${sql.table(TEST_TABLE)}
      where ${sql.join(conditions, sql` and `)}
      order by ${sql.join(orderBySql(keys, testCatalog, dialect))}
      limit ${top + 1}`.execute(database.db);
    const page = result.rows.slice(0, top).map((row) => ({ id: row.id, displayName: row.display_name, age: row.age }));
    const last = page.at(-1);
    const nextLink =
      result.rows.length > top && last !== undefined
        ? nextLinkFor(url, codec.encode(pagePosition(last, keys, testCatalog), scope))
        : undefined;
    return { ids: page.map((item) => item.id), nextLink };
  }

  async function walk(url: string): Promise<string[][]> {
    const pages: string[][] = [];
    let next: string | undefined = url;
    while (next !== undefined) {
      const { ids, nextLink } = await list(next);
      pages.push(ids);
      next = nextLink;
    }
    return pages;
  }

  it('pages through a multi-key order without gaps or repeats', async () => {
    expect(await walk('https://h/v1.0/items?$orderby=age desc,displayName&$top=2')).toEqual([
      ['p7', 'p1'],
      ['p2', 'p4'],
      ['p6', 'p5'],
      ['p3'],
    ]);
  });

  it('pages by id alone and keeps the filter on every page', async () => {
    expect(await walk("https://h/v1.0/items?$filter=startswith(displayName,'a') or age eq null&$top=1")).toEqual([
      ['p2'],
      ['p3'],
      ['p4'],
    ]);
  });

  it('rejects a token replayed against a different query', async () => {
    const { nextLink } = await list('https://h/v1.0/items?$orderby=age&$top=2');
    const replayed = (nextLink ?? '').replace('$orderby=age', '$orderby=age%20desc');
    await expect(list(replayed)).rejects.toMatchObject({ reason: 'InvalidSkipToken', status: 400 });
  });
}
