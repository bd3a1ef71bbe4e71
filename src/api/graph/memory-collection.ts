import type { FastifyRequest } from 'fastify';
import {
  compileFilterPredicate,
  compileSearchPredicate,
  contextUrl,
  entityComparator,
  isAfterPosition,
  nextLinkFor,
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

const allowed: readonly QueryOptionName[] = ['select', 'filter', 'orderby', 'top', 'skip', 'skiptoken', 'count', 'search', 'format'];

/**
 * Lists a small, in-memory collection (catalog data such as application templates) with the same query
 * options and paging as the SQL-backed collections.
 */
export function listMemoryCollection<Entity extends Readonly<Record<string, unknown>>>(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  entitySet: string,
  catalog: ResourceCatalog,
  entities: readonly Entity[],
): Record<string, unknown> {
  const options = parseQueryOptions(request.query as RawQuery, { allowed, catalog, dollarOptional: version === 'beta' });
  let matching = [...entities];
  if (options.filter !== undefined) matching = matching.filter(compileFilterPredicate(options.filter, catalog));
  if (options.search !== undefined) matching = matching.filter(compileSearchPredicate(options.search, catalog));
  const keys = sortKeys(options.orderBy, catalog);
  matching.sort(entityComparator(keys, catalog));
  const scope = skipTokenScope(catalog.resource, options);
  let remaining = matching;
  if (options.skipToken !== undefined) {
    const position = context.skipTokens.decode(options.skipToken, scope);
    remaining = remaining.filter((entity) => isAfterPosition(entity, position, keys, catalog));
  }
  // $skip applies to the first page only: nextLinks carry it along, positioned by the token instead.
  else remaining = remaining.slice(options.skip ?? 0);
  const top = options.top ?? 100;
  const page = remaining.slice(0, top);
  const base = publicBaseUrl(request, context.config.publicUrl);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(base, version, entitySet, options.select) };
  if (options.count) body['@odata.count'] = matching.length;
  const last = page.at(-1);
  if (remaining.length > top && last !== undefined) {
    body['@odata.nextLink'] = nextLinkFor(`${base}${request.url}`, context.skipTokens.encode(pagePosition(last, keys, catalog), scope));
  }
  body.value = page.map((entity) => projectEntity(entity, options.select));
  return body;
}
