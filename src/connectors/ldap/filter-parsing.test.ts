import { BerReader, BerWriter, EqualityFilter, type AndFilter, type NotFilter, type OrFilter, type SubstringFilter } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter-parsing.js';
import { LdapInvalidFilterError } from './ldap-errors.js';

/** The value bytes an equality filter puts on the wire. */
function wireValue(filter: EqualityFilter): Buffer {
  const writer = new BerWriter();
  filter.write(writer);
  const reader = new BerReader(writer.buffer);
  reader.readSequence();
  reader.readString();
  return reader.readString(0x04, true) as Buffer;
}

describe('parseFilter', () => {
  it('sends escaped binary values as the exact bytes (ldapts alone would UTF-8 encode each escape)', () => {
    const filter = parseFilter('(objectGUID=\\9d\\9e\\09\\92\\2f\\2f\\44\\44\\a6\\e6\\fe\\df\\b3\\93\\e0\\c8)') as EqualityFilter;
    expect(filter).toBeInstanceOf(EqualityFilter);
    expect(wireValue(filter).toString('base64')).toBe('nZ4Jki8vRESm5v7fs5PgyA==');
  });

  it('keeps bytes that look like a UTF-8 byte-order mark', () => {
    const filter = parseFilter('(objectGUID=\\ef\\bb\\bf\\41)') as EqualityFilter;
    expect(wireValue(filter).toString('hex')).toBe('efbbbf41');
  });

  it('sends escaped and literal non-ASCII text as UTF-8', () => {
    const escaped = parseFilter('(cn=J\\c3\\bcrgen)') as EqualityFilter;
    const literal = parseFilter('(cn=Jürgen)') as EqualityFilter;
    expect(escaped.value).toBe('Jürgen');
    expect(wireValue(literal)).toEqual(Buffer.from('Jürgen', 'utf8'));
  });

  it('fixes values inside and/or/not and substrings', () => {
    const filter = parseFilter('(&(objectClass=user)(|(sn=Müller*)(!(objectGUID=\\ff\\fe))))') as AndFilter;
    const or = filter.filters[1] as OrFilter;
    expect((or.filters[0] as SubstringFilter).initial).toBe('Müller');
    const not = or.filters[1] as NotFilter;
    expect((not.filter as EqualityFilter).value).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('reports malformed filters and binary values where only text is possible', () => {
    expect(() => parseFilter('(objectClass=user')).toThrow(LdapInvalidFilterError);
    expect(() => parseFilter('(uSNChanged>=\\ff)')).toThrow(/only supported in equality/);
  });
});
