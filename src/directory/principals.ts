import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

export interface DirectoryPrincipal {
  readonly id: string;
  readonly type: 'User' | 'Group' | 'ServicePrincipal';
  readonly displayName: string | null;
}

/**
 * Finds the principal an app role assignment names: a live user, group or service principal. Users and groups
 * assigned to an application are its provisioning scope (docs/engine.md).
 */
export async function resolvePrincipal(db: Kysely<Database>, id: string): Promise<DirectoryPrincipal | undefined> {
  const key = id.toLowerCase();
  const user = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
  if (user) return { id: user.id, type: 'User', displayName: user.display_name };
  const group = await db.selectFrom('groups').select(['id', 'display_name']).where('id', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
  if (group) return { id: group.id, type: 'Group', displayName: group.display_name };
  const sp = await db
    .selectFrom('service_principals')
    .select(['id', 'display_name'])
    .where('id', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return sp ? { id: sp.id, type: 'ServicePrincipal', displayName: sp.display_name } : undefined;
}
