import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

export interface DirectoryPrincipal {
  readonly id: string;
  readonly type: 'User' | 'Group' | 'ServicePrincipal';
  readonly displayName: string | null;
}

/** Finds the principal an app role assignment names. Service principals are the principals the directory holds today. */
export async function resolvePrincipal(db: Kysely<Database>, id: string): Promise<DirectoryPrincipal | undefined> {
  const sp = await db
    .selectFrom('service_principals')
    .select(['id', 'display_name'])
    .where('id', '=', id.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return sp ? { id: sp.id, type: 'ServicePrincipal', displayName: sp.display_name } : undefined;
}
