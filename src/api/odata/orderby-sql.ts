import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../store/dialect.js';
import { catalogKey, type ResourceCatalog } from './catalog.js';
import type { PagePosition, SortKey, SortValue } from './sort-keys.js';
import { literalParameter, ordered, valueExpression, type ValueSource } from './sql-values.js';

/**
 * ORDER BY terms and the keyset condition for the order sort-keys.ts defines, on SQLite and PostgreSQL:
 * NULLs first ascending and last descending, strings in byte order, the catalog key as the final tie-break.
 */

/** ORDER BY terms, each with its direction; add them in order with `query.orderBy(term)`. */
export function orderBySql(keys: readonly SortKey[], catalog: ResourceCatalog, dialect: Dialect): readonly RawBuilder<unknown>[] {
  const terms = keys.map((key) => {
    const value = ordered(valueExpression(source(key), dialect).expression, key.type, dialect);
    return key.direction === 'asc' ? sql`${value} ASC NULLS FIRST` : sql`${value} DESC NULLS LAST`;
  });
  terms.push(sql`${ordered(sql.ref(catalogKey(catalog).sql.column), 'string', dialect)} ASC`);
  return Object.freeze(terms);
}

/** Rows strictly after `position` in that order: the WHERE part of keyset paging. */
export function afterPositionSql(
  keys: readonly SortKey[],
  catalog: ResourceCatalog,
  position: PagePosition,
  dialect: Dialect,
): Expression<SqlBool> {
  const id = ordered(sql.ref(catalogKey(catalog).sql.column), 'string', dialect);
  const idParameter = dialect === 'postgres' ? sql`CAST(${position.id} AS text)` : sql`${position.id}`;
  // (k1 after v1) OR (k1 = v1 AND k2 after v2) OR … OR (all equal AND id > lastId)
  const alternatives: RawBuilder<SqlBool>[] = [];
  const equalities: RawBuilder<SqlBool>[] = [];
  for (const [index, key] of keys.entries()) {
    const value = position.keys[index] ?? null;
    alternatives.push(conjunction([...equalities, after(key, value, dialect)]));
    equalities.push(equal(key, value, dialect));
  }
  alternatives.push(conjunction([...equalities, sql<SqlBool>`${id} > ${idParameter}`]));
  return sql<SqlBool>`(${sql.join(alternatives, sql` OR `)})`;
}

function after(key: SortKey, value: SortValue, dialect: Dialect): RawBuilder<SqlBool> {
  const compared = valueExpression(source(key), dialect);
  const x = compared.expression;
  if (value === null) return key.direction === 'asc' ? sql<SqlBool>`${x} IS NOT NULL` : sql<SqlBool>`1 = 0`;
  const literal = literalParameter(value, source(key), compared, dialect);
  const left = ordered(x, key.type, dialect);
  return key.direction === 'asc'
    ? sql<SqlBool>`(${x} IS NOT NULL AND ${left} > ${literal})`
    : sql<SqlBool>`(${x} IS NULL OR ${left} < ${literal})`;
}

function equal(key: SortKey, value: SortValue, dialect: Dialect): RawBuilder<SqlBool> {
  const compared = valueExpression(source(key), dialect);
  const x = compared.expression;
  if (value === null) return sql<SqlBool>`${x} IS NULL`;
  return sql<SqlBool>`(${x} IS NOT NULL AND ${x} = ${literalParameter(value, source(key), compared, dialect)})`;
}

function conjunction(parts: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

function source(key: SortKey): ValueSource {
  return { source: 'entity', name: key.name, path: key.path, sql: key.sql, type: key.type, fold: key.fold, transform: undefined };
}
