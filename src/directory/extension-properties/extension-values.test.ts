import { describe, expect, it } from 'vitest';
import { normalizeExtensionValue } from './extension-values.js';
import { extensionPropertyName, isExtensionAttributeName, type ExtensionDataType, type ExtensionProperty } from './extension-property.js';

const property = (dataType: ExtensionDataType, isMultiValued = false): ExtensionProperty => ({
  id: 'p',
  deletedDateTime: null,
  appDisplayName: 'HR',
  dataType,
  isMultiValued,
  isSyncedFromOnPremises: false,
  name: extensionPropertyName('1A2B3C4D-0000-0000-0000-000000000000', 'x'),
  targetObjects: ['User'],
});

describe('extension values', () => {
  it('names extensions after the appId without dashes', () => {
    expect(property('String').name).toBe('extension_1a2b3c4d000000000000000000000000_x');
    expect(isExtensionAttributeName(property('String').name)).toBe(true);
    expect(isExtensionAttributeName('extension_short_x')).toBe(false);
  });

  it('accepts values of the declared type and normalizes date-times', () => {
    expect(normalizeExtensionValue(property('String'), 'abc')).toBe('abc');
    expect(normalizeExtensionValue(property('Integer'), -5)).toBe(-5);
    expect(normalizeExtensionValue(property('LargeInteger'), 2 ** 40)).toBe(2 ** 40);
    expect(normalizeExtensionValue(property('Boolean'), false)).toBe(false);
    expect(normalizeExtensionValue(property('DateTime'), '2024-05-01T10:00:00+02:00')).toBe('2024-05-01T08:00:00Z');
    expect(normalizeExtensionValue(property('Binary'), Buffer.from('hi').toString('base64'))).toBe('aGk=');
    expect(normalizeExtensionValue(property('String', true), ['a', 'b'])).toEqual(['a', 'b']);
    expect(normalizeExtensionValue(property('Integer'), null)).toBeNull();
  });

  it('refuses values of another type or beyond Graph\'s limits', () => {
    const refused: [ExtensionProperty, unknown][] = [
      [property('String'), 5],
      [property('String'), 'x'.repeat(257)],
      [property('Integer'), 1.5],
      [property('Integer'), 2 ** 31],
      [property('Boolean'), 'true'],
      [property('DateTime'), 'yesterday'],
      [property('Binary'), 'not base64!'],
      [property('String', true), 'a'],
      [property('String', true), ['a', 1]],
    ];
    for (const [declared, value] of refused) expect(() => normalizeExtensionValue(declared, value), JSON.stringify(value)).toThrow(/Invalid value/);
  });
});
