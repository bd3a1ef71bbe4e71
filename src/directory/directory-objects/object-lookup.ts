import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { DirectoryObjectNotFoundError, UnsupportedReferenceTypeError } from '../directory-errors.js';

/** The kinds of directory object links can point at. */
export type LinkableType = 'user' | 'group' | 'orgContact' | 'servicePrincipal';

/** Ids per statement: each appears once per table, well within SQLite's and PostgreSQL's parameter limits. */
const chunk = 500;

/**
 * Which kind of live directory object each id is, one statement over the four tables for up to 500 ids (a
 * group's new members are resolved together, not one by one); ids of no live object are absent. Objects in
 * deleted items do not count.
 */
async function liveObjectTypes(db: Kysely<Database>, ids: readonly string[]): Promise<ReadonlyMap<string, LinkableType>> {
  const unique = [...new Set(ids)];
  const types = new Map<string, LinkableType>();
  for (let start = 0; start < unique.length; start += chunk) {
    const wanted = unique.slice(start, start + chunk);
    const live = (table: 'users' | 'groups' | 'service_principals', type: LinkableType) =>
      db.selectFrom(table).select(['id', sql.lit(type).as('type')]).where('id', 'in', wanted).where('deleted_at', 'is', null);
    const rows = await live('users', 'user')
      .unionAll(live('groups', 'group'))
      .unionAll(db.selectFrom('contacts').select(['id', sql.lit<LinkableType>('orgContact').as('type')]).where('id', 'in', wanted))
      .unionAll(live('service_principals', 'servicePrincipal'))
      .execute();
    // Ids are GUIDs the directory generates: each names one object, in one table.
    for (const row of rows) types.set(row.id, row.type);
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
