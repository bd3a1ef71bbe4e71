import type { Expression, SqlBool } from 'kysely';
import type { Dialect } from '../../store/dialect.js';
import { findProperty, isCollection, type ResourceCatalog } from './catalog.js';
import type { BoundExpression, BoundTarget } from './filter-binding.js';
import { compileBoundPredicate } from './filter-predicate.js';
import { compileBoundSql } from './filter-sql.js';
import { resolveByPath, type PropertyResolver } from './in-memory-values.js';
import type { ParsedSearch, SearchExpression } from './search.js';

/**
 * `$search` semantics, approximating Graph's tokenized directory search: a clause `"p:some words"` matches
 * when, case-insensitively, every word of the value starts the property's value or follows a space in it
 * (`"displayName:con room"` matches "Conference Room 1"). Expressed as a bound filter, so the in-memory and
 * SQL back ends apply it identically.
 */
export function bindSearch(search: ParsedSearch, catalog: ResourceCatalog): BoundExpression {
  return bind(search.expression, catalog);
}

export function compileSearchPredicate<T>(
  search: ParsedSearch,
  catalog: ResourceCatalog,
  resolve: PropertyResolver<T> = resolveByPath,
): (entity: T) => boolean {
  return compileBoundPredicate(bindSearch(search, catalog), resolve);
}

export function compileSearchSql(search: ParsedSearch, catalog: ResourceCatalog, dialect: Dialect): Expression<SqlBool> {
  return compileBoundSql(bindSearch(search, catalog), dialect);
}

function bind(expression: SearchExpression, catalog: ResourceCatalog): BoundExpression {
  if (expression.kind !== 'term') {
    return Object.freeze({ kind: expression.kind, left: bind(expression.left, catalog), right: bind(expression.right, catalog) });
  }
  const found = findProperty(catalog, expression.property);
  // parseSearch only produces terms on searchable string properties.
  if (found === undefined || isCollection(found.spec)) throw new Error(`unreachable: '${expression.property}' is not searchable`);
  const target: BoundTarget = Object.freeze({
    source: 'entity',
    name: found.name,
    path: Object.freeze(found.name.split('/')),
    sql: found.spec.sql,
    type: 'string',
    fold: true,
    transform: undefined,
  });
  const words = expression.value.split(/\s+/).filter((word) => word !== '');
  const matches = words.map(
    (word): BoundExpression =>
      Object.freeze({
        kind: 'or',
        left: Object.freeze({ kind: 'string', fn: 'startswith', target, value: word }),
        right: Object.freeze({ kind: 'string', fn: 'contains', target, value: ` ${word}` }),
      }),
  );
  return matches.reduce((left, right) => Object.freeze({ kind: 'and', left, right }));
}
