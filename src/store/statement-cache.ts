import type { Database as BetterSqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * better-sqlite3 behind Kysely, with prepared statements reused by SQL text. Kysely prepares every query
 * anew, which costs more than running a small indexed query. Reuse is safe because Kysely's SQLite driver
 * runs one query at a time on its single connection; SQLite re-prepares a statement whose schema changed.
 */
export function withStatementCache(database: BetterSqliteDatabase, capacity = 500): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        // Drop the oldest entry: queries with inlined values (rare) must not grow the cache without bound.
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
