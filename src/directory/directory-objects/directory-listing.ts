import type { FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import type { GraphVersion } from '../../api/graph/graph-route-module.js';
import {
  afterPositionSql,
  assertAdvancedQuery,
  assertCountSegmentAllowed,
  compileFilterSql,
  compileSearchSql,
  contextUrl,
  includeCount,
  nextLinkFor,
  orderBySql,
  pagePosition,
  parseQueryOptions,
  QueryOptionError,
  skipTokenScope,
  sortKeys,
  type QueryOptionName,
  type QueryOptions,
  type RawQuery,
  type ResourceCatalog,
} from '../../api/odata/index.js';
import { publicBaseUrl } from '../../api/public-url.js';
import type { ServiceContext } from '../../api/service-context.js';
import { renderDirectoryObject, type DeclaredExtensions, type DirectoryObjectKind } from './object-renderer.js';

/**
 * A collection of users and/or groups read from SQL: a table, or a subquery aliased `o` for links
 * (members, memberOf, transitive walks). Whatever `from` is, it exposes the catalog's columns, `id`,
 * `data`, and — when `kind` is not fixed — `object_type` (`user` / `group`).
 */
export interface DirectoryListing {
  /** The `@odata.context` entity set: `users`, `directoryObjects`, `groups`. */
  readonly entitySet: string;
  readonly from: RawBuilder<unknown>;
  /** Rows the collection shows at all, e.g. `deleted_at is null`. */
  readonly scope: RawBuilder<unknown>;
  readonly catalog: ResourceCatalog;
  /** Every row is of this kind; otherwise rows carry `object_type` and entities get `@odata.type`. */
  readonly kind: DirectoryObjectKind | undefined;
  readonly extensions: DeclaredExtensions;
  /** Adds expanded navigation properties to the rendered page (only `$expand` the catalog allows reaches here). */
  readonly expand?: (entities: Record<string, unknown>[], options: QueryOptions) => Promise<void>;
}

const allowed: readonly QueryOptionName[] = ['select', 'filter', 'orderby', 'top', 'skiptoken', 'count', 'search', 'format', 'expand'];

function queryOptions(request: FastifyRequest, version: GraphVersion, catalog: ResourceCatalog): QueryOptions {
  const options = parseQueryOptions(request.query as RawQuery, {
    allowed,
    catalog,
    consistencyLevel: request.headers.consistencylevel,
    dollarOptional: version === 'beta',
  });
  assertAdvancedQuery(options);
  return options;
}

function conditions(listing: DirectoryListing, options: QueryOptions, context: ServiceContext): RawBuilder<unknown>[] {
  const { dialect } = context.store;
  const parts: RawBuilder<unknown>[] = [listing.scope];
  if (options.filter !== undefined) parts.push(sql`${compileFilterSql(options.filter, listing.catalog, dialect)}`);
  if (options.search !== undefined) parts.push(sql`${compileSearchSql(options.search, listing.catalog, dialect)}`);
  return parts;
}

/**
 * Lists the Graph way, as listSqlCollection does for single-table resources: filter, search and order in
 * SQL, keyset paging with `$skiptoken`, `@odata.count` for advanced queries, `$select` and `$expand`. One
 * page (plus one row) is read per request, whatever the size of the collection.
 */
export async function listDirectoryObjects(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  listing: DirectoryListing,
): Promise<Record<string, unknown>> {
  const { catalog } = listing;
  const { db, dialect } = context.store;
  const options = queryOptions(request, version, catalog);
  if (options.expand !== undefined && listing.expand === undefined) throw QueryOptionError.notSupported('$expand');
  const where = conditions(listing, options, context);
  const keys = sortKeys(options.orderBy, catalog);
  const scope = skipTokenScope(`${catalog.resource}:${listing.entitySet}`, options);
  const paged = [...where];
  if (options.skipToken !== undefined) {
    paged.push(sql`${afterPositionSql(keys, catalog, context.skipTokens.decode(options.skipToken, scope), dialect)}`);
  }
  const top = options.top ?? 100;
  const typeColumn = listing.kind === undefined ? sql`object_type` : sql.lit(listing.kind);
  const rows = await sql<{ data: string; object_type: DirectoryObjectKind }>`select data, ${typeColumn} as object_type from ${listing.from}
    where ${sql.join(paged, sql` and `)}
    order by ${sql.join(orderBySql(keys, catalog, dialect))}
    limit ${top + 1}`.execute(db);

  const page = rows.rows.slice(0, top);
  const base = publicBaseUrl(request, context.config.publicUrl);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(base, version, listing.entitySet, options.select) };
  if (includeCount(options)) {
    const counted = await sql<{ n: number }>`select count(*) as n from ${listing.from} where ${sql.join(where, sql` and `)}`.execute(db);
    body['@odata.count'] = Number(counted.rows[0]?.n ?? 0);
  }
  const last = page.at(-1);
  if (rows.rows.length > top && last !== undefined) {
    const position = pagePosition(JSON.parse(last.data) as Record<string, unknown>, keys, catalog);
    body['@odata.nextLink'] = nextLinkFor(`${base}${request.url}`, context.skipTokens.encode(position, scope));
  }
  const renderOptions = { version, select: options.select, annotate: listing.kind === undefined, extensions: listing.extensions };
  const entities = page.map((row) => renderDirectoryObject(row.object_type, row.data, renderOptions));
  if (options.expand !== undefined && listing.expand !== undefined) await listing.expand(entities, options);
  body.value = entities;
  return body;
}

/** `…/$count`: the number of objects matching `$filter` / `$search`, which Graph serves only with ConsistencyLevel. */
export async function countDirectoryObjects(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  listing: DirectoryListing,
): Promise<number> {
  assertCountSegmentAllowed(request.headers.consistencylevel);
  const options = queryOptions(request, version, listing.catalog);
  const counted = await sql<{ n: number }>`select count(*) as n from ${listing.from}
    where ${sql.join(conditions(listing, options, context), sql` and `)}`.execute(context.store.db);
  return Number(counted.rows[0]?.n ?? 0);
}
