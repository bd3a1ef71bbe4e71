import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type LogEvent,
  type MigrationResult,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { Dialect } from './dialect.js';
import { migrations } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` for PostgreSQL; `sqlite:PATH`, `file:PATH` or undefined for SQLite. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Called after every query with its duration, for metrics. */
  onQuery?: (durationMs: number, failed: boolean) => void;
}

// PostgreSQL returns int8 (bigserial, count(*)) as strings; our sequences and counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openStore(options: OpenStoreOptions): Store {
  const log = options.onQuery
    ? (event: LogEvent) => options.onQuery?.(event.queryDurationMillis, event.level === 'error')
    : undefined;
  const url = options.databaseUrl;
  if (url !== undefined && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return { db, dialect: 'postgres', location: redactUrl(url), close: () => db.destroy() };
  }
  const path = sqlitePath(url, options.dataDir);
  if (path !== ':memory:') mkdirSync(join(path, '..'), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }), ...(log ? { log } : {}) });
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

/**
 * SQLite whose transactions take the write lock when they begin. The provisioning log thread writes to the
 * same file over its own connection; a deferred transaction that read before that thread committed could not
 * write afterwards (SQLITE_BUSY at once, the busy timeout does not apply), an immediate one waits its turn.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function sqlitePath(url: string | undefined, dataDir: string): string {
  if (url === undefined) return join(dataDir, 'provisio.db');
  return url.replace(/^(sqlite|file):(\/\/)?/, '') || ':memory:';
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

export class MigrationError extends Error {
  readonly code = 'MigrationFailed';
}

/**
 * Applies every pending migration in name order, also one numbered below one already applied; on PostgreSQL
 * Kysely holds an advisory lock so nodes take turns.
 */
export async function migrateToLatest(store: Store): Promise<MigrationResult[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; with several Provisio
  // databases as schemas of one PostgreSQL database it would find another's and skip creating its own.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    db: store.db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(migrations).map(([name, migration]) => [name, { up: (db) => migration.up(db, store.dialect) }]),
        ),
    },
    migrationTableName: 'provisio_migrations',
    migrationLockTableName: 'provisio_migrations_lock',
    // Migrations can land out of number order (0007 before 0006): a store migrated in between has a later one
    // and lacks an earlier one, which then runs rather than failing the start as "corrupted migrations".
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return results ?? [];
}
