import { DateTimeValue } from './date-time-value.js';
import { dateTimeToText } from './dotnet-date-format.js';
import { parseDotNetDateTime } from './dotnet-date-parse.js';
import { ExpressionEvaluationError } from './errors.js';
import { isFlowSentinel } from './values.js';
import type { ComplexValue, ExpressionValue, ScalarValue } from './values.js';

/*
 * Conversions between the value model (expressions-spec §2) and what functions need. `fn` names the function for
 * error messages.
 */

function normalizeScalar(raw: unknown): ScalarValue | null {
  switch (typeof raw) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return raw;
    case 'number':
      return Number.isFinite(raw) ? raw : null;
    case 'object':
      if (raw === null) return null;
      if (raw instanceof DateTimeValue || raw instanceof Uint8Array) return raw;
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : DateTimeValue.fromDate(raw);
      return Object.freeze({ ...(raw as Record<string, string | number | boolean | null>) });
    default:
      return null;
  }
}

/**
 * What the engine's `attribute(name)` returned, as an expression value: undefined → null, Date → DateTime,
 * arrays → multi-valued (null entries dropped), plain objects → complex values.
 */
export function normalizeAttributeValue(raw: unknown): ExpressionValue {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) {
    const values: ScalarValue[] = [];
    for (const item of raw) {
      const value = normalizeScalar(item);
      if (value !== null) values.push(value);
    }
    return Object.freeze(values);
  }
  if (isFlowSentinel(raw)) return raw;
  return normalizeScalar(raw);
}

/** A single value from a possibly multi-valued one: empty → null, one → that value, more → error. */
export function scalar(value: ExpressionValue, fn: string): ScalarValue | null {
  if (!Array.isArray(value)) return value as ScalarValue | null;
  if (value.length === 0) return null;
  if (value.length === 1) return value[0] as ScalarValue;
  throw new ExpressionEvaluationError('MultiValuedArgument', `expected a single value but got ${value.length} values`, { functionName: fn });
}

function bytesToText(fn: string): never {
  throw new ExpressionEvaluationError('TypeMismatch', 'a binary value cannot be used as a string', { functionName: fn });
}

/** The string form of a scalar: booleans "True"/"False", DateTimes "M/d/yyyy h:mm:ss tt", complex values as JSON. */
export function scalarToText(value: ScalarValue, fn: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
    case 'bigint':
      return value.toString();
    default:
      if (value instanceof DateTimeValue) return dateTimeToText(value);
      if (value instanceof Uint8Array) return bytesToText(fn);
      return JSON.stringify(value as ComplexValue);
  }
}

/** String form of a single value, null when there is none. */
export function toText(value: ExpressionValue, fn: string): string | null {
  if (typeof value === 'string') return value;
  const single = scalar(value, fn);
  return single === null ? null : scalarToText(single, fn);
}

export function isNullOrEmpty(value: ExpressionValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Boolean inputs: `true` or the string "true" in any case (expressions-spec §2 DECISION). */
export function isTruthy(value: ExpressionValue): boolean {
  return value === true || (typeof value === 'string' && value.length === 4 && value.toLowerCase() === 'true');
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

/** An integer argument: numbers, bigints and integer strings ("1", " -10 "); null stays null. */
export function toInteger(value: ExpressionValue, fn: string, parameter: string): number | bigint | null {
  const single = scalar(value, fn);
  if (single === null) return null;
  if (typeof single === 'number' && Number.isInteger(single)) return single;
  if (typeof single === 'bigint') return single;
  if (typeof single === 'string' && INTEGER.test(single)) {
    const big = BigInt(single.trim());
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  throw new ExpressionEvaluationError('InvalidArgument', `'${parameter}' must be an integer, got ${describeValue(single)}`, { functionName: fn });
}

/** An integer argument that must fit a double exactly (lengths, positions, counts). */
export function toSafeInteger(value: ExpressionValue, fn: string, parameter: string): number | null {
  const integer = toInteger(value, fn, parameter);
  if (typeof integer === 'bigint') {
    throw new ExpressionEvaluationError('InvalidArgument', `'${parameter}' is out of range: ${integer}`, { functionName: fn });
  }
  return integer;
}

/** A DateTime argument: a DateTime value or a date string (Now() is documented as returning a string). */
export function toDateTime(value: ExpressionValue, fn: string): DateTimeValue | null {
  const single = scalar(value, fn);
  if (single === null) return null;
  if (single instanceof DateTimeValue) return single;
  if (typeof single === 'string') {
    const parsed = parseDotNetDateTime(single);
    if (parsed) return parsed;
  }
  throw new ExpressionEvaluationError('InvalidDate', `${describeValue(single)} is not a valid date and time`, { functionName: fn });
}

export function describeValue(value: ScalarValue | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Uint8Array) return `binary (${value.length} bytes)`;
  return scalarToText(value, '');
}
