import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The provisioning engine's durable state, all of it per job and dropped with the job:
 * - `engine_leases`: who runs the job's cycle now (one row per running job, renewed while it runs);
 * - `engine_job_state`: the watermark the next incremental cycle starts from and the schema version the last
 *   full evaluation used;
 * - `engine_connector_objects`: the connector data store, linking each provisioned source object to its
 *   target id with the attribute values last exported;
 * - `engine_exported_members`: group memberships as exported (member source ids), so membership changes go
 *   out as net additions and removals;
 * - `engine_escrows`: failed objects and references awaiting a retry;
 * - `engine_staged_deletes`: deletes and disables held back by the accidental-deletion threshold.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('engine_leases')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('engine_job_state')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('watermark', 'text')
    .addColumn('schema_version', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('engine_connector_objects')
    .addColumn('job_id', 'text', (c) => c.notNull().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_object_type', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('exported', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_connector_objects_pk', ['job_id', 'source_id'])
    .execute();
  await db.schema.createIndex('engine_connector_objects_type').on('engine_connector_objects').columns(['job_id', 'object_type']).execute();
  await db.schema.createIndex('engine_connector_objects_target').on('engine_connector_objects').columns(['job_id', 'target_id']).execute();

  await db.schema
    .createTable('engine_exported_members')
    .addColumn('job_id', 'text', (c) => c.notNull().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('group_source_id', 'text', (c) => c.notNull())
    .addColumn('member_source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_exported_members_pk', ['job_id', 'group_source_id', 'member_source_id'])
    .execute();
  await db.schema.createIndex('engine_exported_members_member').on('engine_exported_members').columns(['job_id', 'member_source_id']).execute();

  await db.schema
    .createTable('engine_escrows')
    .addColumn('job_id', 'text', (c) => c.notNull().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', 'text', (c) => c.notNull())
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text', (c) => c.notNull())
    .addColumn('error_message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_escrows_pk', ['job_id', 'source_id', 'kind'])
    .execute();
  await db.schema.createIndex('engine_escrows_due').on('engine_escrows').columns(['job_id', 'next_attempt_at']).execute();

  await db.schema
    .createTable('engine_staged_deletes')
    .addColumn('job_id', 'text', (c) => c.notNull().references('synchronization_jobs.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('staged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_staged_deletes_pk', ['job_id', 'source_id'])
    .execute();
}
