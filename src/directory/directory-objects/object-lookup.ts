import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { DirectoryObjectNotFoundError, UnsupportedReferenceTypeError } from '../directory-errors.js';

/** The kinds of directory object links can point at. */
export type LinkableType = 'user' | 'group' | 'orgContact' | 'servicePrincipal';

/** Ids per statement, well within SQLite's and PostgreSQL's parameter limits. */
const chunk = 500;

/** The tables of linkable objects, in the order they are searched (users are the usual targets). */
const kinds: readonly { readonly table: 'users' | 'groups' | 'contacts' | 'service_principals'; readonly type: LinkableType }[] = [
  { table: 'users', type: 'user' },
  { table: 'groups', type: 'group' },
  { table: 'contacts', type: 'orgContact' },
  { table: 'service_principals', type: 'servicePrincipal' },
];

/**
 * Which kind of live directory object each id is; ids of no live object are absent. One statement per table
 * for all the ids not found yet (up to 500 at a time), so a manager or a group's user members take one
 * statement: a union over the four tables costs twice a single lookup for the one id of a manager. Objects in
 * deleted items do not count.
 */
async function liveObjectTypes(db: Kysely<Database>, ids: readonly string[]): Promise<ReadonlyMap<string, LinkableType>> {
  const types = new Map<string, LinkableType>();
  let missing = [...new Set(ids)];
  for (const { table, type } of kinds) {
    for (let start = 0; start < missing.length; start += chunk) {
      let query = db.selectFrom(table).select('id').where('id', 'in', missing.slice(start, start + chunk));
      if (table !== 'contacts') query = query.where('deleted_at', 'is', null);
      for (const row of await query.execute()) types.set(row.id, type);
    }
    missing = missing.filter((id) => !types.has(id));
    if (missing.length === 0) break;
  }
  return types;
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
  const types = await liveObjectTypes(db, ids);
  return ids.map((id) => {
    const type = types.get(id);
    if (type === undefined) throw new DirectoryObjectNotFoundError(id);
    if (!accepted.includes(type)) throw new UnsupportedReferenceTypeError(relation, type);
    return Object.freeze({ id, type });
  });
}
