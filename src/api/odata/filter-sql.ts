import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../store/dialect.js';
import type { ResourceCatalog } from './catalog.js';
import type { ParsedFilter } from './filter-ast.js';
import { bindFilter, type BoundExpression } from './filter-binding.js';
import { collectionSource, literalParameter, ordered, textParameter, valueExpression } from './sql-values.js';

/**
 * The SQL back end: a `$filter` as a Kysely boolean expression for `.where(...)`, on SQLite or PostgreSQL.
 * Every leaf is written so it is never NULL (`x IS NOT NULL AND x = ?`, `x IS NULL OR x <> ?`), which turns
 * SQL's three-valued logic into OData's two-valued one: `not (a eq 'x')` keeps rows where `a` is null, as
 * the in-memory back end does.
 */
export function compileFilterSql(filter: ParsedFilter, catalog: ResourceCatalog, dialect: Dialect): Expression<SqlBool> {
  return compileBoundSql(bindFilter(filter, catalog).expression, dialect);
}

export function compileBoundSql(expression: BoundExpression, dialect: Dialect): RawBuilder<SqlBool> {
  switch (expression.kind) {
    case 'and':
      return sql<SqlBool>`(${compileBoundSql(expression.left, dialect)} AND ${compileBoundSql(expression.right, dialect)})`;
    case 'or':
      return sql<SqlBool>`(${compileBoundSql(expression.left, dialect)} OR ${compileBoundSql(expression.right, dialect)})`;
    case 'not':
      return sql<SqlBool>`(NOT ${compileBoundSql(expression.operand, dialect)})`;
    case 'compare': {
      const value = valueExpression(expression.target, dialect);
      const x = value.expression;
      if (expression.value === null) {
        return expression.operator === 'eq' ? sql<SqlBool>`(${x} IS NULL)` : sql<SqlBool>`(${x} IS NOT NULL)`;
      }
      const literal = literalParameter(expression.value, expression.target, value, dialect);
      switch (expression.operator) {
        case 'eq':
          return sql<SqlBool>`(${x} IS NOT NULL AND ${x} = ${literal})`;
        case 'ne':
          return sql<SqlBool>`(${x} IS NULL OR ${x} <> ${literal})`;
        default: {
          const operator = sql.raw({ gt: '>', ge: '>=', lt: '<', le: '<=' }[expression.operator]);
          return sql<SqlBool>`(${x} IS NOT NULL AND ${ordered(x, expression.target.type, dialect)} ${operator} ${literal})`;
        }
      }
    }
    case 'in': {
      const value = valueExpression(expression.target, dialect);
      const literals = expression.values.map((literal) =>
        // Binding rejects null in `in` lists.
        literalParameter(literal as string | number | boolean, expression.target, value, dialect),
      );
      return sql<SqlBool>`(${value.expression} IS NOT NULL AND ${value.expression} IN (${sql.join(literals)}))`;
    }
    case 'string': {
      const value = valueExpression(expression.target, dialect);
      const x = value.expression;
      const folded = expression.target.fold && value.preFolded ? expression.value.toLowerCase() : expression.value;
      const lowered = expression.target.fold && !value.preFolded;
      const parameter = lowered ? sql`lower(${textParameter(folded, dialect)})` : textParameter(folded, dialect);
      // A prefix is also a byte-order range, which lets an index on the column narrow the scan; the
      // exact test stays, so the range only has to contain every match.
      const successor = expression.fn === 'startswith' && !lowered ? prefixSuccessor(folded) : undefined;
      const range =
        successor === undefined
          ? sql``
          : sql`${ordered(x, 'string', dialect)} >= ${textParameter(folded, dialect)} AND ${ordered(x, 'string', dialect)} < ${textParameter(successor, dialect)} AND `;
      return sql<SqlBool>`(${x} IS NOT NULL AND ${range}${stringTest(expression.fn, x, parameter, dialect)})`;
    }
    case 'lambda': {
      const from = collectionSource(expression.collection, dialect);
      if (expression.body === undefined) return sql<SqlBool>`EXISTS (SELECT 1 FROM ${from})`;
      const body = compileBoundSql(expression.body, dialect);
      return expression.operator === 'any'
        ? sql<SqlBool>`EXISTS (SELECT 1 FROM ${from} WHERE ${body})`
        : sql<SqlBool>`NOT EXISTS (SELECT 1 FROM ${from} WHERE NOT ${body})`;
    }
  }
}

/**
 * The smallest string greater than every string starting with `prefix`, in code point (= UTF-8 byte) order:
 * the prefix with its last code point incremented (maximal ones dropped). Undefined when there is none.
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = [...prefix].map((c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return String.fromCodePoint(...points, next);
    }
  }
  return undefined;
}

/** Prefix, suffix and substring tests that neither engine's LIKE could do case-sensitively on both. */
function stringTest(
  fn: 'startswith' | 'endswith' | 'contains',
  x: RawBuilder<unknown>,
  p: RawBuilder<unknown>,
  dialect: Dialect,
): RawBuilder<unknown> {
  if (fn === 'startswith') return sql`substr(${x}, 1, length(${p})) = ${p}`;
  if (fn === 'contains') return dialect === 'sqlite' ? sql`instr(${x}, ${p}) > 0` : sql`strpos(${x}, ${p}) > 0`;
  // SQLite's substr(x, -0) is the whole string, so the empty suffix needs its own case.
  return dialect === 'sqlite'
    ? sql`(length(${p}) = 0 OR substr(${x}, -length(${p})) = ${p})`
    : sql`right(${x}, length(${p})) = ${p}`;
}
