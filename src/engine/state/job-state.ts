import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

/** What the engine remembers about a job between cycles, beside the Graph status. */
export interface EngineJobState {
  /** Where the next incremental cycle starts; null means the next cycle is a full one. */
  readonly watermark: string | null;
  /** The schema version the last full cycle evaluated (`''` for a schema without version). */
  readonly schemaVersion: string | null;
}

const empty: EngineJobState = Object.freeze({ watermark: null, schemaVersion: null });

export async function readJobState(db: Kysely<Database>, jobId: string): Promise<EngineJobState> {
  const row = await db.selectFrom('engine_job_state').select(['watermark', 'schema_version']).where('job_id', '=', jobId).executeTakeFirst();
  return row ? Object.freeze({ watermark: row.watermark, schemaVersion: row.schema_version }) : empty;
}

export async function writeJobState(db: Kysely<Database>, jobId: string, state: EngineJobState, now: Date): Promise<void> {
  const values = { watermark: state.watermark, schema_version: state.schemaVersion, updated_at: now.toISOString() };
  await db
    .insertInto('engine_job_state')
    .values({ job_id: jobId, ...values })
    .onConflict((oc) => oc.column('job_id').doUpdateSet(values))
    .execute();
}

/**
 * Password hash sync's replication watermark (opaque, from the PasswordHashSource), kept beside the object
 * watermark and written on its own, so the object pass and the password hash pass never overwrite each
 * other's position. Null: the next read is a full one.
 */
export async function readPasswordHashWatermark(db: Kysely<Database>, jobId: string): Promise<string | null> {
  const row = await db.selectFrom('engine_job_state').select('password_hash_watermark').where('job_id', '=', jobId).executeTakeFirst();
  return row?.password_hash_watermark ?? null;
}

export async function writePasswordHashWatermark(db: Kysely<Database>, jobId: string, watermark: string | null, now: Date): Promise<void> {
  const values = { password_hash_watermark: watermark, updated_at: now.toISOString() };
  await db
    .insertInto('engine_job_state')
    .values({ job_id: jobId, watermark: null, schema_version: null, ...values })
    .onConflict((oc) => oc.column('job_id').doUpdateSet(values))
    .execute();
}
