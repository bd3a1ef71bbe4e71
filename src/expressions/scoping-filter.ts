import { isTruthy, normalizeAttributeValue, scalarToText } from './coerce.js';
import type { Dialect } from './dialect.js';
import { isDotNetMatch, RegexTranslationError, translateDotNetRegex } from './dotnet-regex.js';
import { ExpressionError } from './errors.js';
import { isUnaryOperator, resolveFilterOperator } from './filter-operators.js';
import type { FilterOperator } from './filter-operators.js';
import type { ScalarValue } from './values.js';

/** Graph `filter` (objectMapping.scope). Missing lists count as empty. */
export interface GraphFilter {
  readonly groups?: readonly GraphFilterGroup[] | null;
  readonly inputFilterGroups?: readonly GraphFilterGroup[] | null;
  readonly categoryFilterGroups?: readonly GraphFilterGroup[] | null;
}

export interface GraphFilterGroup {
  readonly name?: string | null;
  readonly clauses?: readonly GraphFilterClause[] | null;
}

export interface GraphFilterClause {
  readonly operatorName: string;
  readonly sourceOperandName: string;
  readonly targetOperand?: { readonly values?: readonly string[] | null } | null;
}

export type ScopingFilterErrorCode = 'UnknownOperator' | 'MissingOperandValue' | 'InvalidOperandValue' | 'InvalidRegex' | 'UnsupportedRegex' | 'MissingAttribute';

/** A scoping filter cannot be compiled. `path` points at the clause, e.g. "groups[0].clauses[1]". */
export class ScopingFilterError extends ExpressionError {
  declare readonly code: ScopingFilterErrorCode;
  readonly path: string;

  constructor(code: ScopingFilterErrorCode, message: string, path: string) {
    super(code, `${message} (at ${path})`);
    this.path = path;
  }
}

export type AttributeReader = (name: string) => unknown;
export type ScopePredicate = (attribute: AttributeReader) => boolean;

/** The main predicate (`groups`) plus the two experimental lists, each compiled the same way. */
export interface ScopingFilterPredicate extends ScopePredicate {
  readonly dialect: Dialect;
  /** `inputFilterGroups`: objects failing it are not read at all (and are not deprovisioned). */
  readonly inputFilter: ScopePredicate;
  /** `categoryFilterGroups`: whether the object belongs to this object mapping. */
  readonly categoryFilter: ScopePredicate;
  /** Attributes any clause reads. */
  readonly referencedAttributes: readonly string[];
}

type ValueTest = (value: string) => boolean;

const INTEGER = /^\s*[+-]?\d+\s*$/;

function text(value: ScalarValue): string | undefined {
  return value instanceof Uint8Array ? undefined : scalarToText(value, 'scope');
}

function valueTest(operator: FilterOperator, values: readonly string[], path: string): ValueTest {
  const any = (test: (operand: string) => ValueTest) => {
    const tests = values.map(test);
    return tests.length === 1 ? tests[0]! : (v: string) => tests.some((t) => t(v));
  };
  // Negations hold when they hold for every operand value (§6.2 DECISION).
  const all = (test: (operand: string) => ValueTest) => {
    const tests = values.map(test);
    return (v: string) => tests.every((t) => t(v));
  };
  const regex = (pattern: string) => {
    try {
      return translateDotNetRegex(pattern);
    } catch (error) {
      if (error instanceof RegexTranslationError) throw new ScopingFilterError(error.code, error.message, path);
      throw error;
    }
  };
  const integer = (operand: string) => {
    if (!INTEGER.test(operand)) throw new ScopingFilterError('InvalidOperandValue', `'${operand}' is not an integer`, path);
    return BigInt(operand.trim());
  };
  switch (operator) {
    case 'EQUALS':
      return any((o) => (v) => v === o);
    case 'NOT EQUALS':
      return all((o) => (v) => v !== o);
    case 'REGEX MATCH':
      return any((o) => {
        const r = regex(o);
        return (v) => isDotNetMatch(r, v);
      });
    case 'NOT REGEX MATCH':
      return all((o) => {
        const r = regex(o);
        return (v) => !isDotNetMatch(r, v);
      });
    case 'GREATER THAN':
      return any((o) => {
        const limit = integer(o);
        return (v) => INTEGER.test(v) && BigInt(v.trim()) > limit;
      });
    case 'GREATER THAN OR EQUALS':
      return any((o) => {
        const limit = integer(o);
        return (v) => INTEGER.test(v) && BigInt(v.trim()) >= limit;
      });
    case 'INCLUDES':
      return any((o) => (v) => v.includes(o));
    case 'ENDS WITH':
      return any((o) => (v) => v.endsWith(o));
    case '&':
      return any((o) => (v) => o.includes(v));
    case '!&':
      return all((o) => (v) => !o.includes(v));
    default:
      throw new ScopingFilterError('UnknownOperator', `'${operator}' takes no value`, path);
  }
}

