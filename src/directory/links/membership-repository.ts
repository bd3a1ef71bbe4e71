import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { appendChanges, type DirectoryChange, type LinkDetails } from '../change-feed.js';
import { CircularMembershipError, ReferenceExistsError } from '../directory-errors.js';
import type { ResolvedReference } from '../directory-objects/object-lookup.js';
import { isPostgres } from '../directory-objects/store-dialect.js';
import { isUniqueViolation } from '../directory-objects/unique-violation.js';

export type GroupRelation = 'members' | 'owners';

/** Serializes nested-group additions on PostgreSQL, so two requests cannot each add half of a cycle. */
const nestingLockKey = 0x5052_4f57;

const tables = {
  members: { table: 'group_members', id: 'member_id', type: 'member_type' },
  owners: { table: 'group_owners', id: 'owner_id', type: 'owner_type' },
} as const;

function linkChange(groupId: string, changeType: 'linked' | 'unlinked', details: LinkDetails): DirectoryChange {
  return { objectType: 'group', objectId: groupId, changeType, details: { ...details } };
}

/**
 * Adds members or owners to a group, all or none: a link that already exists is Graph's 400, and a nested
 * group that would make the group (transitively) contain itself is refused.
 */
export async function addGroupLinks(db: Kysely<Database>, groupId: string, relation: GroupRelation, targets: readonly ResolvedReference[]): Promise<void> {
  if (targets.length === 0) return;
  const { table, id } = tables[relation];
  const existing = await db
    .selectFrom(table)
    .select(`${id} as target`)
    .where('group_id', '=', groupId)
    .where(id, 'in', targets.map((target) => target.id))
    .executeTakeFirst();
  if (existing) throw new ReferenceExistsError(relation);
  if (relation === 'members') {
    const nested = targets.filter((target) => target.type === 'group');
    if (nested.length > 0 && isPostgres(db)) await sql`select pg_advisory_xact_lock(${nestingLockKey})`.execute(db);
    for (const child of nested) {
      if (child.id === groupId || (await containsTransitively(db, child.id, groupId))) throw new CircularMembershipError(child.id);
    }
  }
  const now = new Date().toISOString();
  try {
    if (relation === 'members') {
      await db
        .insertInto('group_members')
        .values(targets.map((target) => ({ group_id: groupId, member_id: target.id, member_type: target.type, created_at: now })))
        .execute();
    } else {
      await db
        .insertInto('group_owners')
        .values(targets.map((target) => ({ group_id: groupId, owner_id: target.id, owner_type: target.type, created_at: now })))
        .execute();
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw new ReferenceExistsError(relation);
    throw error;
  }
  await appendChanges(
    db,
    targets.map((target) => linkChange(groupId, 'linked', { relation, targetId: target.id, targetType: target.type })),
    now,
  );
}

/** Removes one member or owner; false when it was not linked. */
export async function removeGroupLink(db: Kysely<Database>, groupId: string, relation: GroupRelation, targetId: string): Promise<boolean> {
  const { table, id, type } = tables[relation];
  const row = await db
    .selectFrom(table)
    .select(`${type} as targetType`)
    .where('group_id', '=', groupId)
    .where(id, '=', targetId)
    .executeTakeFirst();
  if (!row) return false;
  await db.deleteFrom(table).where('group_id', '=', groupId).where(id, '=', targetId).execute();
  await appendChanges(db, [linkChange(groupId, 'unlinked', { relation, targetId, targetType: row.targetType })]);
  return true;
}

/**
 * Whether `groupId` contains `candidateId` at any depth. Groups in deleted items count: their links come
 * back on restore, and a cycle must not appear then.
 */
export async function containsTransitively(db: Kysely<Database>, groupId: string, candidateId: string): Promise<boolean> {
  const result = await sql<{ found: number }>`
    with recursive nested(id) as (
      select member_id from group_members where group_id = ${groupId} and member_type = 'group'
      union
      select m.member_id from group_members m join nested n on m.group_id = n.id where m.member_type = 'group'
    )
    select 1 as found from nested where id = ${candidateId} limit 1`.execute(db);
  return result.rows.length > 0;
}
