import type { Insertable, Kysely } from 'kysely';
import type { Database, GroupsTable } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { locksRowsForWrite } from '../directory-objects/store-dialect.js';
import type { Group } from './group.js';

export function groupToRow(group: Group): Insertable<GroupsTable> {
  return {
    id: group.id,
    display_name: group.displayName,
    display_name_lower: group.displayName?.toLowerCase() ?? null,
    mail_lower: group.mail?.toLowerCase() ?? null,
    mail_nickname_lower: group.mailNickname.toLowerCase(),
    security_enabled: group.securityEnabled ? 1 : 0,
    mail_enabled: group.mailEnabled ? 1 : 0,
    group_types: JSON.stringify(group.groupTypes),
    created_at: group.createdDateTime,
    deleted_at: group.deletedDateTime,
    data: JSON.stringify(group),
  };
}

export function groupFromData(data: string): Group {
  return JSON.parse(data) as Group;
}

/** A Microsoft 365 group's address must be free among live groups, as Exchange requires. */
async function assertUniqueMail(db: Kysely<Database>, group: Group): Promise<void> {
  if (group.mail === null) return;
  const clash = await db
    .selectFrom('groups')
    .select('id')
    .where('mail_lower', '=', group.mail.toLowerCase())
    .where('deleted_at', 'is', null)
    .where('id', '!=', group.id)
    .executeTakeFirst();
  if (clash) throw new DuplicatePropertyValueError('proxyAddresses');
}

export async function insertGroup(db: Kysely<Database>, group: Group): Promise<void> {
  await assertUniqueMail(db, group);
  await db.insertInto('groups').values(groupToRow(group)).execute();
  await appendChange(db, { objectType: 'group', objectId: group.id, changeType: 'created' });
}

export async function updateGroup(db: Kysely<Database>, group: Group, changed: readonly string[]): Promise<void> {
  await assertUniqueMail(db, group);
  const { id, ...row } = groupToRow(group);
  await db.updateTable('groups').set(row).where('id', '=', id).execute();
  await appendChange(db, { objectType: 'group', objectId: id, changeType: 'updated', details: { properties: [...changed] } });
}

/** A live group by id (or, with `deleted`, one in deleted items); locked for the write when in a PostgreSQL transaction. */
export async function findGroup(db: Kysely<Database>, id: string, options: { deleted?: boolean } = {}): Promise<Group | undefined> {
  let query = db.selectFrom('groups').select('data').where('id', '=', id.toLowerCase()).where('deleted_at', options.deleted ? 'is not' : 'is', null);
  if (locksRowsForWrite(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? groupFromData(row.data) : undefined;
}