/** Multi-valued attributes: every value must satisfy the clause (multivaluedComparisonType "All"). */
function everyValue(raw: unknown, test: (value: ScalarValue) => boolean): boolean | null {
  const value = normalizeAttributeValue(raw);
  if (value === null || typeof value === 'symbol') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return (value as readonly ScalarValue[]).every(test);
  }
  return test(value as ScalarValue);
}

function compileClause(clause: GraphFilterClause, path: string): ScopePredicate {
  const operator = resolveFilterOperator(clause.operatorName ?? '');
  if (!operator) throw new ScopingFilterError('UnknownOperator', `unknown scoping operator '${clause.operatorName}'`, path);
  const name = clause.sourceOperandName;
  if (!name) throw new ScopingFilterError('MissingAttribute', 'the clause names no source attribute', path);
  const isEmpty = (value: ScalarValue) => value === '';
  switch (operator) {
    case 'IS NULL':
      return (attribute) => {
        const result = everyValue(attribute(name), isEmpty);
        return result === null || result;
      };
    case 'IS NOT NULL':
      return (attribute) => everyValue(attribute(name), (v) => !isEmpty(v)) === true;
    case 'IS TRUE':
      return (attribute) => everyValue(attribute(name), (v) => isTruthy(v)) === true;
    case 'IS FALSE':
      return (attribute) => everyValue(attribute(name), (v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) === true;
    default:
      break;
  }
  const values = clause.targetOperand?.values ?? [];
  if (!isUnaryOperator(operator) && values.length === 0) {
    throw new ScopingFilterError('MissingOperandValue', `'${clause.operatorName}' needs a value to compare with`, path);
  }
  const test = valueTest(operator, values, path);
  // Null or empty values make every binary clause false, negations included (§6.2 DECISION).
  return (attribute) =>
    everyValue(attribute(name), (value) => {
      const t = text(value);
      return t !== undefined && t !== '' && test(t);
    }) === true;
}

/** Groups are ORed, clauses inside a group ANDed; no groups means no restriction. */
export function compileFilterGroups(groups: readonly GraphFilterGroup[] | null | undefined, path = 'groups'): ScopePredicate {
  const compiled = (groups ?? []).map((group, g) => (group.clauses ?? []).map((clause, c) => compileClause(clause, `${path}[${g}].clauses[${c}]`)));
  if (compiled.length === 0) return () => true;
  return (attribute) => compiled.some((clauses) => clauses.every((clause) => clause(attribute)));
}

function attributesOf(filter: GraphFilter): string[] {
  const names: string[] = [];
  for (const list of [filter.groups, filter.inputFilterGroups, filter.categoryFilterGroups]) {
    for (const group of list ?? []) {
      for (const clause of group.clauses ?? []) if (clause.sourceOperandName && !names.includes(clause.sourceOperandName)) names.push(clause.sourceOperandName);
    }
  }
  return names;
}

/**
 * Compiles objectMapping.scope into a predicate over the source object's attributes (expressions-spec §6). All
 * three group lists are validated; the predicate itself answers `groups`. Throws ScopingFilterError.
 */
export function compileScopingFilter(filter: GraphFilter | null | undefined, options: { readonly dialect: Dialect }): ScopingFilterPredicate {
  const scope = filter ?? {};
  const main = compileFilterGroups(scope.groups, 'groups');
  const predicate: ScopePredicate = (attribute) => main(attribute);
  return Object.freeze(
    Object.assign(predicate, {
      dialect: options.dialect,
      inputFilter: compileFilterGroups(scope.inputFilterGroups, 'inputFilterGroups'),
      categoryFilter: compileFilterGroups(scope.categoryFilterGroups, 'categoryFilterGroups'),
      referencedAttributes: Object.freeze(attributesOf(scope)),
    }),
  );
}
