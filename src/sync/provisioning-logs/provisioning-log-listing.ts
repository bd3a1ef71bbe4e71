import type { FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import type { GraphVersion } from '../../api/graph/graph-route-module.js';
import {
  afterPositionSql,
  compileFilterSql,
  contextUrl,
  nextLinkFor,
  orderBySql,
  pagePosition,
  parseQueryOptions,
  projectEntity,
  skipTokenScope,
  sortKeys,
  type OrderByItem,
  type QueryOptionName,
  type RawQuery,
} from '../../api/odata/index.js';
import { publicBaseUrl } from '../../api/public-url.js';
import type { ServiceContext } from '../../api/service-context.js';
import { provisioningLogCatalog as catalog } from './provisioning-log-catalog.js';
import { summaryFromData } from './provisioning-log-row.js';

/**
 * Graph offers `$filter`, `$top` and `$skiptoken` on provisioning logs, and newer pages `$orderby` on
 * activityDateTime; `$select` costs nothing to honour. `$count` is refused: the CSDL marks the set not
 * countable. `$skiptoken` is accepted without `$top` so that following a nextLink always works.
 */
const allowed: readonly QueryOptionName[] = ['filter', 'top', 'skiptoken', 'orderby', 'select', 'format'];

/** Without `$orderby`, newest first, as the portal and Graph list them. */
const newestFirst: readonly OrderByItem[] = Object.freeze([Object.freeze({ property: 'activityDateTime', direction: 'desc' as const })]);

const defaultTop = 100;

/**
 * One page of provisioning logs: `$filter` and the order in SQL over the indexed columns, keyset paging
 * (`$top` + 1 rows read, never the whole table), `@odata.nextLink` with a signed `$skiptoken`.
 * `entitySet` names the collection in `@odata.context` (`auditLogs/provisioning`).
 */
export async function listProvisioningLogs(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  entitySet: string,
): Promise<Record<string, unknown>> {
  const { db, dialect } = context.store;
  const options = parseQueryOptions(request.query as RawQuery, { allowed, catalog, dollarOptional: version === 'beta' });
  const orderBy = options.orderBy ?? newestFirst;
  const keys = sortKeys(orderBy, catalog);
  const scope = skipTokenScope(catalog.resource, { ...options, orderBy });

  const conditions: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (options.filter !== undefined) conditions.push(sql`${compileFilterSql(options.filter, catalog, dialect)}`);
  if (options.skipToken !== undefined) {
    conditions.push(sql`${afterPositionSql(keys, catalog, context.skipTokens.decode(options.skipToken, scope), dialect)}`);
  }
  const top = options.top ?? defaultTop;
  const rows = await sql<{ data: string }>`select data from provisioning_logs
    where ${sql.join(conditions, sql` and `)}
    order by ${sql.join(orderBySql(keys, catalog, dialect))}
    limit ${top + 1}`.execute(db);

  const page = rows.rows.slice(0, top).map((row) => summaryFromData(row.data));
  const base = publicBaseUrl(request, context.config.publicUrl);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(base, version, entitySet, options.select) };
  const last = page.at(-1);
  if (rows.rows.length > top && last !== undefined) {
    body['@odata.nextLink'] = nextLinkFor(`${base}${request.url}`, context.skipTokens.encode(pagePosition(last, keys, catalog), scope));
  }
  body.value = page.map((summary) => projectEntity(summary as unknown as Record<string, unknown>, options.select));
  return body;
}
