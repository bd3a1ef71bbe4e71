import type { AdvancedFeature } from './advanced-feature.js';
import { AdvancedQueryRequiredError, ODataQueryError } from './errors.js';
import type { QueryOptions } from './query-options.js';

/**
 * Graph's advanced-query rules for directory objects (users, groups, applications, service principals…):
 * `$count`, `$search`, `ne`, `not`, `endsWith`, `$filter` with `$orderby`, and some per-property operators
 * and sorts are served only with `ConsistencyLevel: eventual`, and except for `$search` also `$count=true`.
 * Routes that are not directory collections (provisioning logs, sync jobs) skip these checks.
 */

/** Whether the query uses anything Graph serves only as an advanced query. */
export function requiresEventualConsistency(options: QueryOptions): boolean {
  return options.advanced.length > 0;
}

/**
 * Throws Graph's 400 `Request_UnsupportedQuery` when an advanced feature lacks its parameters. `$count=true`
 * alone never fails: without the header Graph silently leaves the count out (see includeCount).
 */
export function assertAdvancedQuery(options: QueryOptions): void {
  for (const feature of options.advanced) {
    if (feature.kind === 'count') continue;
    const satisfied = options.eventualConsistency && (feature.kind === 'search' || options.count);
    if (!satisfied) throw new AdvancedQueryRequiredError(advancedQueryMessage(feature));
  }
}

/** Whether to send `@odata.count`: asked for, and (on directory objects) with `ConsistencyLevel: eventual`. */
export function includeCount(options: QueryOptions): boolean {
  return options.count && options.eventualConsistency;
}

/** The `/$count` path segment on a directory collection needs the header, or Graph answers 400. */
export function assertCountSegmentAllowed(consistencyLevel: string | readonly string[] | undefined): void {
  const values = consistencyLevel === undefined ? [] : typeof consistencyLevel === 'string' ? [consistencyLevel] : consistencyLevel;
  if (!values.some((value) => value.trim().toLowerCase() === 'eventual')) {
    throw new ODataQueryError('AdvancedQueryRequired', 'Request_BadRequest', '$count is not currently supported.');
  }
}

const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  endswith: 'endsWith',
  startswith: 'startsWith',
};

function advancedQueryMessage(feature: Exclude<AdvancedFeature, { kind: 'count' }>): string {
  switch (feature.kind) {
    case 'search':
      return "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";
    case 'operator':
      return `Operator '${OPERATOR_NAMES[feature.operator] ?? feature.operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`;
    case 'sort':
    case 'filter-with-orderby':
      return 'Sorting not supported for current query.';
  }
}
