import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { addSequenceColumn } from './column-types.js';

/** Settings, signing keys, app registrations with their secrets, service principals, grants and the change feed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('display_name_lower', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_display_name_lower').on('applications').column('display_name_lower').execute();

  await db.schema
    .createTable('password_credentials')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('display_name', 'text')
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_credentials_application').on('password_credentials').column('application_id').execute();

  await db.schema
    .createTable('service_principals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('display_name_lower', 'text')
    .addColumn('account_enabled', 'integer', (c) => c.notNull())
    .addColumn('app_role_assignment_required', 'integer', (c) => c.notNull())
    .addColumn('service_principal_type', 'text', (c) => c.notNull())
    .addColumn('application_template_id', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('service_principal_names', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_principals_display_name_lower')
    .on('service_principals')
    .column('display_name_lower')
    .execute();

  await db.schema
    .createTable('app_role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_role_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('principal_type', 'text', (c) => c.notNull())
    .addColumn('principal_display_name', 'text')
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_display_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_role_assignments_principal').on('app_role_assignments').column('principal_id').execute();
  await db.schema
    .createIndex('app_role_assignments_resource')
    .on('app_role_assignments')
    .columns(['resource_id', 'principal_id'])
    .execute();

  await addSequenceColumn(dialect, db.schema.createTable('directory_changes'), 'seq')
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('directory_changes_object_type')
    .on('directory_changes')
    .columns(['object_type', 'seq'])
    .execute();
}
