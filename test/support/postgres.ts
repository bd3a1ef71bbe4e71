import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests. CI machines run PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`);
 * `PROVISIO_TEST_DATABASE_URL` points elsewhere. In CI (`CI=true`) a missing server fails the run;
 * on a laptop without one, PostgreSQL suites skip with a visible message.
 */
export const testDatabaseUrl =
  process.env.PROVISIO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let probe: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL is required in CI but ${testDatabaseUrl} is unreachable: ${String(error)}`);
      }
      console.warn(`\n[provisio] PostgreSQL at ${testDatabaseUrl} is unreachable: PostgreSQL suites are SKIPPED.\n`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probe;
}

/** True when PostgreSQL suites must run: top-level await in a test file can gate `describe.skipIf`. */
export const hasPostgres = await postgresAvailable();

/**
 * A fresh, empty schema for one test file, so suites never see each other's rows. Returns a
 * connection URL whose search_path selects the schema, and a function that drops it.
 */
export async function createTestSchema(): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
