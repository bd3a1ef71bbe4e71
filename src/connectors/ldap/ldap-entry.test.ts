import { describe, expect, it } from 'vitest';
import { binaryAttributeSet } from './binary-attributes.js';
import { LdapEntry, entryFromLdapts } from './ldap-entry.js';

describe('LdapEntry', () => {
  const guid = Buffer.from('nZ4Jki8vRESm5v7fs5PgyA==', 'base64');

  it('looks attributes up case-insensitively and keeps the server spelling', () => {
    const entry = new LdapEntry('CN=a,DC=x', [
      ['objectClass', ['top', 'person', 'user']],
      ['sAMAccountName', ['alice']],
      ['objectGUID', [guid]],
      ['title', []],
    ]);
    expect(entry.text('samaccountname')).toBe('alice');
    expect(entry.get('OBJECTGUID')).toEqual([guid]);
    expect(entry.attributeNames).toEqual(['objectClass', 'sAMAccountName', 'objectGUID']);
    expect(entry.has('title')).toBe(false);
    expect(entry.objectClass).toEqual(['top', 'person', 'user']);
    expect(entry.hasObjectClass('USER')).toBe(true);
  });

  it('is immutable: with/without return new entries', () => {
    const entry = new LdapEntry('cn=a', [['mail', ['a@x']]]);
    const changed = entry.with('MAIL', ['b@x']).with('title', ['Boss']);
    expect(entry.strings('mail')).toEqual(['a@x']);
    expect(changed.strings('mail')).toEqual(['b@x']);
    expect(changed.attributeNames).toEqual(['mail', 'title']);
    expect(changed.without('Title').has('title')).toBe(false);
    expect(Object.isFrozen(entry)).toBe(true);
    expect(() => (entry.get('mail') as string[]).push('x')).toThrow(TypeError);
  });

  it('converts between text and bytes on request and serialises bytes as base64', () => {
    const entry = new LdapEntry('cn=a', [['objectGUID', [guid]], ['cn', ['a']]]);
    expect(entry.buffer('cn')).toEqual(Buffer.from('a'));
    expect(entry.toJSON()).toEqual({ dn: 'cn=a', attributes: { objectGUID: ['nZ4Jki8vRESm5v7fs5PgyA=='], cn: ['a'] } });
  });

  it('converts ldapts entries: arrays, placeholders dropped, binary attributes as Buffers whatever their case', () => {
    const utf8Guid = Buffer.from('0123456789abcdef'); // valid UTF-8, so ldapts would hand it out as text
    const entry = entryFromLdapts(
      { dn: 'CN=a,DC=x', objectguid: utf8Guid.toString('utf8'), member: ['CN=b', 'CN=c'], title: [], photo: Buffer.from([0xff]) },
      binaryAttributeSet(),
    );
    expect(entry.get('objectGUID')).toEqual([utf8Guid]);
    expect(entry.get('member')).toEqual(['CN=b', 'CN=c']);
    expect(entry.has('title')).toBe(false);
    expect(entry.get('photo')).toEqual([Buffer.from([0xff])]);
  });

  it('keeps a non-binary attribute with a non-UTF-8 value as bytes, all of them', () => {
    const entry = entryFromLdapts({ dn: 'cn=a', description: ['ok', Buffer.from([0xc3])] as unknown as string[] }, binaryAttributeSet());
    expect(entry.get('description')).toEqual([Buffer.from('ok'), Buffer.from([0xc3])]);
  });
});
