import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

/**
 * The durable lease that lets one process at a time run a job's cycle, on SQLite and on a PostgreSQL database
 * shared by several Provisio processes. Taking it is one upsert that only overwrites a row that expired or is
 * already ours (the row lock serializes competing upserts on PostgreSQL, the write lock on SQLite); the
 * returned owner says who holds it afterwards. Times are ISO-8601 UTC text, so text order is time order.
 */
export async function acquireLease(db: Kysely<Database>, jobId: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto('engine_leases')
    .values({ job_id: jobId, owner, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('job_id')
        .doUpdateSet({ owner, acquired_at: at, expires_at: expires })
        .where((eb) => eb.or([eb('engine_leases.expires_at', '<', at), eb('engine_leases.owner', '=', owner)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === owner;
}

/** Extends a held lease; false when it was lost (expired and taken by another process, or the job is gone). */
export async function renewLease(db: Kysely<Database>, jobId: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('engine_leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('job_id', '=', jobId)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<Database>, jobId: string, owner: string): Promise<void> {
  await db.deleteFrom('engine_leases').where('job_id', '=', jobId).where('owner', '=', owner).execute();
}

/** The current holder, for diagnostics and tests. */
export async function leaseHolder(db: Kysely<Database>, jobId: string): Promise<{ owner: string; expiresAt: string } | undefined> {
  const row = await db.selectFrom('engine_leases').select(['owner', 'expires_at']).where('job_id', '=', jobId).executeTakeFirst();
  return row && { owner: row.owner, expiresAt: row.expires_at };
}
