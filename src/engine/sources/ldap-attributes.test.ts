import { describe, expect, it } from 'vitest';
import { LdapEntry, parseGuid, parseSid } from '../../connectors/ldap/index.js';
import { entryAttributes, ldapAttributeNames, type SourceAttribute } from './ldap-attributes.js';

const attributes: SourceAttribute[] = [
  { name: 'objectGUID', type: 'Binary', multivalued: false },
  { name: 'objectSid', type: 'Binary', multivalued: false },
  { name: 'sAMAccountName', type: 'String', multivalued: false },
  { name: 'proxyAddresses', type: 'String', multivalued: true },
  { name: 'userAccountControl', type: 'Integer', multivalued: false },
  { name: 'accountDisabled', type: 'Boolean', multivalued: false },
  { name: 'distinguishedName', type: 'String', multivalued: false },
  { name: 'manager', type: 'Reference', multivalued: false },
  { name: 'member', type: 'Reference', multivalued: true },
  { name: 'company', type: 'String', multivalued: false },
];

describe('entryAttributes', () => {
  const guid = '92099e9d-2f2f-4444-a6e6-fedfb393e0c8';
  const ids: Record<string, string> = { 'cn=boss,dc=x': 'boss-id', 'cn=a,dc=x': 'a-id' };
  const resolve = (dn: string) => ids[dn.toLowerCase()];

  it('keys AD values by the schema names: bytes for binary, numbers for integers, ids for references', () => {
    const sid = parseSid('S-1-5-21-1-2-3-1105');
    const entry = new LdapEntry('CN=Alice,OU=Staff,DC=x', [
      ['objectGUID', [parseGuid(guid)]],
      ['objectSid', [sid]],
      ['sAMAccountName', ['alice']],
      ['proxyAddresses', ['SMTP:alice@x.test', 'smtp:a@x.test']],
      ['userAccountControl', ['514']],
      ['manager', ['CN=Boss,DC=x']],
      ['member', ['CN=A,DC=x', 'CN=Unknown,DC=x']],
    ]);
    const values = entryAttributes(entry, attributes, 'activeDirectory', resolve);
    expect(Buffer.from(values.objectGUID as Buffer).toString('base64')).toBe(parseGuid(guid).toString('base64'));
    expect(values.objectSid).toEqual(sid);
    expect(values).toMatchObject({
      sAMAccountName: 'alice',
      proxyAddresses: ['SMTP:alice@x.test', 'smtp:a@x.test'],
      userAccountControl: 514,
      accountDisabled: true,
      distinguishedName: 'CN=Alice,OU=Staff,DC=x',
      manager: 'boss-id',
      member: ['a-id'],
    });
    expect('company' in values).toBe(false);
  });

  it('gives OpenLDAP entries the AD names: entryUUID as objectGUID bytes, uid, o, uniqueMember', () => {
    const entry = new LdapEntry('uid=alice,ou=People,dc=x', [
      ['entryUUID', [guid]],
      ['uid', ['alice']],
      ['o', ['Example']],
      ['uniqueMember', ["cn=a,dc=x#'0101'B"]],
    ]);
    const values = entryAttributes(entry, attributes, 'openLdap', resolve);
    expect(values).toMatchObject({ sAMAccountName: 'alice', company: 'Example', member: ['a-id'] });
    expect(values.objectGUID).toEqual(parseGuid(guid));
    expect(entryAttributes(new LdapEntry('cn=team,ou=Groups,dc=x', [['cn', ['team']]]), attributes, 'openLdap', resolve).sAMAccountName).toBe('team');
    expect(ldapAttributeNames(attributes, 'openLdap')).toEqual(
      expect.arrayContaining(['entryUUID', 'uid', 'o', 'uniqueMember', 'userAccountControl', 'member', 'manager']),
    );
    expect(ldapAttributeNames(attributes, 'activeDirectory')).not.toContain('distinguishedName');
  });
});
