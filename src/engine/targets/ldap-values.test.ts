import { describe, expect, it } from 'vitest';
import { LdapEntry, type LdapAttributeType } from '../../connectors/ldap/index.js';
import { fromLdapValues, toLdapValues, valuesMissingFrom } from './ldap-values.js';

const type = (valueSyntax: LdapAttributeType['valueSyntax'], singleValued = true): LdapAttributeType => ({
  name: 'x',
  oid: '1.2.3',
  syntax: undefined,
  valueSyntax,
  singleValued,
  readOnly: false,
});

describe('LDAP values', () => {
  it('writes export values in the syntax of the attribute', () => {
    expect(toLdapValues('AQID', type('binary'))).toEqual([Buffer.from([1, 2, 3])]);
    expect(toLdapValues(new Uint8Array([4, 5]), type('binary'))).toEqual([Buffer.from([4, 5])]);
    expect(toLdapValues(true, type('boolean'))).toEqual(['TRUE']);
    expect(toLdapValues('False', type('boolean'))).toEqual(['FALSE']);
    expect(toLdapValues(12.7, type('integer'))).toEqual(['12']);
    expect(toLdapValues('2026-11-22T06:01:49.000Z', type('time'))).toEqual(['20261122060149.0Z']);
    expect(toLdapValues(['a', 'b'], type('string', false))).toEqual(['a', 'b']);
    expect(toLdapValues('plain', undefined)).toEqual(['plain']);
  });

  it('treats null, empty text and empty lists as no value (a write that clears)', () => {
    expect(toLdapValues(null, type('string'))).toEqual([]);
    expect(toLdapValues('', type('string'))).toEqual([]);
    expect(toLdapValues([], type('string', false))).toEqual([]);
    expect(toLdapValues(['', 'a', null], type('string', false))).toEqual(['a']);
  });

  it('reads values as the engine compares them: base64 bytes, numbers, booleans, lists for multi-valued attributes', () => {
    const entry = new LdapEntry('CN=a,DC=x', [
      ['objectGUID', [Buffer.from([1, 2, 3])]],
      ['userAccountControl', ['512']],
      ['isCriticalSystemObject', ['TRUE']],
      ['whenCreated', ['20261122060149.0Z']],
      ['proxyAddresses', ['SMTP:a@x']],
    ]);
    expect(fromLdapValues(entry, 'objectguid', type('binary'))).toBe('AQID');
    expect(fromLdapValues(entry, 'userAccountControl', type('integer'))).toBe(512);
    expect(fromLdapValues(entry, 'isCriticalSystemObject', type('boolean'))).toBe(true);
    expect(fromLdapValues(entry, 'whenCreated', type('time'))).toBe('2026-11-22T06:01:49.000Z');
    expect(fromLdapValues(entry, 'proxyAddresses', type('string', false))).toEqual(['SMTP:a@x']);
    expect(fromLdapValues(entry, 'mail', type('string'))).toBeUndefined();
  });

  it('tells which values one list lacks, text exactly and bytes byte for byte', () => {
    expect(valuesMissingFrom(['SMTP:a', 'X500:b'], ['smtp:a'])).toEqual(['SMTP:a', 'X500:b']);
    expect(valuesMissingFrom([Buffer.from([1]), Buffer.from([2])], [Buffer.from([2])])).toEqual([Buffer.from([1])]);
  });
});
