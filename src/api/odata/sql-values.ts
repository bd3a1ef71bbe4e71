import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../../store/dialect.js';
import type { PropertyType, SqlSource } from './catalog.js';
import type { CaseFunction } from './filter-ast.js';
import type { BoundCollection } from './filter-binding.js';

/**
 * SQL fragments for reading catalog values on SQLite and PostgreSQL so that they compare the way the
 * in-memory back end does: PostgreSQL reads JSON values as text (`#>>`) and casts them to the catalog type,
 * SQLite's `json_extract` already returns typed values (booleans as 1/0); string order is byte order
 * (`COLLATE "C"` on PostgreSQL); parameters get explicit types because PostgreSQL cannot infer them inside
 * function calls such as `lower($1)`.
 */

/** The alias of the current lambda element (`json_each` / `jsonb_array_elements[_text]`). */
const ELEMENT = sql.raw('odata_elem');

export interface ValueExpression {
  readonly expression: RawBuilder<unknown>;
  /** True when the expression is a pre-folded column, so the literal must be folded in JavaScript. */
  readonly preFolded: boolean;
}

export interface ValueSource {
  readonly source: 'entity' | 'element';
  readonly name: string;
  readonly path: readonly string[];
  readonly sql: SqlSource | undefined;
  readonly type: PropertyType;
  readonly fold: boolean;
  readonly transform: CaseFunction | undefined;
}

export class MissingSqlMappingError extends Error {
  readonly code = 'MissingSqlMapping';

  constructor(property: string) {
    super(`The catalog does not say where property '${property}' lives in SQL.`);
  }
}

export function valueExpression(target: ValueSource, dialect: Dialect): ValueExpression {
  if (target.source === 'entity') {
    const source = target.sql;
    if (source === undefined) throw new MissingSqlMappingError(target.name);
    if (target.fold && target.transform === undefined && source.lowered !== undefined) {
      return { expression: sql.ref(source.lowered), preFolded: true };
    }
    const raw =
      source.json === undefined ? sql.ref(source.column) : jsonValue(sql.ref(source.column), source.json, dialect);
    return { expression: foldAndTransform(typed(raw, target.type, source.json !== undefined, dialect), target), preFolded: false };
  }
  const [member] = target.path;
  const raw =
    member === undefined ? sql`${ELEMENT}.value`
    : dialect === 'sqlite' ? sql`json_extract(${ELEMENT}.value, ${sqlitePath([member])})`
    : sql`(${ELEMENT}.value #>> ${pgPath([member])})`;
  return { expression: foldAndTransform(typed(raw, target.type, true, dialect), target), preFolded: false };
}

/** A literal as a typed parameter, folded the same way as the value it is compared with. */
export function literalParameter(
  value: string | number | boolean,
  target: ValueSource,
  compared: ValueExpression,
  dialect: Dialect,
): RawBuilder<unknown> {
  if (typeof value === 'string') {
    if (compared.preFolded) return textParameter(value.toLowerCase(), dialect);
    const parameter = textParameter(value, dialect);
    return target.fold ? sql`lower(${parameter})` : parameter;
  }
  if (typeof value === 'number') return dialect === 'postgres' ? sql`CAST(${value} AS double precision)` : sql`${value}`;
  const json = target.source === 'element' || target.sql?.json !== undefined;
  if (dialect === 'postgres' && json) return sql`CAST(${value} AS boolean)`;
  return dialect === 'postgres' ? sql`CAST(${value ? 1 : 0} AS integer)` : sql`${value ? 1 : 0}`;
}

export function textParameter(value: string, dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`CAST(${value} AS text)` : sql`${value}`;
}

/** Byte-order comparison for strings on PostgreSQL, whose default collation may be linguistic. */
export function ordered(expression: RawBuilder<unknown>, type: PropertyType, dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' && type !== 'number' && type !== 'boolean' ? sql`${expression} COLLATE "C"` : expression;
}

/**
 * The rows of a JSON array as a FROM item aliased `odata_elem` with a `value` column. Anything that is
 * not an array (NULL, a scalar) counts as empty, matching the in-memory back end.
 */
export function collectionSource(collection: BoundCollection, dialect: Dialect): RawBuilder<unknown> {
  const source = collection.sql;
  if (source === undefined) throw new MissingSqlMappingError(collection.name);
  const column = sql.ref(source.column);
  if (dialect === 'sqlite') {
    const array = source.json === undefined ? column : sql`json_extract(${column}, ${sqlitePath(source.json)})`;
    return sql`json_each(CASE WHEN json_type(${array}) = 'array' THEN ${array} ELSE '[]' END) AS ${ELEMENT}`;
  }
  const json = sql`CAST(${column} AS jsonb)`;
  const array = source.json === undefined ? json : sql`(${json} #> ${pgPath(source.json)})`;
  const fn = collection.elements === 'object' ? sql.raw('jsonb_array_elements') : sql.raw('jsonb_array_elements_text');
  return sql`${fn}(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS ${ELEMENT}(value)`;
}

function jsonValue(column: RawBuilder<unknown>, path: readonly string[], dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'sqlite'
    ? sql`json_extract(${column}, ${sqlitePath(path)})`
    : sql`(CAST(${column} AS jsonb) #>> ${pgPath(path)})`;
}

/** PostgreSQL reads JSON as text; give numbers and booleans their type back. */
function typed(raw: RawBuilder<unknown>, type: PropertyType, fromJson: boolean, dialect: Dialect): RawBuilder<unknown> {
  if (dialect !== 'postgres' || !fromJson) return raw;
  if (type === 'number') return sql`CAST(${raw} AS double precision)`;
  if (type === 'boolean') return sql`CAST(${raw} AS boolean)`;
  return raw;
}

function foldAndTransform(raw: RawBuilder<unknown>, target: ValueSource): RawBuilder<unknown> {
  const transformed = target.transform === 'tolower' ? sql`lower(${raw})` : target.transform === 'toupper' ? sql`upper(${raw})` : raw;
  return target.fold ? sql`lower(${transformed})` : transformed;
}

function sqlitePath(path: readonly string[]): string {
  return `$${path.map((segment) => `."${segment.replace(/["\\]/g, (char) => `\\${char}`)}"`).join('')}`;
}

function pgPath(path: readonly string[]): RawBuilder<unknown> {
  return sql`CAST(${[...path]} AS text[])`;
}
