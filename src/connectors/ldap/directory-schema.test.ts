import { describe, expect, it } from 'vitest';
import { DirectorySchema } from './directory-schema.js';
import { parseAttributeType, parseContentRule, parseObjectClass, SchemaDescriptionError } from './schema-description.js';

// Shapes as Samba AD and OpenLDAP publish them in their subschema entries.
const adTypes = [
  "( 2.5.4.3 NAME 'cn' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
  "( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX '1.3.6.1.4.1.1466.115.121.1.40' SINGLE-VALUE NO-USER-MODIFICATION )",
  "( 1.2.840.113556.1.2.210 NAME 'proxyAddresses' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
  "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' SYNTAX '1.3.6.1.4.1.1466.115.121.1.27' SINGLE-VALUE )",
  "( 1.2.840.113556.1.4.159 NAME 'accountExpires' SYNTAX '1.2.840.113556.1.4.906' SINGLE-VALUE )",
  "( 1.2.840.113556.1.2.2 NAME 'whenCreated' SYNTAX '1.3.6.1.4.1.1466.115.121.1.24' SINGLE-VALUE NO-USER-MODIFICATION )",
  "( 2.5.4.31 NAME 'member' SYNTAX '1.3.6.1.4.1.1466.115.121.1.12' )",
  "( 1.2.840.113556.1.4.868 NAME 'isCriticalSystemObject' SYNTAX '1.3.6.1.4.1.1466.115.121.1.7' SINGLE-VALUE )",
  "( 2.5.4.4 NAME 'sn' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
  "( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
  "( 1.2.840.113556.1.2.13 NAME 'displayName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
  "( 1.2.840.113556.1.2.447 NAME 'mailNickname' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
];
const adClasses = [
  "( 2.5.6.0 NAME 'top' ABSTRACT MUST (objectClass ) MAY (objectGUID $ whenCreated $ cn $ proxyAddresses $ displayName $ isCriticalSystemObject ) )",
  "( 2.5.6.6 NAME 'person' SUP top STRUCTURAL MUST (cn ) MAY (sn ) )",
  "( 2.5.6.7 NAME 'organizationalPerson' SUP person STRUCTURAL MAY (displayName ) )",
  "( 1.2.840.113556.1.5.9 NAME 'user' SUP organizationalPerson STRUCTURAL MAY (userAccountControl $ accountExpires ) )",
  "( 2.16.840.1.113730.3.2.2 NAME 'inetOrgPerson' SUP user STRUCTURAL MAY (displayName ) )",
  "( 1.2.840.113556.1.3.46 NAME 'mailRecipient' SUP top AUXILIARY MUST (cn ) MAY (mailNickname ) )",
  "( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MAY (member ) )",
];
const adRules = ["( 1.2.840.113556.1.5.9 NAME 'user' AUX ( mailRecipient ) MUST (sAMAccountName $ cn ) MAY (cn ) )"];

describe('schema descriptions (RFC 4512)', () => {
  it('reads attribute types as Active Directory and OpenLDAP write them', () => {
    expect(parseAttributeType(adTypes[1]!)).toEqual({
      oid: '1.2.840.113556.1.4.2',
      names: ['objectGUID'],
      sup: undefined,
      syntax: '1.3.6.1.4.1.1466.115.121.1.40',
      singleValue: true,
      noUserModification: true,
    });
    const openLdap = parseAttributeType(
      "( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519: common name(s) for which the entity is known by' SUP name )",
    );
    expect(openLdap).toMatchObject({ names: ['cn', 'commonName'], sup: 'name', syntax: undefined, singleValue: false });
    expect(parseAttributeType("( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32768} )").syntax).toBe(
      '1.3.6.1.4.1.1466.115.121.1.15',
    );
  });

  it('reads object classes and DIT content rules', () => {
    expect(parseObjectClass("( 2.5.6.6 NAME 'person' DESC 'RFC2256: a person' SUP top STRUCTURAL MUST ( sn $ cn ) MAY ( userPassword $ telephoneNumber ) )")).toEqual({
      oid: '2.5.6.6',
      names: ['person'],
      sup: ['top'],
      kind: 'structural',
      must: ['sn', 'cn'],
      may: ['userPassword', 'telephoneNumber'],
    });
    expect(parseObjectClass(adClasses[5]!).kind).toBe('auxiliary');
    expect(parseContentRule(adRules[0]!)).toMatchObject({ oid: '1.2.840.113556.1.5.9', aux: ['mailRecipient'], must: ['sAMAccountName', 'cn'] });
  });

  it('refuses text that is not a description', () => {
    expect(() => parseObjectClass('person')).toThrow(SchemaDescriptionError);
    expect(() => parseObjectClass("( 2.5.6.6 NAME 'person' MAY ( a $ b )")).toThrow(/no closing parenthesis|unclosed/);
  });
});

describe('DirectorySchema', () => {
  const schema = DirectorySchema.parse({ attributeTypes: adTypes, objectClasses: adClasses, contentRules: adRules });

  it('gives a class its own, inherited and auxiliary attributes', () => {
    const names = (cls: string) => schema.attributesOf(cls)?.map((a) => a.type.name);
    expect(names('user')).toEqual(expect.arrayContaining(['userAccountControl', 'accountExpires', 'sn', 'cn', 'objectGUID', 'proxyAddresses', 'mailNickname', 'sAMAccountName']));
    // inetOrgPerson inherits user's auxiliary classes through its superclass.
    expect(names('inetOrgPerson')).toContain('mailNickname');
    expect(names('group')).not.toContain('mailNickname');
    expect(schema.attributesOf('user')?.find((a) => a.type.name === 'sAMAccountName')?.required).toBe(true);
    expect(schema.attributesOf('contact')).toBeUndefined();
    expect(schema.allows('USER', 'MAILNICKNAME')).toBe(true);
    expect(schema.allows('group', 'mailNickname')).toBe(false);
  });

  it('classifies syntaxes, including through SUP', () => {
    const kinds = Object.fromEntries(['cn', 'objectGUID', 'userAccountControl', 'accountExpires', 'whenCreated', 'member', 'isCriticalSystemObject'].map((n) => [n, schema.attribute(n)?.valueSyntax]));
    expect(kinds).toEqual({
      cn: 'string',
      objectGUID: 'binary',
      userAccountControl: 'integer',
      accountExpires: 'integer',
      whenCreated: 'time',
      member: 'dn',
      isCriticalSystemObject: 'boolean',
    });
    expect(schema.attribute('objectguid')).toMatchObject({ readOnly: true, singleValued: true });
    expect(schema.attribute('proxyAddresses')?.singleValued).toBe(false);
    const inherited = DirectorySchema.parse({
      attributeTypes: [
        "( 2.5.4.41 NAME 'name' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32768} )",
        "( 0.9.2342.19200300.100.1.60 NAME 'jpegPhoto' SYNTAX 1.3.6.1.4.1.1466.115.121.1.28 )",
        "( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name )",
      ],
      objectClasses: [],
    });
    expect(inherited.attribute('commonName')).toMatchObject({ name: 'cn', valueSyntax: 'string', syntax: '1.3.6.1.4.1.1466.115.121.1.15' });
    expect(inherited.attribute('jpegPhoto')?.valueSyntax).toBe('binary');
  });
});
