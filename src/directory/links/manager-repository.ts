import type { Kysely } from 'kysely';
import { BadRequestError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import { appendChange } from '../change-feed.js';
import { resolveReferences } from '../directory-objects/object-lookup.js';

/**
 * Makes `managerId` (a live user) the manager of `userId`; naming the current manager again changes
 * nothing, and a user cannot manage themselves.
 */
export async function assignManager(db: Kysely<Database>, userId: string, managerId: string, currentManagerId: string | null): Promise<void> {
  if (managerId === userId) throw new BadRequestError('A user cannot be their own manager.', { code: 'Request_BadRequest' });
  await resolveReferences(db, [managerId], 'manager', ['user']);
  if (currentManagerId === managerId) return;
  await db.updateTable('users').set({ manager_id: managerId }).where('id', '=', userId).execute();
  await appendChange(db, { objectType: 'user', objectId: userId, changeType: 'linked', details: { relation: 'manager', targetId: managerId, targetType: 'user' } });
}

/** Clears a user's manager. */
export async function removeManager(db: Kysely<Database>, userId: string, currentManagerId: string): Promise<void> {
  await db.updateTable('users').set({ manager_id: null }).where('id', '=', userId).execute();
  await appendChange(db, {
    objectType: 'user',
    objectId: userId,
    changeType: 'unlinked',
    details: { relation: 'manager', targetId: currentManagerId, targetType: 'user' },
  });
}
