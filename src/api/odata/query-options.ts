import type { AdvancedFeature } from './advanced-feature.js';
import { findProperty, isCollection, type ResourceCatalog } from './catalog.js';
import { InvalidSkipTokenError, QueryOptionError } from './errors.js';
import { parseExpand, type ExpandItem } from './expand.js';
import type { ParsedFilter } from './filter-ast.js';
import { bindFilter } from './filter-binding.js';
import { parseFilter } from './filter-parser.js';
import { parseOrderBy, type OrderByItem } from './orderby.js';
import { parseSearch, type ParsedSearch } from './search.js';
import { parseSelect } from './select.js';

/** The OData system query options Graph routes take (without the `$`). */
export type QueryOptionName = 'select' | 'filter' | 'orderby' | 'top' | 'skip' | 'skiptoken' | 'count' | 'search' | 'expand' | 'format';

const KNOWN: readonly QueryOptionName[] = ['select', 'filter', 'orderby', 'top', 'skip', 'skiptoken', 'count', 'search', 'expand', 'format'];

export interface QueryOptionsConfig {
  /** The options this route offers; a known option outside the list is "not supported by the service". */
  readonly allowed: readonly QueryOptionName[];
  /** What `$filter`, `$orderby`, `$search`, `$select` and `$expand` may name. */
  readonly catalog: ResourceCatalog;
  /** The `ConsistencyLevel` request header, as received. */
  readonly consistencyLevel?: string | readonly string[] | undefined;
  /** Largest `$top` (Graph's directory collections: 999). */
  readonly maxTop?: number;
  /**
   * Accept `filter` for `$filter` (Graph's beta endpoint). Otherwise a bare option name is an
   * unrecognized argument, as Graph v1.0 directory routes answer it.
   */
  readonly dollarOptional?: boolean;
}

export interface QueryOptions {
  readonly select: readonly string[] | undefined;
  readonly filter: ParsedFilter | undefined;
  readonly orderBy: readonly OrderByItem[] | undefined;
  readonly top: number | undefined;
  readonly skip: number | undefined;
  readonly skipToken: string | undefined;
  /** `$count=true` was asked for (see includeCount in advanced-query.ts for whether to honor it). */
  readonly count: boolean;
  readonly search: ParsedSearch | undefined;
  readonly expand: readonly ExpandItem[] | undefined;
  /** The request carried `ConsistencyLevel: eventual`. */
  readonly eventualConsistency: boolean;
  /** Parts of the query Graph only serves as advanced queries, in the order they were found. */
  readonly advanced: readonly AdvancedFeature[];
}

export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

const DEFAULT_MAX_TOP = 999;

/**
 * Reads the OData query options of a Graph request: rejects unknown `$` options, repeats, options the route
 * does not offer, and malformed values with Graph's errors, and returns the parsed, catalog-checked options.
 * Parameters without `$` that are not option names (custom parameters) are ignored.
 */
export function parseQueryOptions(query: RawQuery, config: QueryOptionsConfig): QueryOptions {
  const raw = collect(query, config);
  const { catalog } = config;
  const advanced: AdvancedFeature[] = [];

  const select = raw.select === undefined ? undefined : parseSelect(raw.select, catalog);
  const search = raw.search === undefined ? undefined : parseSearch(raw.search, catalog);
  if (search !== undefined) advanced.push({ kind: 'search' });
  const filter = raw.filter === undefined ? undefined : parseFilter(raw.filter);
  if (filter !== undefined) advanced.push(...bindFilter(filter, catalog).advanced);
  const orderBy = raw.orderby === undefined ? undefined : parseOrderBy(raw.orderby, catalog);
  for (const item of orderBy ?? []) {
    const found = findProperty(catalog, item.property);
    if (found !== undefined && !isCollection(found.spec) && found.spec.sort === 'advanced') {
      advanced.push({ kind: 'sort', property: item.property });
    }
  }
  if (filter !== undefined && orderBy !== undefined) advanced.push({ kind: 'filter-with-orderby' });

  const top = raw.top === undefined ? undefined : parseTop(raw.top, config.maxTop ?? DEFAULT_MAX_TOP);
  const skip = raw.skip === undefined ? undefined : parseNonNegative(raw.skip, '$skip');
  if (raw.skiptoken !== undefined && raw.skiptoken.trim() === '') throw new InvalidSkipTokenError();
  const count = raw.count === undefined ? false : parseCount(raw.count);
  if (count) advanced.unshift({ kind: 'count' });
  const expand = raw.expand === undefined ? undefined : parseExpand(raw.expand, catalog);

  return Object.freeze({
    select,
    filter,
    orderBy,
    top,
    skip,
    skipToken: raw.skiptoken,
    count,
    search,
    expand: expand !== undefined && expand.length > 0 ? expand : undefined,
    eventualConsistency: isEventual(config.consistencyLevel),
    advanced: Object.freeze(advanced.map((feature) => Object.freeze(feature))),
  });
}

/** First pass: which options are present, each at most once, and offered by the route. */
function collect(query: RawQuery, config: QueryOptionsConfig): Partial<Record<QueryOptionName, string>> {
  const found: Partial<Record<QueryOptionName, string>> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const dollar = key.startsWith('$');
    const lower = (dollar ? key.slice(1) : key).toLowerCase();
    const name = KNOWN.find((known) => known === lower);
    if (name === undefined) {
      if (dollar) throw QueryOptionError.unknown(key);
      continue;
    }
    if (!dollar && config.dollarOptional !== true) throw QueryOptionError.unknown(key);
    const values = typeof value === 'string' ? [value] : value;
    if (values.length === 0) continue;
    if (values.length > 1 || found[name] !== undefined) throw QueryOptionError.duplicate(`$${name}`);
    if (name !== 'format' && !config.allowed.includes(name)) throw QueryOptionError.notSupported(`$${name}`);
    found[name] = values[0];
  }
  // $format is accepted and ignored: responses are always JSON.
  delete found.format;
  return found;
}

function parseTop(raw: string, max: number): number {
  const value = parseNonNegative(raw, '$top');
  if (value < 1 || value > max) throw QueryOptionError.pageSize(raw, max);
  return value;
}

function parseNonNegative(raw: string, option: '$top' | '$skip'): number {
  const trimmed = raw.trim();
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw QueryOptionError.invalidValue(
      `Invalid value '${raw}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`,
    );
  }
  return Number(trimmed);
}

function parseCount(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw QueryOptionError.invalidValue(`Invalid value '${raw}' for $count query option found. Valid values are 'true, false'.`);
}

function isEventual(header: string | readonly string[] | undefined): boolean {
  const values = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  return values.some((value) => value.trim().toLowerCase() === 'eventual');
}
