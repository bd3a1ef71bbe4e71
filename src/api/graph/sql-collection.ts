import type { FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import {
  afterPositionSql,
  catalogKey,
  assertAdvancedQuery,
  compileFilterSql,
  compileSearchSql,
  contextUrl,
  includeCount,
  nextLinkFor,
  orderBySql,
  pagePosition,
  parseQueryOptions,
  projectEntity,
  skipTokenScope,
  sortKeys,
  type QueryOptionName,
  type RawQuery,
  type ResourceCatalog,
} from '../odata/index.js';
import { publicBaseUrl } from '../public-url.js';
import type { ServiceContext } from '../service-context.js';
import type { GraphVersion } from './graph-route-module.js';
import { JsonText } from './json-text.js';

/** A Graph collection stored in one table (or view), one row per entity. */
export interface SqlCollection<Entity extends Readonly<Record<string, unknown>>> {
  /** The entity set in `@odata.context`, e.g. `servicePrincipals`. */
  readonly entitySet: string;
  readonly table: string;
  readonly catalog: ResourceCatalog;
  /** Directory objects follow Graph's advanced-query rules (ConsistencyLevel: eventual). */
  readonly directoryObject: boolean;
  /** Rows the collection shows at all, e.g. `deleted_at is null` or `resource_id = …`. */
  readonly scope: RawBuilder<unknown>;
  /** The columns `toEntity` reads; default `data`. */
  readonly columns?: readonly string[];
  readonly toEntity: (row: Readonly<Record<string, unknown>>) => Entity;
  /** Completes a page with what lives outside `data` (one query per page, not per entity). */
  readonly complete?: (entities: Entity[]) => Promise<Entity[]>;
  /**
   * `data` holds each entity's Graph JSON exactly as served (`toEntity` only parses it): pages without
   * `$select` are answered with the stored text. Not combined with `complete`.
   */
  readonly storedJson?: boolean;
  readonly defaultTop?: number;
}

const allowed: readonly QueryOptionName[] = ['select', 'filter', 'orderby', 'top', 'skiptoken', 'count', 'search', 'format'];

/**
 * Lists a collection the Graph way: `$filter`, `$search`, `$orderby` in SQL, keyset paging with `$top` and
 * `$skiptoken`, `@odata.count`, `$select` projection, `@odata.nextLink`. Reads one page (plus one row to
 * know whether another follows), never the whole table.
 */
export async function listSqlCollection<Entity extends Readonly<Record<string, unknown>>>(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  collection: SqlCollection<Entity>,
): Promise<Record<string, unknown> | JsonText> {
  const { catalog } = collection;
  const { db, dialect } = context.store;
  const options = parseQueryOptions(request.query as RawQuery, {
    allowed,
    catalog,
    consistencyLevel: request.headers.consistencylevel,
    dollarOptional: version === 'beta',
  });
  if (collection.directoryObject) assertAdvancedQuery(options);
  const conditions: RawBuilder<unknown>[] = [collection.scope];
  if (options.filter !== undefined) conditions.push(sql`${compileFilterSql(options.filter, catalog, dialect)}`);
  if (options.search !== undefined) conditions.push(sql`${compileSearchSql(options.search, catalog, dialect)}`);
  const where = sql.join(conditions, sql` and `);

  const keys = sortKeys(options.orderBy, catalog);
  const scope = skipTokenScope(catalog.resource, options);
  const paged = [...conditions];
  if (options.skipToken !== undefined) {
    paged.push(sql`${afterPositionSql(keys, catalog, context.skipTokens.decode(options.skipToken, scope), dialect)}`);
  }
  const top = options.top ?? collection.defaultTop ?? 100;
  const stored = collection.storedJson === true && collection.complete === undefined && options.select === undefined;
  const key = catalogKey(catalog).sql;
  // The page token after a stored page needs the last entity's position: with the default order that is
  // its id, read beside the document instead of parsing it.
  const keyColumn = stored && keys.length === 0 && key.json === undefined ? key.column : undefined;
  const selected = [...(collection.columns ?? ['data']).map((column) => sql.ref(column)), ...(keyColumn ? [sql`${sql.ref(keyColumn)} as page_key`] : [])];
  const rows = await sql<Record<string, unknown>>`select ${sql.join(selected)} from ${sql.table(collection.table)}
    where ${sql.join(paged, sql` and `)}
    order by ${sql.join(orderBySql(keys, catalog, dialect))}
    limit ${top + 1}`.execute(db);

  const pageRows = rows.rows.slice(0, top);
  const entities = stored ? undefined : pageRows.map((row) => collection.toEntity(row));
  const page = entities && collection.complete ? await collection.complete(entities) : entities;
  const baseUrl = publicBaseUrl(request, context.config.publicUrl);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(baseUrl, version, collection.entitySet, options.select) };
  if (collection.directoryObject ? includeCount(options) : options.count) {
    const counted = await sql<{ n: number }>`select count(*) as n from ${sql.table(collection.table)} where ${where}`.execute(db);
    body['@odata.count'] = Number(counted.rows[0]?.n ?? 0);
  }
  const lastRow = pageRows.at(-1);
  if (rows.rows.length > top && lastRow !== undefined) {
    const position =
      keyColumn !== undefined
        ? { keys: [], id: String(lastRow.page_key) }
        : pagePosition(page ? page.at(-1)! : collection.toEntity(lastRow), keys, catalog);
    body['@odata.nextLink'] = nextLinkFor(`${baseUrl}${request.url}`, context.skipTokens.encode(position, scope));
  }
  if (!page) {
    const head = JSON.stringify(body);
    return new JsonText(`${head.slice(0, -1)},"value":[${pageRows.map((row) => row.data as string).join(',')}]}`);
  }
  body.value = page.map((entity) => projectEntity(entity, options.select));
  return body;
}
