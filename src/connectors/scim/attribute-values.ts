/** Value rules shared by the create-body and PATCH builders. */

/** Null source values are not provisioned (engine-behavior §1.9); an empty string counts as no value. */
export function isAbsent(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/**
 * `active` and `primary` travel as booleans in create bodies even though the default `active` mapping
 * yields the strings "True"/"False" (§1.9, §2.3). Anything that is not a recognisable boolean is left as is
 * for the target to judge.
 */
export function toScimBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  return value;
}

/** Deep equality of JSON-like values, for deciding whether a change needs an operation at all. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
