import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { DirectoryObjectNotFoundError, UnsupportedReferenceTypeError } from '../directory-errors.js';

/** The kinds of directory object links can point at. */
export type LinkableType = 'user' | 'group' | 'orgContact' | 'servicePrincipal';

/** Which kind of live directory object `id` is, if any; objects in deleted items do not count. */
export async function liveObjectType(db: Kysely<Database>, id: string): Promise<LinkableType | undefined> {
  if (await db.selectFrom('users').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) return 'user';
  if (await db.selectFrom('groups').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) return 'group';
  if (await db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst()) return 'orgContact';
  if (await db.selectFrom('service_principals').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) {
    return 'servicePrincipal';
  }
  return undefined;
}

export interface ResolvedReference {
  readonly id: string;
  readonly type: LinkableType;
}

/** Resolves reference targets: each must exist (404 otherwise) and be of a type the relation takes (400). */
export async function resolveReferences(
  db: Kysely<Database>,
  ids: readonly string[],
  relation: string,
  accepted: readonly LinkableType[],
): Promise<ResolvedReference[]> {
  const resolved: ResolvedReference[] = [];
  for (const id of ids) {
    const type = await liveObjectType(db, id);
    if (type === undefined) throw new DirectoryObjectNotFoundError(id);
    if (!accepted.includes(type)) throw new UnsupportedReferenceTypeError(relation, type);
    resolved.push(Object.freeze({ id, type }));
  }
  return resolved;
}
