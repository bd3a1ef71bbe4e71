import { describe, expect, it } from 'vitest';
import { assertAdvancedQuery, assertCountSegmentAllowed, includeCount, requiresEventualConsistency } from './advanced-query.js';
import { AdvancedQueryRequiredError, ODataQueryError } from './errors.js';
import { parseQueryOptions, type RawQuery } from './query-options.js';
import { testCatalog } from './test-catalog.js';

function options(query: RawQuery, consistencyLevel?: string) {
  return parseQueryOptions(query, {
    allowed: ['select', 'filter', 'orderby', 'top', 'count', 'search'],
    catalog: testCatalog,
    consistencyLevel,
  });
}

function message(query: RawQuery, consistencyLevel?: string): string | undefined {
  try {
    assertAdvancedQuery(options(query, consistencyLevel));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AdvancedQueryRequiredError);
    const typed = error as AdvancedQueryRequiredError;
    expect(typed.code).toBe('Request_UnsupportedQuery');
    expect(typed.status).toBe(400);
    return typed.message;
  }
}

const endsWithMessage =
  "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information";

describe('requiresEventualConsistency', () => {
  it.each<[RawQuery, boolean]>([
    [{}, false],
    [{ $filter: "displayName eq 'x'", $select: 'id', $top: '5' }, false],
    [{ $filter: "startswith(displayName, 'x')" }, false],
    [{ $orderby: 'displayName' }, false],
    [{ $count: 'true' }, true],
    [{ $count: 'false' }, false],
    [{ $search: '"displayName:x"' }, true],
    [{ $filter: "displayName ne 'x'" }, true],
    [{ $filter: "not startswith(displayName, 'x')" }, true],
    [{ $filter: "endswith(mail, 'x')" }, true],
    [{ $filter: "startswith(mail, 'x')" }, false],
    [{ $filter: "displayName eq 'x'", $orderby: 'displayName' }, true],
    [{ $orderby: 'mail' }, true],
  ])('%j → %s', (query, expected) => {
    expect(requiresEventualConsistency(options(query))).toBe(expected);
  });
});

describe('assertAdvancedQuery', () => {
  it('accepts ordinary queries without the header', () => {
    expect(message({ $filter: "displayName eq 'x'" })).toBeUndefined();
  });

  it('never fails for $count alone: Graph leaves the count out instead', () => {
    expect(message({ $count: 'true' })).toBeUndefined();
    expect(includeCount(options({ $count: 'true' }))).toBe(false);
    expect(includeCount(options({ $count: 'true' }, 'eventual'))).toBe(true);
    expect(includeCount(options({}, 'eventual'))).toBe(false);
  });

  it('requires the header, but not $count, for $search', () => {
    expect(message({ $search: '"displayName:x"' })).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
    expect(message({ $search: '"displayName:x"' }, 'eventual')).toBeUndefined();
  });

  it('requires the header and $count=true for advanced operators', () => {
    expect(message({ $filter: "endswith(mail, '@outlook.com')" })).toBe(endsWithMessage);
    expect(message({ $filter: "endswith(mail, '@outlook.com')" }, 'eventual')).toBe(endsWithMessage);
    expect(message({ $filter: "endswith(mail, '@outlook.com')", $count: 'true' })).toBe(endsWithMessage);
    expect(message({ $filter: "endswith(mail, '@outlook.com')", $count: 'true' }, 'eventual')).toBeUndefined();
    expect(message({ $filter: "displayName ne 'x'" })).toContain("Operator 'ne' is not supported");
    expect(message({ $filter: "not (displayName eq 'x')" })).toContain("Operator 'not' is not supported");
  });

  it('requires advanced parameters for $filter with $orderby and for advanced-only sorts', () => {
    expect(message({ $filter: "displayName eq 'x'", $orderby: 'displayName' })).toBe('Sorting not supported for current query.');
    expect(message({ $orderby: 'mail' })).toBe('Sorting not supported for current query.');
    expect(message({ $orderby: 'mail', $count: 'true' }, 'eventual')).toBeUndefined();
  });
});

describe('assertCountSegmentAllowed', () => {
  it('answers /$count without the header as Graph does', () => {
    expect(() => assertCountSegmentAllowed('eventual')).not.toThrow();
    expect(() => assertCountSegmentAllowed(['EVENTUAL'])).not.toThrow();
    try {
      assertCountSegmentAllowed(undefined);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ODataQueryError);
      expect((error as ODataQueryError).code).toBe('Request_BadRequest');
      expect((error as ODataQueryError).message).toBe('$count is not currently supported.');
    }
  });
});
