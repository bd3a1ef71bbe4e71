import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { listAssignmentsOfPrincipal, removeAppRoleAssignment } from '../app-role-assignments/app-role-assignment-repository.js';
import { appendChange, appendChanges } from '../change-feed.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { findGroup } from '../groups/group-repository.js';
import type { Group } from '../groups/group.js';
import { inboundLinkChanges } from '../links/inbound-link-changes.js';
import { checkUserPrincipalName } from '../users/user-input.js';
import { assertUniqueValues, findUser, guardUnique } from '../users/user-repository.js';
import type { User } from '../users/user.js';

/**
 * Soft delete, restore and permanent delete of users and groups. A soft-deleted object keeps its row and
 * its links (memberships, ownerships, manager): listings hide it through `deleted_at`, and a restore brings
 * it back with its links, as Entra restores them. The change feed records the links that disappear from
 * (and reappear in) other objects, so delta readers see membership follow the object.
 */

export type DeletableType = 'user' | 'group';

/**
 * Entra frees a deleted user's userPrincipalName by prefixing it with the object id (without dashes); the
 * prefix is removed again on restore.
 */
export function deletedUserPrincipalName(user: Pick<User, 'id' | 'userPrincipalName'>): string {
  return `${user.id.replace(/-/g, '')}${user.userPrincipalName}`;
}

export function originalUserPrincipalName(user: Pick<User, 'id' | 'userPrincipalName'>): string {
  const prefix = user.id.replace(/-/g, '');
  return user.userPrincipalName.startsWith(prefix) ? user.userPrincipalName.slice(prefix.length) : user.userPrincipalName;
}

/** Moves a live user to deleted items. */
export async function softDeleteUser(db: Kysely<Database>, user: User, now = new Date().toISOString()): Promise<void> {
  const upn = deletedUserPrincipalName(user);
  const deleted: User = { ...user, userPrincipalName: upn, deletedDateTime: now };
  await db
    .updateTable('users')
    .set({ deleted_at: now, user_principal_name: upn, user_principal_name_lower: upn.toLowerCase(), data: JSON.stringify(deleted) })
    .where('id', '=', user.id)
    .execute();
  await appendChanges(db, [...(await inboundLinkChanges(db, user.id, 'user', 'unlinked')), { objectType: 'user', objectId: user.id, changeType: 'deleted' }], now);
}

/** Moves a live group to deleted items. */
export async function softDeleteGroup(db: Kysely<Database>, group: Group, now = new Date().toISOString()): Promise<void> {
  const deleted: Group = { ...group, deletedDateTime: now };
  await db.updateTable('groups').set({ deleted_at: now, data: JSON.stringify(deleted) }).where('id', '=', group.id).execute();
  await appendChanges(db, [...(await inboundLinkChanges(db, group.id, 'group', 'unlinked')), { objectType: 'group', objectId: group.id, changeType: 'deleted' }], now);
}

/**
 * Restores a deleted user under its original userPrincipalName, or `newUserPrincipalName` when given; a name
 * (or source anchor) a live user holds meanwhile is Graph's duplicate-value error.
 */
export async function restoreUser(db: Kysely<Database>, deleted: User, tenantDomain: string, newUserPrincipalName?: string): Promise<User> {
  const upn = newUserPrincipalName ?? originalUserPrincipalName(deleted);
  if (newUserPrincipalName !== undefined) checkUserPrincipalName(newUserPrincipalName, tenantDomain);
  const restored: User = { ...deleted, userPrincipalName: upn, deletedDateTime: null };
  await assertUniqueValues(db, restored);
  await guardUnique(() =>
    db
      .updateTable('users')
      .set({ deleted_at: null, user_principal_name: upn, user_principal_name_lower: upn.toLowerCase(), data: JSON.stringify(restored) })
      .where('id', '=', deleted.id)
      .execute(),
  );
  await appendChanges(db, [...(await inboundLinkChanges(db, deleted.id, 'user', 'linked')), { objectType: 'user', objectId: deleted.id, changeType: 'restored' }]);
  return restored;
}

/** Restores a deleted group; a Microsoft 365 group whose address a live group took meanwhile cannot come back. */
export async function restoreGroup(db: Kysely<Database>, deleted: Group): Promise<Group> {
  if (deleted.mail !== null) {
    const clash = await db
      .selectFrom('groups')
      .select('id')
      .where('mail_lower', '=', deleted.mail.toLowerCase())
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (clash) throw new DuplicatePropertyValueError('proxyAddresses');
  }
  const restored: Group = { ...deleted, deletedDateTime: null };
  await db.updateTable('groups').set({ deleted_at: null, data: JSON.stringify(restored) }).where('id', '=', deleted.id).execute();
  await appendChanges(db, [...(await inboundLinkChanges(db, deleted.id, 'group', 'linked')), { objectType: 'group', objectId: deleted.id, changeType: 'restored' }]);
  return restored;
}

/**
 * Permanently deletes an object that is in deleted items, with every link to and from it and its app role
 * assignments. Links were already reported as removed when the object was soft-deleted.
 */
export async function purgeDeletedObject(db: Kysely<Database>, objectType: DeletableType, id: string): Promise<void> {
  for (const assignment of await listAssignmentsOfPrincipal(db, id)) await removeAppRoleAssignment(db, assignment.id);
  await db.deleteFrom('group_members').where('member_id', '=', id).execute();
  await db.deleteFrom('group_owners').where('owner_id', '=', id).execute();
  if (objectType === 'user') {
    await db.updateTable('users').set({ manager_id: null }).where('manager_id', '=', id).execute();
    await db.deleteFrom('users').where('id', '=', id).execute();
  } else {
    await db.deleteFrom('group_members').where('group_id', '=', id).execute();
    await db.deleteFrom('group_owners').where('group_id', '=', id).execute();
    await db.deleteFrom('groups').where('id', '=', id).execute();
  }
  await appendChange(db, { objectType, objectId: id, changeType: 'purged' });
}

/** A deleted user or group by id, whichever it is (locked for the write when in a PostgreSQL transaction). */
export async function findDeletedObject(
  db: Kysely<Database>,
  id: string,
): Promise<{ type: 'user'; object: User } | { type: 'group'; object: Group } | undefined> {
  const user = await findUser(db, id, { deleted: true });
  if (user) return { type: 'user', object: user.user };
  const group = await findGroup(db, id, { deleted: true });
  if (group) return { type: 'group', object: group };
  return undefined;
}
