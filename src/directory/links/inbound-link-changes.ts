import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import type { DirectoryChange } from '../change-feed.js';

/** The kinds of object whose removal or return other objects' links follow. */
export type LinkedObjectType = 'user' | 'group' | 'orgContact';

/**
 * The link changes of other objects that point at `objectId`: the live groups it is a member or an owner of,
 * the live users it manages. Deleting or restoring an object records them, so delta readers see membership
 * follow the object. Groups in deleted items are left out: their links stay hidden until a restore.
 */
export async function inboundLinkChanges(
  db: Kysely<Database>,
  objectId: string,
  objectType: LinkedObjectType,
  changeType: 'linked' | 'unlinked',
): Promise<DirectoryChange[]> {
  const memberships = await db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .select('m.group_id')
    .where('m.member_id', '=', objectId)
    .where('g.deleted_at', 'is', null)
    .execute();
  const ownerships = await db
    .selectFrom('group_owners as o')
    .innerJoin('groups as g', 'g.id', 'o.group_id')
    .select('o.group_id')
    .where('o.owner_id', '=', objectId)
    .where('g.deleted_at', 'is', null)
    .execute();
  const reports =
    objectType === 'user'
      ? await db.selectFrom('users').select('id').where('manager_id', '=', objectId).where('deleted_at', 'is', null).execute()
      : [];
  const link = (relation: string) => ({ relation, targetId: objectId, targetType: objectType });
  return [
    ...memberships.map((row): DirectoryChange => ({ objectType: 'group', objectId: row.group_id, changeType, details: link('members') })),
    ...ownerships.map((row): DirectoryChange => ({ objectType: 'group', objectId: row.group_id, changeType, details: link('owners') })),
    ...reports.map((row): DirectoryChange => ({ objectType: 'user', objectId: row.id, changeType, details: link('manager') })),
  ];
}
