import { parseGuid } from '../../connectors/ldap/guid.js';
import { formatSid, parseSid } from '../../connectors/ldap/sid.js';
import { isValidMailNickname } from '../../directory/directory-objects/mail-nickname.js';
import { isGuid } from '../../directory/guid.js';

/**
 * Value conversions of the directory target: what the mapping engine yields (export values: text, "True" /
 * "False", numbers, lists, binary as base64 — src/engine/stages/export-values.ts) into what the directory
 * stores, and back for comparisons after a match. A value a property cannot hold is a ValueConversionError,
 * which the target reports as Graph's invalid-value error for that property.
 */
export class ValueConversionError extends Error {
  constructor(
    message: string,
    /** Several values for a single-valued property (the hosted SchemaPropertyCanOnlyAcceptValue). */
    readonly multipleValues = false,
  ) {
    super(message);
    this.name = 'ValueConversionError';
  }
}

export interface ValueConversion {
  /** The directory value for an export value; null (or an empty list) clears the property. */
  readonly write: (value: unknown) => unknown;
  /** A stored value in the form the mapping yields, so that a matched object that agrees is not updated. */
  readonly read: (stored: unknown) => unknown;
}

const same = (stored: unknown): unknown => stored;

/** One value of a single-valued property: an empty list is none, a list of one is its element. */
function single(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length > 1) throw new ValueConversionError(`${value.length} values for a single-valued property`, true);
  return value[0] ?? null;
}

function textOf(value: unknown): string | null {
  const one = single(value);
  if (one === null || one === undefined || one === '') return null;
  if (typeof one === 'string') return one;
  if (typeof one === 'number' || typeof one === 'bigint' || typeof one === 'boolean') return String(one);
  throw new ValueConversionError(`not a text value (${typeof one})`);
}

/** Text up to `max` characters (Graph's limit for the property). */
export function text(max: number): ValueConversion {
  return {
    write: (value) => {
      const converted = textOf(value);
      if (converted !== null && converted.length > max) throw new ValueConversionError(`longer than ${max} characters`);
      return converted;
    },
    read: same,
  };
}

/** A multi-valued text property; each value up to `max` characters. */
export function texts(max: number): ValueConversion {
  const each = text(max);
  return {
    write: (value) => {
      const values = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
      return values.map((item) => each.write(item)).filter((item): item is string => item !== null);
    },
    read: same,
  };
}

/** A Boolean: true/false or the "True"/"False" text expressions yield (any case). */
export const boolean: ValueConversion = {
  write: (value) => {
    const one = single(value);
    if (one === null || one === undefined || typeof one === 'boolean') return one ?? null;
    if (typeof one === 'string' && /^(true|false)$/i.test(one)) return one.toLowerCase() === 'true';
    throw new ValueConversionError('not a Boolean');
  },
  read: same,
};

/** A date and time, stored as Graph writes it (ISO 8601 UTC, whole seconds without fraction). */
export const dateTime: ValueConversion = {
  write: (value) => {
    const converted = textOf(value);
    if (converted === null) return null;
    const parsed = Date.parse(converted);
    if (Number.isNaN(parsed)) throw new ValueConversionError('not a date and time');
    return new Date(parsed).toISOString().replace('.000Z', 'Z');
  },
  read: same,
};

/** ISO 3166 two-letter country code, upper-cased as Graph stores `usageLocation`. */
export const countryCode: ValueConversion = {
  write: (value) => {
    const converted = textOf(value);
    if (converted === null) return null;
    if (!/^[A-Za-z]{2}$/.test(converted)) throw new ValueConversionError('not a two-letter country code');
    return converted.toUpperCase();
  },
  read: same,
};

/** Graph's mailNickname: printable ASCII without spaces and the characters mail addresses reserve. */
export const mailNickname: ValueConversion = {
  write: (value) => {
    const converted = text(64).write(value) as string | null;
    if (converted !== null && !isValidMailNickname(converted)) throw new ValueConversionError('not a valid mail nickname');
    return converted;
  },
  read: same,
};

const guidText = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

function bytesOf(value: unknown): Buffer | undefined {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : undefined;
}

/**
 * The source anchor as Entra shows it (`onPremisesImmutableId`): base64 of the anchor's bytes. AD's objectGUID
 * reaches the target as base64 already (binary attributes export as base64) or, from a source that hands the
 * GUID as text, as `92099e9d-2f2f-…`, which becomes base64 of its 16 bytes in AD's byte order. Other text is an
 * anchor already in its stored form.
 */
export const anchor: ValueConversion = {
  write: (value) => {
    const one = single(value);
    const bytes = bytesOf(one);
    if (bytes !== undefined) return bytes.toString('base64');
    const converted = textOf(one);
    if (converted === null) return null;
    if (guidText.test(converted)) return parseGuid(converted).toString('base64');
    if (converted.length > 256) throw new ValueConversionError('longer than 256 characters');
    return converted;
  },
  read: same,
};

/**
 * A security identifier, stored as Graph shows it (`S-1-5-21-…`). AD's objectSid is binary, so the mapping
 * yields base64 of its bytes; a source may also hand the text form. Read back as base64 of the bytes, the
 * form the mapping yields for the AD schema's Binary objectSid.
 */
export const securityIdentifier: ValueConversion = {
  write: (value) => {
    const one = single(value);
    const bytes = bytesOf(one) ?? (typeof one === 'string' && !/^S-/i.test(one) && one !== '' ? Buffer.from(one, 'base64') : undefined);
    try {
      if (bytes !== undefined) return formatSid(bytes);
      const converted = textOf(one);
      return converted === null ? null : formatSid(parseSid(converted));
    } catch (error) {
      throw new ValueConversionError(error instanceof Error ? error.message : 'not a security identifier');
    }
  },
  read: (stored) => {
    if (typeof stored !== 'string') return stored;
    try {
      return parseSid(stored).toString('base64');
    } catch {
      return stored;
    }
  },
};

/** A directory object id (a reference written as the referenced object's id). */
export const objectId: ValueConversion = {
  write: (value) => {
    const converted = textOf(value);
    if (converted !== null && !isGuid(converted)) throw new ValueConversionError('not an object id');
    return converted?.toLowerCase() ?? null;
  },
  read: same,
};

/** Text that must be one of a fixed set of values (Graph's enumerations such as userType). */
export function oneOf(values: readonly string[]): ValueConversion {
  return {
    write: (value) => {
      const converted = textOf(value);
      if (converted === null) return null;
      const match = values.find((candidate) => candidate.toLowerCase() === converted.toLowerCase());
      if (match === undefined) throw new ValueConversionError(`not one of ${values.join(', ')}`);
      return match;
    },
    read: same,
  };
}
