/**
 * What a resource lets clients query, supplied by each route: which properties `$filter`, `$orderby`,
 * `$search`, `$select` and `$expand` may name, with which operators, how strings compare, and where each
 * property lives in SQL. Both filter back ends read the same catalog, which is what keeps them equivalent.
 */

/** Value types a filterable property can have. `datetime` values are ISO-8601 strings (or Dates in memory). */
export type PropertyType = 'string' | 'guid' | 'number' | 'boolean' | 'datetime';

/** Operators a property can allow. `ne` and `not` are separate from `eq` because Graph gates them. */
export type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'startswith' | 'endswith' | 'contains';

/**
 * Where a value lives in SQL.
 * - `{ column }`: a plain column. Booleans are integers 0/1 (the store's portable convention), date-times
 *   ISO-8601 text from `Date.toISOString()` so text order is time order.
 * - `{ column, lowered }`: as above, plus a column holding the case-folded copy (the store's `*_lower`
 *   columns); case-insensitive comparisons use it so an ordinary index serves them.
 * - `{ column, json: ['a', 'b'] }`: the value at `$.a.b` inside a JSON text column, read with
 *   `json_extract(col, '$."a"."b"')` on SQLite and `(col::jsonb #>> '{a,b}')` on PostgreSQL.
 * Column names may be qualified (`sp.data`); they are quoted as identifiers.
 */
export type SqlSource =
  | { readonly column: string; readonly lowered?: string; readonly json?: undefined }
  | { readonly column: string; readonly json: readonly string[]; readonly lowered?: undefined };

export interface ValueSpec {
  readonly type: PropertyType;
  /** Graph compares most directory strings case-insensitively; set for the exceptions. GUIDs always fold. */
  readonly caseSensitive?: boolean;
  /** Operators `$filter` may apply; absent or empty means the property is not filterable. */
  readonly filter?: readonly FilterOperator[];
  /** Subset of `filter` Graph only serves as an advanced query (ConsistencyLevel: eventual + $count=true). */
  readonly advanced?: readonly FilterOperator[];
}

export interface ScalarPropertySpec extends ValueSpec {
  readonly collection?: undefined;
  /** Whether `$orderby` may use the property, and whether only in advanced queries. */
  readonly sort?: 'default' | 'advanced';
  /** Whether `$search="name:term"` may use the property (strings only). */
  readonly search?: boolean;
  readonly sql?: SqlSource;
}

/** A collection of primitives (`proxyAddresses`) or of objects (`identities`), stored as a JSON array. */
export interface CollectionPropertySpec {
  readonly collection: ValueSpec | { readonly members: Readonly<Record<string, ValueSpec>> };
  /** Lambda operators allowed on the collection. */
  readonly lambdas: readonly ('any' | 'all')[];
  readonly sql?: SqlSource;
}

export type PropertySpec = ScalarPropertySpec | CollectionPropertySpec;

export interface ResourceCatalog {
  /** Graph's resource name in error messages: `User`, `ServicePrincipal`. */
  readonly resource: string;
  /** The OData type in parser messages: `microsoft.graph.servicePrincipal`. */
  readonly entityType: string;
  /** Keyed by canonical path (`appId`, `sourceIdentity/id`); clients may use any casing. */
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Every property `$select` may name (canonical casing); when absent, `$select` is not checked. */
  readonly selectable?: readonly string[];
  /** Navigation properties `$expand` may name. */
  readonly expandable?: readonly string[];
  /** The unique key that breaks sort ties and anchors paging; defaults to `id` in column `id`. */
  readonly key?: { readonly property: string; readonly sql: SqlSource };
}

export interface ResolvedProperty {
  /** Canonical path, as the catalog spells it. */
  readonly name: string;
  readonly spec: PropertySpec;
}

/** Graph matches property names case-insensitively (`AppId eq …` works); the catalog's spelling wins. */
export function findProperty(catalog: ResourceCatalog, path: string): ResolvedProperty | undefined {
  const wanted = path.toLowerCase();
  for (const [name, spec] of Object.entries(catalog.properties)) {
    if (name.toLowerCase() === wanted) return { name, spec };
  }
  return undefined;
}

export function findName(names: readonly string[] | undefined, wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  return names?.find((name) => name.toLowerCase() === lower);
}

export function isCollection(spec: PropertySpec): spec is CollectionPropertySpec {
  return spec.collection !== undefined;
}

export function catalogKey(catalog: ResourceCatalog): { readonly property: string; readonly sql: SqlSource } {
  return catalog.key ?? DEFAULT_KEY;
}

const DEFAULT_KEY = Object.freeze({ property: 'id', sql: Object.freeze({ column: 'id' }) });
