import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalsFilter, queryString } from './filter.js';
import { ScimAttributePathError } from './scim-errors.js';

describe('equalsFilter', () => {
  it('always quotes, as the hosted service does', () => {
    expect(equalsFilter('userName', 'Test_User_00aa')).toBe('userName eq "Test_User_00aa"');
    expect(equalsFilter('externalId', 'jyoung')).toBe('externalId eq "jyoung"');
    expect(equalsFilter('emails[type eq "work"].value', 'a@b')).toBe('emails[type eq "work"].value eq "a@b"');
  });

  it('escapes quotes and backslashes so the value cannot end the string early', () => {
    expect(equalsFilter('displayName', 'R&D "core" \\ team')).toBe('displayName eq "R&D \\"core\\" \\\\ team"');
    fc.assert(
      fc.property(fc.string(), (value) => {
        const filter = equalsFilter('displayName', value);
        expect(JSON.parse(filter.slice('displayName eq '.length))).toBe(value);
      }),
    );
  });

  it('refuses attribute names that would inject filter syntax', () => {
    expect(() => equalsFilter('userName eq "x" or userName', 'y')).toThrow(ScimAttributePathError);
  });
});

describe('queryString', () => {
  it('percent-encodes with %20 for spaces', () => {
    expect(queryString([['excludedAttributes', 'members'], ['filter', 'displayName eq "a b&c"']])).toBe(
      'excludedAttributes=members&filter=displayName%20eq%20%22a%20b%26c%22',
    );
  });
});
