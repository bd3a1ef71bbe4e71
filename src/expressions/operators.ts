import type { ComparisonOperator } from './ast.js';
import { scalar, scalarToText } from './coerce.js';
import { DateTimeValue } from './date-time-value.js';
import type { ExpressionValue, ScalarValue } from './values.js';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

function asInteger(value: ScalarValue): bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value.trim());
  return undefined;
}

function ordered(operator: ComparisonOperator, sign: number): boolean {
  switch (operator) {
    case '=':
      return sign === 0;
    case '<>':
      return sign !== 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
  }
}

/**
 * `=`, `<>`, `>`, `>=`, `<`, `<=` (expressions-spec §4.2 IIF): integers (and integer strings, as in
 * `[StatusRehire]=1`) compare numerically, two DateTimes chronologically, everything else as ordinal,
 * case-sensitive strings. A null operand makes every comparison false (§3.4 DECISION).
 */
export function compareValues(operator: ComparisonOperator, leftValue: ExpressionValue, rightValue: ExpressionValue): boolean {
  const left = scalar(leftValue, operator);
  const right = scalar(rightValue, operator);
  if (left === null || right === null) return false;
  const a = asInteger(left);
  const b = asInteger(right);
  if (a !== undefined && b !== undefined) return ordered(operator, a === b ? 0 : a < b ? -1 : 1);
  if (left instanceof DateTimeValue && right instanceof DateTimeValue) {
    const x = left.epochMs * 10_000 + left.subMsTicks;
    const y = right.epochMs * 10_000 + right.subMsTicks;
    return ordered(operator, x === y ? 0 : x < y ? -1 : 1);
  }
  const x = scalarToText(left, operator);
  const y = scalarToText(right, operator);
  return ordered(operator, x === y ? 0 : x < y ? -1 : 1);
}

/** `a & b`: string concatenation where null counts as "" (VB semantics). */
export function concatenate(values: readonly ExpressionValue[]): string {
  let out = '';
  for (const value of values) {
    const single = scalar(value, '&');
    if (single !== null) out += scalarToText(single, '&');
  }
  return out;
}
