import { sql, type Kysely } from 'kysely';
import { compileFilterSql, parseFilter } from '../../api/odata/index.js';
import { isPostgres } from '../../directory/directory-objects/store-dialect.js';
import { liveIdsWithAnchor } from '../../directory/directory-objects/source-anchors.js';
import type { Database } from '../../store/database.js';
import { attributeRule, type DirectoryObjectType } from './directory-attributes.js';
import type { DirectoryObjects } from './directory-objects.js';
import { syncedUserPrincipalName } from './synced-user-principal-name.js';

/** How many matches a lookup reads: the engine only tells none, one and several apart. */
const lookupLimit = 10;

/** A lookup the directory can answer for an attribute: by anchor, or as a Graph `$filter` over the kind's catalog. */
export type LookupPlan =
  | { readonly kind: 'anchor' }
  | { readonly kind: 'filter'; readonly path: string; readonly collection: boolean; readonly convert: (value: unknown) => unknown };

/**
 * Matching (hard match on the anchor, soft match on userPrincipalName or mail) and SelectUniqueValue look
 * objects up by target attribute. Any attribute whose Graph property the kind's catalog lets `$filter`
 * compare with `eq` can be looked up; undefined for the others (contacts' phones, the manager, ignored ones).
 */
export function lookupPlan(objectType: DirectoryObjectType, objects: DirectoryObjects, attribute: string): LookupPlan | undefined {
  const rule = attributeRule(objectType, attribute);
  if (rule === undefined) return undefined;
  const { location, value } = rule;
  if (location.kind === 'anchor') return { kind: 'anchor' };
  const path = location.kind === 'property' || location.kind === 'first' ? location.name : location.kind === 'entry' ? `${location.name}/${location.key}` : undefined;
  const spec = path === undefined ? undefined : objects.catalog.properties[path];
  if (path === undefined || spec === undefined) return undefined;
  if (spec.collection !== undefined) {
    return 'members' in spec.collection || !spec.collection.filter?.includes('eq') ? undefined : { kind: 'filter', path, collection: true, convert: value.write };
  }
  return spec.filter?.includes('eq') ? { kind: 'filter', path, collection: false, convert: value.write } : undefined;
}

function literal(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : undefined;
}

/**
 * Ids of the live objects whose attribute equals `value`, compared as the directory stores it: the value is
 * converted as a write would convert it (a GUID becomes the base64 anchor, a userPrincipalName takes the
 * tenant's suffix).
 */
export async function lookupIds(
  db: Kysely<Database>,
  objects: DirectoryObjects,
  plan: LookupPlan,
  objectType: DirectoryObjectType,
  value: string,
  tenantDomain: string,
): Promise<string[]> {
  if (plan.kind === 'anchor') {
    const anchorValue = attributeRule(objectType, 'sourceAnchorBinary')!.value.write(value);
    return typeof anchorValue === 'string' ? liveIdsWithAnchor(db, objects.table, anchorValue) : [];
  }
  const converted = plan.convert(value);
  const compared = objectType === 'User' && plan.path === 'userPrincipalName' && typeof converted === 'string' ? syncedUserPrincipalName(converted, null, tenantDomain) : converted;
  const text = literal(Array.isArray(compared) ? compared[0] : compared);
  if (text === undefined) return [];
  const filter = parseFilter(plan.collection ? `${plan.path}/any(v:v eq ${text})` : `${plan.path} eq ${text}`);
  const condition = compileFilterSql(filter, objects.catalog, isPostgres(db) ? 'postgres' : 'sqlite');
  const rows = await sql<{ id: string }>`select id from ${sql.table(objects.table)} where ${objects.liveRows} and ${condition} limit ${lookupLimit}`.execute(db);
  return rows.rows.map((row) => row.id);
}
