import { DateTimeValue, type ExpressionValue, type ScalarValue } from '../../expressions/index.js';

/**
 * An expression result as it travels to the target: JSON values. Dates become ISO 8601 text (what SCIM's
 * dateTime expects), binary base64, bigints numbers when exact (else text). Null and empty lists mean "no
 * value" (undefined): null values are not provisioned (engine-behavior §1.9). Flow sentinels are the
 * caller's business.
 */
export function toExportValue(value: ExpressionValue): unknown {
  if (value === null || typeof value === 'symbol') return undefined;
  if (Array.isArray(value)) {
    const values = (value as readonly ScalarValue[]).map(scalarToJson);
    return values.length === 0 ? undefined : Object.freeze(values);
  }
  return scalarToJson(value as ScalarValue);
}

function scalarToJson(value: ScalarValue): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof DateTimeValue) return new Date(value.epochMs).toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') return Object.freeze({ ...value });
  return value;
}

/**
 * Whether two exported values are the same to the target: booleans equal their "True"/"False" text in any
 * case (the default `active` mapping yields text, targets answer booleans), numbers equal their text,
 * multi-valued values compare as sets, objects member by member. Strings compare exactly.
 */
export function sameExportValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [a];
    const right = Array.isArray(b) ? b : [b];
    if (left.length !== right.length) return false;
    const remaining = [...right];
    for (const item of left) {
      const index = remaining.findIndex((candidate) => sameExportValue(item, candidate));
      if (index === -1) return false;
      remaining.splice(index, 1);
    }
    return true;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).toLowerCase() === String(b).toLowerCase();
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b);
  if (typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameExportValue(left[key], right[key]));
  }
  return false;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
