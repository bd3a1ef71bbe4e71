import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from '../../store/dialect.js';

/**
 * Test fixture: databases for the SQL back-end suites, opened the way the store opens them
 * (src/store/store.ts). The suites create the PostgreSQL schema with test/support/postgres.ts and pass it in.
 */
export interface TestDatabase {
  readonly db: Kysely<unknown>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export function openSqliteTestDatabase(): TestDatabase {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export function openPostgresTestDatabase(schema: { url: string; drop: () => Promise<void> }): TestDatabase {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 2 }) }),
  });
  return {
    db,
    dialect: 'postgres',
    close: async () => {
      await db.destroy();
      await schema.drop();
    },
  };
}
