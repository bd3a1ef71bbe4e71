import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether a Kysely instance (or transaction) talks to PostgreSQL, for the few statements that differ. */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Whether reads should lock the rows they return (`FOR UPDATE`): inside a transaction on PostgreSQL, where
 * a read-modify-write must not interleave with another. SQLite transactions already run one at a time.
 */
export function locksRowsForWrite<DB>(db: Kysely<DB>): boolean {
  return db.isTransaction && isPostgres(db);
}
