import { describe, expect, it } from 'vitest';
import {
  baseDnFromDomain,
  dnBeforeDeletion,
  dnEquals,
  escapeDnValue,
  formatDn,
  isDnWithin,
  normalizeDn,
  parentDn,
  parseDn,
  stripExtendedDn,
} from './dn.js';

describe('distinguished names', () => {
  it('parses escapes, hex pairs, multi-valued RDNs and spaces around separators', () => {
    expect(parseDn('CN=Baker\\, Bob+uid=bb , OU=R\\26D,DC=x')).toEqual([
      [
        { attribute: 'CN', value: 'Baker, Bob' },
        { attribute: 'uid', value: 'bb' },
      ],
      [{ attribute: 'OU', value: 'R&D' }],
      [{ attribute: 'DC', value: 'x' }],
    ]);
    expect(parseDn('cn=J\\C3\\BCrgen,dc=x')[0]?.[0]?.value).toBe('Jürgen');
    expect(parseDn('')).toEqual([]);
  });

  it('rejects malformed DNs', () => {
    expect(() => parseDn('CN=a,')).toThrow(/no '='/);
    expect(() => parseDn('=a')).toThrow(/attribute type/);
    expect(() => parseDn('CN=a\\')).toThrow(/dangling/);
  });

  it('escapes what RFC 4514 requires and round-trips', () => {
    expect(escapeDnValue(' #a,b+c"d\\e<f>g;h=i ')).toBe('\\ #a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i\\ ');
    const dn = 'CN=u1\\0ADEL:e598eb2b,CN=Deleted Objects,DC=example,DC=test';
    expect(formatDn(parseDn(dn))).toBe(dn);
  });

  it('compares case- and escape-insensitively', () => {
    expect(normalizeDn('CN=Alice Anders, CN=Users,DC=Example,DC=TEST')).toBe('cn=alice anders,cn=users,dc=example,dc=test');
    expect(dnEquals('cn=a\\2cb,dc=x', 'CN=A\\,B,DC=X')).toBe(true);
    expect(dnEquals('cn=a,dc=x', 'cn=b,dc=x')).toBe(false);
  });

  it('tells containment and parents', () => {
    expect(isDnWithin('CN=a,OU=Staff,DC=x', 'ou=staff,dc=x')).toBe(true);
    expect(isDnWithin('OU=Staff,DC=x', 'OU=Staff,DC=x')).toBe(true);
    expect(isDnWithin('CN=a,OU=OtherStaff,DC=x', 'OU=Staff,DC=x')).toBe(false);
    expect(parentDn('CN=a\\,b,OU=Staff,DC=x')).toBe('OU=Staff,DC=x');
  });

  it('derives a base DN from a DNS domain', () => {
    expect(baseDnFromDomain('contoso.com')).toBe('DC=contoso,DC=com');
    expect(() => baseDnFromDomain('bad domain')).toThrow(/DNS domain/);
  });

  it('recovers where a deleted AD object lived', () => {
    const tombstone = 'CN=Dave Dunn\\0ADEL:e598eb2b-1157-4530-aed4-5885fa95737f,CN=Deleted Objects,DC=example,DC=test';
    expect(dnBeforeDeletion(tombstone, '<GUID=6afff323-a3a6-4dd8-9c2b-92a9601d898d>;OU=Staff,DC=example,DC=test')).toBe(
      'CN=Dave Dunn,OU=Staff,DC=example,DC=test',
    );
    expect(dnBeforeDeletion(tombstone, undefined)).toBeUndefined();
    expect(stripExtendedDn('<GUID=1>;<SID=S-1-5>;CN=Users,DC=x')).toBe('CN=Users,DC=x');
  });
});
