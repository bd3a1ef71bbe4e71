import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * What cloud sync brings into the directory besides users and groups:
 * - `contacts`: organizational contacts (Graph's orgContact), read-only in Graph and written by synchronization.
 *   Entra keeps no deleted contacts, so there is no `deleted_at`: a contact is deleted for good.
 * - `groups.source_anchor`, `contacts.source_anchor`: the on-premises anchor (base64 of the objectGUID) that
 *   joins a synchronized object to its AD object. Graph shows it for users only (`onPremisesImmutableId`, already
 *   a column), so for groups and contacts it lives beside the Graph document. Unique among live objects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Byte-order text on PostgreSQL, as in 0003: the OData layer sorts and pages in that order.
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('contacts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('display_name', text)
    .addColumn('display_name_lower', text)
    .addColumn('given_name_lower', text)
    .addColumn('surname_lower', text)
    .addColumn('mail_lower', text)
    .addColumn('mail_nickname_lower', text)
    .addColumn('source_anchor', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_display_name_lower').on('contacts').columns(['display_name_lower', 'id']).execute();
  await db.schema.createIndex('contacts_mail_lower').on('contacts').column('mail_lower').execute();
  await sql`create unique index contacts_source_anchor on contacts (source_anchor) where source_anchor is not null`.execute(db);

  await db.schema.alterTable('groups').addColumn('source_anchor', text).execute();
  await sql`create unique index groups_source_anchor_live on groups (source_anchor)
    where deleted_at is null and source_anchor is not null`.execute(db);
}
