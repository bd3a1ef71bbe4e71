import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Users, groups, their links (members, owners, manager), directory extension properties, and the index the
 * delta queries need on the change feed. Links have no foreign keys: a member is a user or a group, and
 * soft-deleted objects keep their links (hidden by joins) so a restore brings them back.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Text in byte order on PostgreSQL too, as the OData layer compares and sorts (`COLLATE "C"`): then the
  // primary keys and indexes serve keyset paging directly instead of a sort per page. SQLite's default
  // collation already is byte order.
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_principal_name', text, (c) => c.notNull())
    .addColumn('user_principal_name_lower', text, (c) => c.notNull())
    .addColumn('display_name', text)
    .addColumn('display_name_lower', text)
    .addColumn('given_name_lower', text)
    .addColumn('surname_lower', text)
    .addColumn('mail_lower', text)
    .addColumn('mail_nickname_lower', text)
    .addColumn('employee_id', text)
    .addColumn('on_premises_immutable_id', text)
    .addColumn('on_premises_sam_account_name_lower', text)
    .addColumn('account_enabled', 'integer', (c) => c.notNull())
    .addColumn('user_type', text, (c) => c.notNull())
    .addColumn('manager_id', text)
    .addColumn('password_hash', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('deleted_at', text)
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  // Graph keeps userPrincipalName unique among live users only; a soft-deleted user frees its name.
  await sql`create unique index users_upn_live on users (user_principal_name_lower) where deleted_at is null`.execute(db);
  await db.schema.createIndex('users_display_name_lower').on('users').columns(['display_name_lower', 'id']).execute();
  await db.schema.createIndex('users_mail_lower').on('users').column('mail_lower').execute();
  await db.schema.createIndex('users_employee_id').on('users').column('employee_id').execute();
  // The source anchor of synchronized users is unique too, as Entra keeps it.
  await sql`create unique index users_immutable_id_live on users (on_premises_immutable_id)
    where deleted_at is null and on_premises_immutable_id is not null`.execute(db);
  await db.schema.createIndex('users_manager').on('users').columns(['manager_id', 'id']).execute();
  // Partial, so queries for live rows (`deleted_at is null`) never pick it over the key order they page by.
  await sql`create index users_deleted_at on users (deleted_at) where deleted_at is not null`.execute(db);

  await db.schema
    .createTable('groups')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('display_name', text)
    .addColumn('display_name_lower', text)
    .addColumn('mail_lower', text)
    .addColumn('mail_nickname_lower', text)
    .addColumn('security_enabled', 'integer', (c) => c.notNull())
    .addColumn('mail_enabled', 'integer', (c) => c.notNull())
    .addColumn('group_types', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('deleted_at', text)
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_display_name_lower').on('groups').columns(['display_name_lower', 'id']).execute();
  await db.schema.createIndex('groups_mail_lower').on('groups').column('mail_lower').execute();
  await sql`create index groups_deleted_at on groups (deleted_at) where deleted_at is not null`.execute(db);

  // Both directions are indexed: members of a group (primary key) and groups of a member (memberOf, transitive walks).
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', text, (c) => c.notNull())
    .addColumn('member_id', text, (c) => c.notNull())
    .addColumn('member_type', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .execute();
  await db.schema.createIndex('group_members_member').on('group_members').columns(['member_id', 'group_id']).execute();

  await db.schema
    .createTable('group_owners')
    .addColumn('group_id', text, (c) => c.notNull())
    .addColumn('owner_id', text, (c) => c.notNull())
    .addColumn('owner_type', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_owners_pk', ['group_id', 'owner_id'])
    .execute();
  await db.schema.createIndex('group_owners_owner').on('group_owners').columns(['owner_id', 'group_id']).execute();

  await db.schema
    .createTable('extension_properties')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('application_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_lower', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('extension_properties_application').on('extension_properties').column('application_id').execute();

  // Delta rounds ask "does this object change again later in the round?" for each change they read.
  await db.schema.createIndex('directory_changes_object').on('directory_changes').columns(['object_id', 'seq']).execute();
}
