import type { ResourceCatalog } from './catalog.js';
import type { ParsedFilter } from './filter-ast.js';
import { bindFilter, type BoundExpression, type BoundLiteral, type BoundTarget } from './filter-binding.js';
import {
  compareValues,
  normalizeValue,
  readPath,
  resolveByPath,
  type Comparable,
  type PropertyResolver,
} from './in-memory-values.js';

/**
 * The in-memory back end: a `$filter` as a predicate over entities. OData null semantics: `eq null` matches
 * missing values, `ne 'x'` matches them too, and every other comparison with a missing value is false.
 * `resolve` reads a catalog path from an entity; the default walks plain objects by property name.
 */
export function compileFilterPredicate<T>(
  filter: ParsedFilter,
  catalog: ResourceCatalog,
  resolve: PropertyResolver<T> = resolveByPath,
): (entity: T) => boolean {
  return compileBoundPredicate(bindFilter(filter, catalog).expression, resolve);
}

export function compileBoundPredicate<T>(expression: BoundExpression, resolve: PropertyResolver<T>): (entity: T) => boolean {
  const test = compile(expression, resolve as PropertyResolver<unknown>);
  return (entity) => test(entity, undefined);
}

type Test = (entity: unknown, element: unknown) => boolean;

function compile(expression: BoundExpression, resolve: PropertyResolver<unknown>): Test {
  switch (expression.kind) {
    case 'and': {
      const left = compile(expression.left, resolve);
      const right = compile(expression.right, resolve);
      return (entity, element) => left(entity, element) && right(entity, element);
    }
    case 'or': {
      const left = compile(expression.left, resolve);
      const right = compile(expression.right, resolve);
      return (entity, element) => left(entity, element) || right(entity, element);
    }
    case 'not': {
      const operand = compile(expression.operand, resolve);
      return (entity, element) => !operand(entity, element);
    }
    case 'compare': {
      const read = reader(expression.target, resolve);
      const literal = normalizeLiteral(expression.value, expression.target);
      const operator = expression.operator;
      return (entity, element) => {
        const value = read(entity, element);
        if (operator === 'eq') return equals(value, literal);
        if (operator === 'ne') return !equals(value, literal);
        if (value === null || literal === null) return false;
        const order = compareValues(value, literal);
        return operator === 'gt' ? order > 0 : operator === 'ge' ? order >= 0 : operator === 'lt' ? order < 0 : order <= 0;
      };
    }
    case 'in': {
      const read = reader(expression.target, resolve);
      const literals = expression.values.map((value) => normalizeLiteral(value, expression.target));
      return (entity, element) => {
        const value = read(entity, element);
        return value !== null && literals.some((literal) => equals(value, literal));
      };
    }
    case 'string': {
      const read = reader(expression.target, resolve);
      const argument = expression.target.fold ? expression.value.toLowerCase() : expression.value;
      const fn = expression.fn;
      return (entity, element) => {
        const value = read(entity, element);
        if (typeof value !== 'string') return false;
        return fn === 'startswith' ? value.startsWith(argument) : fn === 'endswith' ? value.endsWith(argument) : value.includes(argument);
      };
    }
    case 'lambda': {
      const path = expression.collection.path;
      const body = expression.body === undefined ? undefined : compile(expression.body, resolve);
      const any = expression.operator === 'any';
      return (entity) => {
        const items = resolve(entity, path);
        const list = Array.isArray(items) ? items : [];
        if (body === undefined) return list.length > 0;
        return any ? list.some((item) => body(entity, item)) : list.every((item) => body(entity, item));
      };
    }
  }
}

function reader(target: BoundTarget, resolve: PropertyResolver<unknown>): (entity: unknown, element: unknown) => Comparable | null {
  const { path, type, fold, transform } = target;
  if (target.source === 'element') {
    return (_entity, element) => normalizeValue(readPath(element, path), type, fold, transform);
  }
  return (entity) => normalizeValue(resolve(entity, path), type, fold, transform);
}

function normalizeLiteral(value: BoundLiteral, target: BoundTarget): Comparable | null {
  if (value === null) return null;
  // The literal is not transformed by tolower/toupper (those apply to the property), only folded.
  return normalizeValue(value, target.type, target.fold, undefined);
}

function equals(value: Comparable | null, literal: Comparable | null): boolean {
  if (value === null || literal === null) return value === literal;
  return compareValues(value, literal) === 0;
}
