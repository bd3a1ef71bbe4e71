import { describe, expect, it } from 'vitest';
import { DirectorySchema } from '../../connectors/ldap/index.js';
import { activeDirectory } from '../templates/directories/active-directory.js';
import { ldapDirectoryDefinition } from './ldap-directory-definition.js';

// A directory without Exchange's schema extension and without a contact class.
const schema = DirectorySchema.parse({
  attributeTypes: [
    "( 2.5.4.3 NAME 'cn' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
    "( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX '1.3.6.1.4.1.1466.115.121.1.40' SINGLE-VALUE NO-USER-MODIFICATION )",
    "( 1.2.840.113556.1.2.210 NAME 'proxyAddresses' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
    "( 0.9.2342.19200300.100.1.10 NAME 'manager' SYNTAX '1.3.6.1.4.1.1466.115.121.1.12' SINGLE-VALUE )",
    "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' SYNTAX '1.3.6.1.4.1.1466.115.121.1.27' SINGLE-VALUE )",
    "( 2.5.4.31 NAME 'member' SYNTAX '1.3.6.1.4.1.1466.115.121.1.12' )",
  ],
  objectClasses: [
    "( 2.5.6.0 NAME 'top' ABSTRACT MAY (objectGUID $ cn $ proxyAddresses ) )",
    "( 1.2.840.113556.1.5.9 NAME 'user' SUP top STRUCTURAL MAY (userAccountControl $ manager ) )",
    "( 2.16.840.1.113730.3.2.2 NAME 'inetOrgPerson' SUP user STRUCTURAL )",
    "( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MAY (member ) )",
  ],
});

describe('ldapDirectoryDefinition', () => {
  const discovered = ldapDirectoryDefinition(schema, activeDirectory());
  const user = discovered.objects.find((o) => o.name === 'user')!;
  const byName = (name: string) => user.attributes.find((a) => a.name === name);

  it("lists each stored object's class with the attributes the directory allows, typed by syntax", () => {
    expect(discovered.objects.map((o) => o.name)).toEqual(['user', 'inetOrgPerson', 'group']);
    expect(byName('userAccountControl')).toMatchObject({ type: 'Integer', multivalued: false });
    expect(byName('proxyAddresses')).toMatchObject({ type: 'String', multivalued: true });
    expect(byName('mailNickname')).toBeUndefined();
    expect(discovered.objects.find((o) => o.name === 'inetOrgPerson')?.attributes.map((a) => a.name)).toContain('manager');
  });

  it("keeps the stored definition's hints, its anchor first, and Provisio's computed attributes", () => {
    expect(user.attributes[0]).toMatchObject({ name: 'objectGUID', anchor: true, type: 'Binary', mutability: 'ReadOnly' });
    expect(byName('manager')).toMatchObject({ type: 'Reference', referencedObjects: expect.arrayContaining([expect.objectContaining({ referencedObjectName: 'user' })]) });
    expect(user.attributes.filter((a) => ['PasswordHash', 'accountDisabled', 'parentDistinguishedName'].includes(a.name))).toHaveLength(3);
    expect(discovered.discoverabilities).toBe('AttributeNames, AttributeDataTypes, AttributeReadOnly, ReferenceAttributes');
  });
});
