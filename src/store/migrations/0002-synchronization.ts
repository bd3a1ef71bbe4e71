import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Synchronization: jobs with their schedule, status and schema; secrets per service principal; custom templates. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('synchronization_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_principal_id', 'text', (c) => c.notNull().references('service_principals.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('pending_reset', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_requested_at', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('synchronization_jobs_service_principal')
    .on('synchronization_jobs')
    .columns(['service_principal_id', 'id'])
    .execute();
  await db.schema.createIndex('synchronization_jobs_next_run').on('synchronization_jobs').column('next_run_at').execute();

  await db.schema
    .createTable('synchronization_secrets')
    .addColumn('service_principal_id', 'text', (c) => c.primaryKey().references('service_principals.id').onDelete('cascade'))
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('synchronization_templates')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('synchronization_templates_pk', ['application_id', 'template_id'])
    .execute();
}
