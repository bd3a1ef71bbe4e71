import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Password hash sync's state, per job (docs/password-hash-sync.md):
 * - `engine_job_state.password_hash_watermark`: where the next replication read starts, beside (and written
 *   apart from) the object watermark;
 * - `engine_password_hash_pending`: accounts whose hash was read before their directory user existed, read
 *   again once it does.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('engine_job_state').addColumn('password_hash_watermark', 'text').execute();

  await db.schema
    .createTable('engine_password_hash_pending')
    .addColumn('job_id', 'text', (c) => c.notNull().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('object_guid', 'text', (c) => c.notNull())
    .addColumn('immutable_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_password_hash_pending_pk', ['job_id', 'object_guid'])
    .execute();
}
