import { InvalidPropertyValueError } from '../directory-errors.js';
import type { ExtensionProperty } from './extension-property.js';

/** Graph's limits for one extension value: strings of 256 characters, binary values of 256 bytes. */
const maxStringLength = 256;
const maxBinaryBytes = 256;

/**
 * Checks a value written to an extension attribute against its declaration and returns it as stored:
 * null removes the value; multi-valued properties take arrays; date-times are normalized to UTC ISO text.
 */
export function normalizeExtensionValue(property: ExtensionProperty, value: unknown): unknown {
  if (value === null) return null;
  if (property.isMultiValued) {
    if (!Array.isArray(value)) throw invalid(property);
    return value.map((item) => normalizeSingle(property, item));
  }
  return normalizeSingle(property, value);
}

function normalizeSingle(property: ExtensionProperty, value: unknown): unknown {
  switch (property.dataType) {
    case 'String':
      if (typeof value !== 'string' || value.length > maxStringLength) throw invalid(property);
      return value;
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalid(property);
      return value;
    case 'Integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw invalid(property);
      return value;
    case 'LargeInteger':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(property);
      return value;
    case 'DateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) throw invalid(property);
      return new Date(time).toISOString().replace('.000Z', 'Z');
    }
    case 'Binary': {
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || Buffer.from(value, 'base64').length > maxBinaryBytes) {
        throw invalid(property);
      }
      return value;
    }
  }
}

function invalid(property: ExtensionProperty): InvalidPropertyValueError {
  return new InvalidPropertyValueError(property.name, 'ExtensionProperty', `Invalid value specified for property '${property.name}' of type '${property.dataType}'.`);
}
