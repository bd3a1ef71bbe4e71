import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

export type DirectoryObjectType = 'user' | 'group' | 'application' | 'servicePrincipal' | 'appRoleAssignment';
export type ChangeType = 'created' | 'updated' | 'deleted' | 'restored' | 'purged' | 'linked' | 'unlinked';

export interface DirectoryChange {
  objectType: DirectoryObjectType;
  objectId: string;
  changeType: ChangeType;
  details?: Record<string, unknown>;
}

/**
 * Appends to the change feed. Callers pass the transaction that makes the change itself, so the feed never
 * shows a change that did not happen nor misses one that did.
 */
export async function appendChange(db: Kysely<Database>, change: DirectoryChange, at = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('directory_changes')
    .values({
      object_type: change.objectType,
      object_id: change.objectId,
      change_type: change.changeType,
      changed_at: at,
      details: change.details === undefined ? null : JSON.stringify(change.details),
    })
    .execute();
}
