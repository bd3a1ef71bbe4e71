import type { FastifyRequest } from 'fastify';
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
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
  type SortKey,
  type RawQuery,
  type ResourceCatalog,
} from '../odata/index.js';
import { publicBaseUrl } from '../public-url.js';
import type { Database } from '../../store/database.js';
import type { Dialect } from '../../store/dialect.js';
import type { ServiceContext } from '../service-context.js';
import type { GraphVersion } from './graph-route-module.js';
import { JsonText } from './json-text.js';
import { executePage } from './page-sql-cache.js';

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

/** What a page's statement is made of. */
type PageSource = Pick<SqlCollection<Readonly<Record<string, unknown>>>, 'table' | 'columns' | 'scope' | 'catalog'>;

/** Each collection's compiled scope, per store (a collection serves SQLite and PostgreSQL stores alike). */
const compiledScopes = new WeakMap<Kysely<Database>, WeakMap<PageSource, CompiledQuery>>();

function scopeOf(collection: PageSource, db: Kysely<Database>): CompiledQuery {
  let byCollection = compiledScopes.get(db);
  if (byCollection === undefined) compiledScopes.set(db, (byCollection = new WeakMap()));
  let compiled = byCollection.get(collection);
  if (compiled === undefined) byCollection.set(collection, (compiled = collection.scope.compile(db)));
  return compiled;
}

function pageShape(collection: PageSource, dialect: string, keyColumn: string | undefined, after: boolean, scope: CompiledQuery): string {
  return [dialect, collection.table, (collection.columns ?? ['data']).join(','), keyColumn ?? '', after ? 'after' : 'first', scope.sql].join('\n');
}

interface PageStatement {
  readonly collection: PageSource;
  /** Read beside the columns as `page_key`. */
  readonly keyColumn: string | undefined;
  readonly paged: readonly RawBuilder<unknown>[];
  readonly keys: readonly SortKey[];
  readonly dialect: Dialect;
  readonly limit: number;
}

function pageStatement({ collection, keyColumn, paged, keys, dialect, limit }: PageStatement): RawBuilder<Record<string, unknown>> {
  const selected = [...(collection.columns ?? ['data']).map((column) => sql.ref(column)), ...(keyColumn ? [sql`${sql.ref(keyColumn)} as page_key`] : [])];
  return sql<Record<string, unknown>>`select ${sql.join(selected)} from ${sql.table(collection.table)}
    where ${sql.join(paged, sql` and `)}
    order by ${sql.join(orderBySql(keys, collection.catalog, dialect))}
    limit ${limit}`;
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

  const keys = sortKeys(options.orderBy, catalog);
  const scope = skipTokenScope(catalog.resource, options);
  const paged = [...conditions];
  const after = options.skipToken === undefined ? undefined : context.skipTokens.decode(options.skipToken, scope);
  if (after !== undefined) paged.push(sql`${afterPositionSql(keys, catalog, after, dialect)}`);
  const top = options.top ?? collection.defaultTop ?? 100;
  const stored = collection.storedJson === true && collection.complete === undefined && options.select === undefined;
  const key = catalogKey(catalog).sql;
  // The page token after a stored page needs the last entity's position: with the default order that is
  // its id, read beside the document instead of parsing it.
  const keyColumn = stored && keys.length === 0 && key.json === undefined ? key.column : undefined;
  const statement = { collection, keyColumn, paged, keys, dialect, limit: top + 1 };
  // In the default order and unfiltered, the statement's text depends on its shape alone (page-sql-cache.ts).
  const plainScope = conditions.length === 1 && keys.length === 0 ? scopeOf(collection, db) : undefined;
  const rows = plainScope
    ? await executePage(
        db,
        pageShape(collection, dialect, keyColumn, after !== undefined, plainScope),
        [...plainScope.parameters, ...(after ? [after.id] : []), top + 1],
        () => pageStatement(statement),
      )
    : await pageStatement(statement).execute(db);

  const pageRows = rows.rows.slice(0, top);
  const entities = stored ? undefined : pageRows.map((row) => collection.toEntity(row));
  const page = entities && collection.complete ? await collection.complete(entities) : entities;
  const baseUrl = publicBaseUrl(request, context.config.publicUrl);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(baseUrl, version, collection.entitySet, options.select) };
  if (collection.directoryObject ? includeCount(options) : options.count) {
    const counted = await sql<{ n: number }>`select count(*) as n from ${sql.table(collection.table)} where ${sql.join(conditions, sql` and `)}`.execute(db);
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
