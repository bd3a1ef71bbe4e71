import { describe, expect, it } from 'vitest';
import { InvalidSkipTokenError, ODataQueryError, QueryOptionError, UnsupportedSortError } from './errors.js';
import { parseQueryOptions, type QueryOptionName, type QueryOptionsConfig, type RawQuery } from './query-options.js';
import { testCatalog } from './test-catalog.js';

const ALL: QueryOptionName[] = ['select', 'filter', 'orderby', 'top', 'skip', 'skiptoken', 'count', 'search', 'expand'];

function parse(query: RawQuery, config: Partial<QueryOptionsConfig> = {}) {
  return parseQueryOptions(query, { allowed: ALL, catalog: testCatalog, ...config });
}

function failure(query: RawQuery, config: Partial<QueryOptionsConfig> = {}): ODataQueryError {
  try {
    parse(query, config);
  } catch (error) {
    if (error instanceof ODataQueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(query)} to fail`);
}

describe('parseQueryOptions', () => {
  it('returns empty options for an empty query', () => {
    expect(parse({})).toEqual({
      select: undefined,
      filter: undefined,
      orderBy: undefined,
      top: undefined,
      skip: undefined,
      skipToken: undefined,
      count: false,
      search: undefined,
      expand: undefined,
      eventualConsistency: false,
      advanced: [],
    });
  });

  it('parses every option', () => {
    const options = parse(
      {
        $select: 'id,DisplayName',
        $filter: "startswith(displayName,'a')",
        $orderby: 'displayName desc,age',
        $top: '5',
        $skip: '10',
        $skiptoken: 'abc',
        $count: 'true',
        $search: '"displayName:room"',
        $expand: 'owners($select=id)',
        $format: 'json',
      },
      { consistencyLevel: 'eventual' },
    );
    expect(options.select).toEqual(['id', 'displayName']);
    expect(options.filter?.text).toBe("startswith(displayName,'a')");
    expect(options.orderBy).toEqual([
      { property: 'displayName', direction: 'desc' },
      { property: 'age', direction: 'asc' },
    ]);
    expect(options.top).toBe(5);
    expect(options.skip).toBe(10);
    expect(options.skipToken).toBe('abc');
    expect(options.count).toBe(true);
    expect(options.search?.expression).toEqual({ kind: 'term', property: 'displayName', value: 'room' });
    expect(options.expand).toEqual([{ property: 'owners', select: ['id'] }]);
    expect(options.eventualConsistency).toBe(true);
    expect(options.advanced).toEqual([{ kind: 'count' }, { kind: 'search' }, { kind: 'filter-with-orderby' }]);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('matches option names case-insensitively', () => {
    expect(parse({ $TOP: '3', $Filter: 'age eq 1' })).toMatchObject({ top: 3, filter: { text: 'age eq 1' } });
  });

  it('accepts names without $ only where the $ is optional (Graph beta)', () => {
    expect(parse({ top: '3', select: 'id' }, { dollarOptional: true })).toMatchObject({ top: 3, select: ['id'] });
    expect(failure({ select: 'id' }).message).toBe("Unrecognized query argument specified: 'select'.");
  });

  it('ignores parameters that are not OData options', () => {
    expect(parse({ 'api-version': '1', foo: 'bar', ConsistencyLevel: 'eventual' })).toMatchObject({ top: undefined });
  });

  it('skips parameters without a value and treats empty $select and $expand as absent', () => {
    expect(parse({ $top: undefined, $select: '', $expand: ' ' })).toMatchObject({ top: undefined, select: undefined, expand: undefined });
    expect(parse({ $select: '*' }).select).toBeUndefined();
  });

  it('reads the ConsistencyLevel header leniently', () => {
    expect(parse({}, { consistencyLevel: ' Eventual ' }).eventualConsistency).toBe(true);
    expect(parse({}, { consistencyLevel: ['session', 'eventual'] }).eventualConsistency).toBe(true);
    expect(parse({}, { consistencyLevel: 'session' }).eventualConsistency).toBe(false);
  });

  it('collects advanced features from $filter, $orderby, $search and $count', () => {
    expect(parse({ $filter: "displayName ne 'x'", $orderby: 'mail' }).advanced).toEqual([
      { kind: 'operator', operator: 'ne', property: 'displayName' },
      { kind: 'sort', property: 'mail' },
      { kind: 'filter-with-orderby' },
    ]);
    expect(parse({ $orderby: 'displayName' }).advanced).toEqual([]);
  });

  it('accepts $top up to the configured maximum', () => {
    expect(parse({ $top: '999' }).top).toBe(999);
    expect(parse({ $top: '50' }, { maxTop: 50 }).top).toBe(50);
    expect(parse({ $top: '007' }).top).toBe(7);
  });

  it('accepts $count=false and any casing of true', () => {
    expect(parse({ $count: 'false' }).count).toBe(false);
    expect(parse({ $count: 'TRUE' }).count).toBe(true);
  });
});

describe('parseQueryOptions errors', () => {
  it.each<[RawQuery, Partial<QueryOptionsConfig>, string, string, string]>([
    [{ $foo: '1' }, {}, 'UnknownQueryOption', 'Request_BadRequest', "Unrecognized query argument specified: '$foo'."],
    [{ $top: ['1', '2'] }, {}, 'DuplicateQueryOption', 'BadRequest', "Query option '$top' was specified more than once, but it must be specified at most once."],
    [{ $top: '1', $TOP: '2' }, {}, 'DuplicateQueryOption', 'BadRequest', "Query option '$top' was specified more than once, but it must be specified at most once."],
    [{ $top: '1', top: '2' }, { dollarOptional: true }, 'DuplicateQueryOption', 'BadRequest', "Query option '$top' was specified more than once, but it must be specified at most once."],
    [{ $skip: '1' }, { allowed: ['top'] }, 'QueryOptionNotSupported', 'Request_BadRequest', "'$skip' is not supported by the service."],
    [{ $top: 'abc' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Invalid value 'abc' for $top query option found. The $top query option requires a non-negative integer value."],
    [{ $top: '-1' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Invalid value '-1' for $top query option found. The $top query option requires a non-negative integer value."],
    [{ $top: '' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Invalid value '' for $top query option found. The $top query option requires a non-negative integer value."],
    [{ $top: '1000' }, {}, 'InvalidPageSize', 'Request_UnsupportedQuery', "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."],
    [{ $top: '0' }, {}, 'InvalidPageSize', 'Request_UnsupportedQuery', "Invalid page size specified: '0'. Must be between 1 and 999 inclusive."],
    [{ $top: '51' }, { maxTop: 50 }, 'InvalidPageSize', 'Request_UnsupportedQuery', "Invalid page size specified: '51'. Must be between 1 and 50 inclusive."],
    [{ $skip: '1.5' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Invalid value '1.5' for $skip query option found. The $skip query option requires a non-negative integer value."],
    [{ $count: 'yes' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Invalid value 'yes' for $count query option found. Valid values are 'true, false'."],
    [{ $skiptoken: '' }, {}, 'InvalidSkipToken', 'Request_BadRequest', 'Invalid Skip Token'],
    [{ $filter: 'displayName eq' }, {}, 'FilterSyntax', 'BadRequest', "Invalid filter clause: Expression expected at position 14 in 'displayName eq'."],
    [{ $filter: "secret eq 'x'" }, {}, 'UnsupportedFilter', 'Request_UnsupportedQuery', "Unsupported or invalid query filter clause specified for property 'secret' of resource 'Item'."],
    [{ $select: 'id,nope' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Could not find a property named 'nope' on type 'microsoft.graph.item'."],
    [{ $orderby: 'tags' }, {}, 'UnsupportedSort', 'Request_UnsupportedQuery', 'Sorting not supported for current query.'],
    [{ $expand: 'manager' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Could not find a property named 'manager' on type 'microsoft.graph.item'."],
    [{ $search: 'displayName:room' }, {}, 'InvalidQueryOptionValue', 'BadRequest', "Syntax error: character ':' is not valid at position 11 in 'displayName:room'."],
  ])('%j', (query, config, reason, code, message) => {
    const error = failure(query, config);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe(code);
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it('rejects an unknown option before looking at values', () => {
    expect(failure({ $top: 'abc', $bogus: '1' })).toBeInstanceOf(QueryOptionError);
    expect(failure({ $top: 'abc', $bogus: '1' }).reason).toBe('UnknownQueryOption');
  });

  it('uses the typed error classes', () => {
    expect(failure({ $skiptoken: ' ' })).toBeInstanceOf(InvalidSkipTokenError);
    expect(failure({ $orderby: 'secret' })).toBeInstanceOf(UnsupportedSortError);
  });
});
