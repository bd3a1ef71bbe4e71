import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { executePage } from './page-sql-cache.js';

describe('executePage', () => {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  afterAll(() => db.destroy());

  const page = (after: string, limit: number) => sql<{ id: string }>`select id from (select 'a' as id union all select 'b' union all select 'c') where id > ${after} order by id limit ${limit}`;

  it('compiles a shape once and runs it again with new parameters', async () => {
    let builds = 0;
    const run = (after: string, limit: number) =>
      executePage(db, 'test: reused', [after, limit], () => {
        builds += 1;
        return page(after, limit);
      });
    expect((await run('', 2)).rows).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect((await run('a', 5)).rows).toEqual([{ id: 'b' }, { id: 'c' }]);
    expect((await run('b', 1)).rows).toEqual([{ id: 'c' }]);
    expect(builds).toBe(1);
  });

  it('never reuses a shape whose parameters differ from what the caller expected', async () => {
    let builds = 0;
    // The caller's parameters are in the wrong order: reusing the SQL with them would answer a wrong page.
    const run = (after: string, limit: number) =>
      executePage(db, 'test: mismatched', [limit, after], () => {
        builds += 1;
        return page(after, limit);
      });
    expect((await run('', 2)).rows).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect((await run('a', 1)).rows).toEqual([{ id: 'b' }]);
    expect(builds).toBe(2);
  });
});
