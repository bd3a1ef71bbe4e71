import {
  generalizedTimeToIso,
  toGeneralizedTime,
  type LdapAttributeType,
  type LdapEntry,
  type LdapValueInput,
} from '../../connectors/ldap/index.js';

/**
 * Values between the engine and a directory, by the attribute's syntax in the live schema. The engine's export
 * values are JSON (binary as base64, dates as ISO 8601, booleans, numbers); LDAP wants text or bytes. Null,
 * `""` and empty lists are "no value": writing them clears the attribute.
 */
export function toLdapValues(value: unknown, type: LdapAttributeType | undefined): LdapValueInput[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const result: LdapValueInput[] = [];
  for (const item of items) {
    if (item === null || item === undefined || item === '') continue;
    result.push(toLdapValue(item, type));
  }
  return result;
}

function toLdapValue(value: unknown, type: LdapAttributeType | undefined): LdapValueInput {
  switch (type?.valueSyntax) {
    case 'binary':
      if (value instanceof Uint8Array) return Buffer.from(value);
      return Buffer.from(String(value), 'base64');
    case 'boolean':
      return String(value).toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'integer':
      return typeof value === 'number' ? String(Math.trunc(value)) : String(value);
    case 'time':
      return toGeneralizedTime(String(value));
    default:
      if (value instanceof Uint8Array) return Buffer.from(value);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** An entry's attribute as the engine compares it with what it wants: undefined when absent, a list when multi-valued. */
export function fromLdapValues(entry: LdapEntry, name: string, type: LdapAttributeType | undefined): unknown {
  if (!entry.has(name)) return undefined;
  let values: unknown[];
  switch (type?.valueSyntax) {
    case 'binary':
      values = entry.buffers(name).map((bytes) => bytes.toString('base64'));
      break;
    case 'boolean':
      values = entry.strings(name).map((text) => text.toUpperCase() === 'TRUE');
      break;
    case 'integer':
      values = entry.strings(name).map((text) => (Number.isSafeInteger(Number(text)) ? Number(text) : text));
      break;
    case 'time':
      values = entry.strings(name).map(generalizedTimeToIso);
      break;
    default:
      values = entry.strings(name);
  }
  const multiValued = type === undefined ? values.length > 1 : !type.singleValued;
  return multiValued ? Object.freeze(values) : values[0];
}

/** Values of `a` that `b` lacks (text exactly, bytes byte for byte). */
export function valuesMissingFrom(a: readonly LdapValueInput[], b: readonly LdapValueInput[]): LdapValueInput[] {
  return a.filter((value) => !b.some((other) => sameLdapValue(value, other)));
}

function sameLdapValue(a: LdapValueInput, b: LdapValueInput): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const left = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const right = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return left.equals(right);
}
