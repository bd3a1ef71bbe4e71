import { GraphError } from '../../errors/graph-error.js';

/**
 * Fine-grained, stable reasons for OData query failures. `code` (inherited from GraphError) is the wire code
 * Graph sends (`BadRequest`, `Request_BadRequest`, `Request_UnsupportedQuery`); `reason` tells tests and
 * logs exactly which rule was broken, since several rules share one wire code.
 */
export type ODataErrorReason =
  | 'UnknownQueryOption'
  | 'QueryOptionNotSupported'
  | 'DuplicateQueryOption'
  | 'InvalidQueryOptionValue'
  | 'InvalidPageSize'
  | 'FilterSyntax'
  | 'FilterType'
  | 'UnknownProperty'
  | 'UnsupportedFilter'
  | 'UnsupportedSort'
  | 'InvalidSearch'
  | 'InvalidSkipToken'
  | 'AdvancedQueryRequired';

/** Every query-option error is a 400 the API error handler sends as is. */
export class ODataQueryError extends GraphError {
  readonly reason: ODataErrorReason;

  constructor(reason: ODataErrorReason, wireCode: string, message: string) {
    super(400, wireCode, message);
    this.reason = reason;
  }
}

/** An option that is unknown, repeated, not offered by the route, or has a malformed value. */
export class QueryOptionError extends ODataQueryError {
  static unknown(name: string): QueryOptionError {
    return new QueryOptionError('UnknownQueryOption', 'Request_BadRequest', `Unrecognized query argument specified: '${name}'.`);
  }

  static notSupported(name: string): QueryOptionError {
    return new QueryOptionError('QueryOptionNotSupported', 'Request_BadRequest', `'${name}' is not supported by the service.`);
  }

  static duplicate(name: string): QueryOptionError {
    return new QueryOptionError(
      'DuplicateQueryOption',
      'BadRequest',
      `Query option '${name}' was specified more than once, but it must be specified at most once.`,
    );
  }

  static invalidValue(message: string): QueryOptionError {
    return new QueryOptionError('InvalidQueryOptionValue', 'BadRequest', message);
  }

  static pageSize(raw: string, max: number): QueryOptionError {
    return new QueryOptionError(
      'InvalidPageSize',
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`,
    );
  }
}

/**
 * A `$filter` Graph rejects while parsing or type-checking; the message carries the 0-based character
 * position the way Graph's URI parser reports it ("… at position 7 in 'displayName eq'.").
 */
export class InvalidFilterError extends ODataQueryError {
  readonly position: number | undefined;

  constructor(reason: 'FilterSyntax' | 'FilterType' | 'UnknownProperty', detail: string, position?: number) {
    super(reason, 'BadRequest', `Invalid filter clause: ${detail}`);
    this.position = position;
  }
}

/** A well-formed filter on a property (or with an operator) the resource does not support. */
export class UnsupportedFilterError extends ODataQueryError {
  readonly property: string;

  constructor(property: string, resource: string) {
    super(
      'UnsupportedFilter',
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
    );
    this.property = property;
  }
}

/** `$orderby` on a property the resource cannot sort by. */
export class UnsupportedSortError extends ODataQueryError {
  readonly property: string;

  constructor(property: string) {
    super('UnsupportedSort', 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
    this.property = property;
  }
}

/** A `$search` value that is not one or more `"property:value"` clauses on searchable properties. */
export class InvalidSearchError extends ODataQueryError {
  constructor(message: string) {
    super('InvalidSearch', 'Request_UnsupportedQuery', message);
  }
}

/** A `$skiptoken` that was not issued by this service for this query, or was altered. */
export class InvalidSkipTokenError extends ODataQueryError {
  constructor() {
    super('InvalidSkipToken', 'Request_BadRequest', 'Invalid Skip Token');
  }
}

/** An advanced directory query sent without `ConsistencyLevel: eventual` (and, except for $search, `$count=true`). */
export class AdvancedQueryRequiredError extends ODataQueryError {
  constructor(message: string) {
    super('AdvancedQueryRequired', 'Request_UnsupportedQuery', message);
  }
}
