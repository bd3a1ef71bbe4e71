import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { isUniqueViolation } from './unique-violation.js';
import { locksRowsForWrite } from './store-dialect.js';

/**
 * The on-premises anchor that joins a synchronized object to its AD object (base64 of the objectGUID): a
 * user's `onPremisesImmutableId` (column `on_premises_immutable_id`), the `source_anchor` column of groups and
 * contacts (Graph does not show theirs). Unique among live objects of a kind; deleted users and groups keep
 * theirs, so that the object comes back when its AD object does.
 */
export type AnchoredTable = 'users' | 'groups' | 'contacts';

const anchorColumn = { users: 'on_premises_immutable_id', groups: 'source_anchor', contacts: 'source_anchor' } as const;

/** Ids of the live objects holding an anchor (at most two: more than one is a conflict either way). */
export async function liveIdsWithAnchor(db: Kysely<Database>, table: AnchoredTable, anchor: string): Promise<string[]> {
  let query = db.selectFrom(table).select('id').where(anchorColumn[table], '=', anchor).limit(2);
  if (table !== 'contacts') query = query.where('deleted_at', 'is', null);
  return (await query.execute()).map((row) => row.id);
}

/** The most recently deleted user or group holding an anchor, locked for its restore on PostgreSQL. */
export async function deletedIdWithAnchor(db: Kysely<Database>, table: 'users' | 'groups', anchor: string): Promise<string | undefined> {
  let query = db
    .selectFrom(table)
    .select('id')
    .where(anchorColumn[table], '=', anchor)
    .where('deleted_at', 'is not', null)
    .orderBy('deleted_at', 'desc')
    .limit(1);
  if (locksRowsForWrite(db)) query = query.forUpdate();
  return (await query.executeTakeFirst())?.id;
}

/** A live group's anchor. */
export async function groupSourceAnchor(db: Kysely<Database>, groupId: string): Promise<string | null> {
  const row = await db.selectFrom('groups').select('source_anchor').where('id', '=', groupId).executeTakeFirst();
  return row?.source_anchor ?? null;
}

/** Sets a group's anchor; one another live group holds is Graph's duplicate-value error. */
export async function setGroupSourceAnchor(db: Kysely<Database>, groupId: string, anchor: string | null): Promise<void> {
  if (anchor !== null && (await liveIdsWithAnchor(db, 'groups', anchor)).some((id) => id !== groupId)) throw new DuplicatePropertyValueError('sourceAnchor');
  try {
    await db.updateTable('groups').set({ source_anchor: anchor }).where('id', '=', groupId).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePropertyValueError('sourceAnchor');
    throw error;
  }
}
