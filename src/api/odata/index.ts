/**
 * OData query options for Graph-compatible routes: parsing (`parseQueryOptions`), applying `$filter`,
 * `$search` and `$orderby` in memory or in SQL from one resource catalog, `$select` projection, keyset paging
 * tokens and the envelope URLs. See docs/odata.md.
 */
export type { AdvancedFeature } from './advanced-feature.js';
export { assertAdvancedQuery, assertCountSegmentAllowed, includeCount, requiresEventualConsistency } from './advanced-query.js';
export type {
  CollectionPropertySpec,
  FilterOperator,
  PropertySpec,
  PropertyType,
  ResourceCatalog,
  ScalarPropertySpec,
  SqlSource,
  ValueSpec,
} from './catalog.js';
export { catalogKey } from './catalog.js';
export { contextUrl } from './context-url.js';
export {
  AdvancedQueryRequiredError,
  InvalidFilterError,
  InvalidSearchError,
  InvalidSkipTokenError,
  ODataQueryError,
  QueryOptionError,
  UnsupportedFilterError,
  UnsupportedSortError,
  type ODataErrorReason,
} from './errors.js';
export { parseExpand, type ExpandItem } from './expand.js';
export type * from './filter-ast.js';
export { bindFilter, type BoundExpression, type BoundFilter } from './filter-binding.js';
export { parseFilter } from './filter-parser.js';
export { compileFilterPredicate } from './filter-predicate.js';
export { compileFilterSql } from './filter-sql.js';
export { resolveByPath, type PropertyResolver } from './in-memory-values.js';
export { nextLinkFor } from './next-link.js';
export { afterPositionSql, orderBySql } from './orderby-sql.js';
export { parseOrderBy, type OrderByItem } from './orderby.js';
export {
  parseQueryOptions,
  type QueryOptionName,
  type QueryOptions,
  type QueryOptionsConfig,
  type RawQuery,
} from './query-options.js';
export { compileSearchPredicate, compileSearchSql } from './search-filter.js';
export { parseSearch, type ParsedSearch, type SearchExpression } from './search.js';
export { parseSelect, projectEntity } from './select.js';
export { SkipTokenCodec, skipTokenScope } from './skiptoken.js';
export {
  comparePositions,
  entityComparator,
  isAfterPosition,
  pagePosition,
  sortKeys,
  type PagePosition,
  type SortKey,
  type SortValue,
} from './sort-keys.js';
export { MissingSqlMappingError } from './sql-values.js';
